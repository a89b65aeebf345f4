import type { ReactNode } from 'react';
import { IndicesPage } from './pages/indices/IndicesPage';
import { DirectivesPage } from './pages/directives/DirectivesPage';
import { DossiersPage } from './pages/dossiers/DossiersPage';
import {
  AuditOutlined,
  BarChartOutlined,
  CommentOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FormOutlined,
  SolutionOutlined,
} from '@ant-design/icons';

/** The business modules, in menu order. A module not yet built shows a page saying so. */
export interface ModuleEntry {
  path: string;
  label: string;
  icon: ReactNode;
  description: string;
  element?: ReactNode;
}

export const MODULES: ModuleEntry[] = [
  {
    path: '/directives',
    label: 'Chỉ đạo, điều hành',
    icon: <FileTextOutlined />,
    description: 'Chỉ thị, kế hoạch của UBND tỉnh, nhiệm vụ giao các đơn vị, báo cáo tiến độ, nhắc hạn.',
    element: <DirectivesPage />,
  },
  {
    path: '/dossiers',
    label: 'Hồ sơ TTHC',
    icon: <FileDoneOutlined />,
    description: 'Tình hình giải quyết hồ sơ thủ tục hành chính: đúng hạn, trễ hạn, xin lỗi, Bộ chỉ số 766.',
    element: <DossiersPage />,
  },
  {
    path: '/indices',
    label: 'Chỉ số PAR, SIPAS, PAPI',
    icon: <BarChartOutlined />,
    description: 'Kết quả các chỉ số quốc gia theo năm và thành phần, điểm bị mất, so sánh, giả định.',
    element: <IndicesPage />,
  },
  {
    path: '/assessment',
    label: 'Chỉ số CCHC nội bộ',
    icon: <SolutionOutlined />,
    description: 'Bộ tiêu chí năm, tự đánh giá có minh chứng, thẩm định, xếp hạng sở, ngành và xã, phường.',
  },
  {
    path: '/surveys',
    label: 'Khảo sát hài lòng',
    icon: <FormOutlined />,
    description: 'Phiếu khảo sát sự hài lòng của người dân, tổ chức.',
  },
  {
    path: '/feedback',
    label: 'Phản ánh, kiến nghị',
    icon: <CommentOutlined />,
    description: 'Phản ánh, kiến nghị của người dân và kết quả xử lý.',
  },
  {
    path: '/reports',
    label: 'Báo cáo',
    icon: <AuditOutlined />,
    description: 'Báo cáo CCHC định kỳ theo thể thức văn bản hành chính (DOCX, XLSX, PDF).',
  },
];

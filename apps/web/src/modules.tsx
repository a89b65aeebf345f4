import { AuditOutlined, CommentOutlined, FormOutlined } from '@ant-design/icons';
import type { WebModule } from './modules/types';
import { directivesModule } from './modules/directives';
import { dossiersModule } from './modules/dossiers';
import { indicesModule } from './modules/indices';
import { assessmentModule } from './modules/assessment';

export type { WebModule } from './modules/types';

/**
 * The one list of the web app's business modules, in menu order. A module is a folder under modules/
 * exporting a `WebModule` and a line here; one not yet built has only its entry and says so.
 */
export const MODULES: WebModule[] = [
  directivesModule,
  dossiersModule,
  indicesModule,
  assessmentModule,

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

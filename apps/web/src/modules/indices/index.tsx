import { BarChartOutlined } from '@ant-design/icons';
import type { WebModule } from '../types';
import { lazyPage } from '../lazy';

const IndicesPage = lazyPage(() => import('./IndicesPage').then((m) => m.IndicesPage));

export const indicesModule: WebModule = {
  path: '/indices',
  label: 'Chỉ số PAR, SIPAS, PAPI',
  icon: <BarChartOutlined />,
  description: 'Kết quả các chỉ số quốc gia theo năm và thành phần, điểm bị mất, so sánh, giả định.',
  routes: [{ path: '', element: <IndicesPage /> }],
};

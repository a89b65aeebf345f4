import { CommentOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { StatCard } from '../StatCard';
import type { HomePanelProps, WebModule } from '../types';
import { lazyPage } from '../lazy';

const FeedbackPage = lazyPage(() => import('./FeedbackPage').then((m) => m.FeedbackPage));
const CasePage = lazyPage(() => import('./CasePage').then((m) => m.CasePage));
const PublicFeedbackPage = lazyPage(() => import('./PublicFeedbackPage').then((m) => m.PublicFeedbackPage));
const PublicTrackPage = lazyPage(() => import('./PublicTrackPage').then((m) => m.PublicTrackPage));
const PublicAnswersPage = lazyPage(() => import('./PublicAnswersPage').then((m) => m.PublicAnswersPage));

function FeedbackHome({ unit, today }: HomePanelProps) {
  const from = `${today.slice(0, 4)}-01-01`;
  const stats = useQuery({
    queryKey: ['feedback', 'stats', 'home', unit ?? '', today],
    queryFn: () => unwrap(api.GET('/api/feedback/stats', { params: { query: { from, to: today, unit } } })),
  });
  const t = stats.data?.total;
  return (
    <>
      <StatCard
        to="/feedback?tab=stats"
        title="Phản ánh trả lời đúng hạn"
        value={t?.onTimeRate ?? 0}
        suffix={`% của ${t ? formatNumber(t.judged) : '…'}`}
        loading={stats.isPending}
      />
      <StatCard
        to="/feedback?overdue=true"
        title="Phản ánh quá hạn chưa trả lời"
        value={t?.overdueNow ?? 0}
        loading={stats.isPending}
        danger
      />
    </>
  );
}

export const feedbackModule: WebModule = {
  path: '/feedback',
  label: 'Phản ánh, kiến nghị',
  icon: <CommentOutlined />,
  description: 'Phản ánh, kiến nghị của người dân, doanh nghiệp: tiếp nhận mọi kênh, giao xử lý, hạn ngày làm việc, công khai trả lời.',
  routes: [
    { path: '', element: <FeedbackPage /> },
    { path: ':id', element: <CasePage /> },
  ],
  publicRoutes: [
    { path: '/public/feedback', element: <PublicFeedbackPage /> },
    { path: '/public/feedback/track', element: <PublicTrackPage /> },
    { path: '/public/feedback/answers', element: <PublicAnswersPage /> },
  ],
  HomePanel: FeedbackHome,
};

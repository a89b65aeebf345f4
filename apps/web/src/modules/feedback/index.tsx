import { CommentOutlined } from '@ant-design/icons';
import type { WebModule } from '../types';
import { lazyPage } from '../lazy';
const FeedbackPage = lazyPage(() => import('./FeedbackPage').then((m) => m.FeedbackPage));
const CasePage = lazyPage(() => import('./CasePage').then((m) => m.CasePage));
const PublicFeedbackPage = lazyPage(() => import('./PublicFeedbackPage').then((m) => m.PublicFeedbackPage));
const PublicTrackPage = lazyPage(() => import('./PublicTrackPage').then((m) => m.PublicTrackPage));
const PublicAnswersPage = lazyPage(() => import('./PublicAnswersPage').then((m) => m.PublicAnswersPage));

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
  HomePanel: lazyPage(() => import('./HomePanel').then((x) => x.FeedbackHome)),
};

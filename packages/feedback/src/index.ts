import { defineModule } from '@cchc/core';
import { feedbackMigrations } from './feedback.migrations';
import { feedbackGlobalActions, feedbackRules } from './feedback.policy';
import { registerFeedbackRoutes } from './feedback.routes';
import { feedbackDemo } from './feedback.demo';
import { feedbackReminders } from './feedback.reminders';
import { FEEDBACK_METRICS } from './feedback.metrics';
import { ensureCategories } from './feedback.repository';
import { sweepChallenges } from './challenge';
import { cleanPendingPhotos } from './photos';

/** Citizen feedback (phản ánh, kiến nghị): one intake, routing, working-day clocks, public answers, ratings. */
export const feedbackModule = defineModule({
  name: 'feedback',
  label: 'Phản ánh, kiến nghị',
  migrations: feedbackMigrations,
  rules: feedbackRules,
  globalActions: feedbackGlobalActions,
  routes: registerFeedbackRoutes,
  demo: feedbackDemo,
  reminders: [feedbackReminders],
  metrics: FEEDBACK_METRICS,
  jobs: [
    {
      name: 'feedback-categories',
      atStart: true,
      async run(s) {
        const n = await ensureCategories(s.db, s.provinceCode);
        return n ? `Đã tạo ${n} lĩnh vực phản ánh mặc định (thời hạn theo Quyết định 766)` : undefined;
      },
    },
    {
      // Photos received since the last pass, cleaned of their metadata (a few seconds after intake).
      name: 'feedback-photos',
      atStart: true,
      everyMs: () => 3_000,
      async run(s) {
        let n = 0;
        for (let batch = await cleanPendingPhotos(s); batch; batch = await cleanPendingPhotos(s)) n += batch;
        return n ? `Đã xoá thông tin vị trí, máy ảnh của ${n} ảnh phản ánh` : undefined;
      },
    },
    {
      name: 'feedback-challenges',
      everyMs: () => 60 * 60_000,
      async run(s) {
        const n = await sweepChallenges(s);
        return n ? `Đã xoá ${n} mã xác minh đã hết hạn` : undefined;
      },
    },
  ],
  auditLabels: {
    actions: {
      'feedback.create': 'Tiếp nhận phản ánh, kiến nghị',
      'feedback.submit': 'Người dân gửi phản ánh, kiến nghị',
      'feedback.import': 'Nhập phản ánh, kiến nghị',
      'feedback.categories': 'Sửa lĩnh vực phản ánh',
      'feedback.photo': 'Sửa ảnh phản ánh',
      'feedback.rate': 'Người dân đánh giá câu trả lời',
      'feedback.assign': 'Giao xử lý phản ánh',
      'feedback.transfer': 'Chuyển phản ánh',
      'feedback.redirect': 'Chuyển phản ánh đúng thẩm quyền',
      'feedback.reject': 'Từ chối phản ánh',
      'feedback.draft': 'Soạn trả lời phản ánh',
      'feedback.answer': 'Trả lời phản ánh',
      'feedback.approve': 'Duyệt trả lời phản ánh',
      'feedback.return': 'Trả lại câu trả lời',
      'feedback.publish': 'Công khai trả lời phản ánh',
      'feedback.extend': 'Gia hạn xử lý phản ánh',
      'feedback.hide': 'Ẩn, hiện phản ánh trên trang công khai',
      'feedback.task': 'Tạo nhiệm vụ từ phản ánh',
    },
    entities: { feedback_case: 'Phản ánh, kiến nghị', feedback_category: 'Lĩnh vực phản ánh', feedback_import: 'Lần nhập phản ánh' },
    fields: { category: 'Lĩnh vực', photos: 'Ảnh', isPublic: 'Công khai', days: 'Số ngày', hidden: 'Ẩn' },
  },
});

export { cleanPendingPhotos } from './photos';

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
});

export { cleanPendingPhotos } from './photos';

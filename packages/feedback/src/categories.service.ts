/** The categories of feedback and their clocks in working days, which the office sets for its province. */
import { AppError, authorize, inTransaction, recordAudit, type Actor, type AppServices, type RequestContext } from '@cchc/core';
import * as repo from './feedback.repository';

export interface CategoryInput {
  code: string;
  name: string;
  processDays: number;
  refuseDays: number;
  transferDays: number;
  publishDays: number;
  isActive: boolean;
}

const present = (c: repo.CategoryRow) => ({
  code: c.code,
  name: c.name,
  processDays: c.processDays,
  refuseDays: c.refuseDays,
  transferDays: c.transferDays,
  publishDays: c.publishDays,
  isActive: c.isActive,
});

export async function listCategories(s: AppServices) {
  return (await repo.categories(s.db, s.provinceCode)).map(present);
}

/**
 * Replaces the list (categories are never deleted: one no longer used is made inactive). A changed
 * clock applies to cases received afterwards; a case keeps the due date it was given at receipt.
 */
export async function saveCategories(s: AppServices, ctx: RequestContext, actor: Actor, input: CategoryInput[]) {
  authorize(actor, 'feedback.manage');
  const seen = new Set<string>();
  for (const [i, c] of input.entries()) {
    const at = `Dòng ${i + 1} (lĩnh vực "${c.code}")`;
    if (!/^[a-z0-9_]{2,40}$/.test(c.code))
      throw new AppError('VALIDATION', `${at}: mã chỉ gồm chữ thường không dấu, số và "_" (2–40 ký tự).`, 400, {
        row: i + 1,
        field: 'code',
      });
    if (seen.has(c.code)) throw new AppError('VALIDATION', `${at}: mã bị lặp.`, 400, { row: i + 1, field: 'code' });
    seen.add(c.code);
    if (!c.name.trim()) throw new AppError('VALIDATION', `${at}: thiếu tên lĩnh vực.`, 400, { row: i + 1, field: 'name' });
  }
  const before = await repo.categories(s.db, s.provinceCode);
  const missing = before.filter((b) => !seen.has(b.code));
  if (missing.length)
    throw new AppError(
      'CATEGORY_IN_USE',
      `Không xoá lĩnh vực (có thể đã có phản ánh): ${missing.map((m) => m.name).join(', ')}. Hãy đánh dấu "không dùng".`,
      409,
    );
  if (!input.some((c) => c.isActive)) throw new AppError('VALIDATION', 'Cần ít nhất một lĩnh vực đang dùng.');
  await inTransaction(s.db, async (tx) => {
    for (const [i, c] of input.entries()) {
      await tx
        .insertInto('feedbackCategory')
        .values({ provinceCode: s.provinceCode, ...c, name: c.name.trim(), sortOrder: i + 1 })
        .onConflict((oc) =>
          oc.columns(['provinceCode', 'code']).doUpdateSet({
            name: c.name.trim(),
            processDays: c.processDays,
            refuseDays: c.refuseDays,
            transferDays: c.transferDays,
            publishDays: c.publishDays,
            isActive: c.isActive,
            sortOrder: i + 1,
          }),
        )
        .execute();
    }
    await recordAudit(tx, ctx, 'feedback.categories', { entityType: 'feedback_category', before: before.map(present), after: input });
  });
  return listCategories(s);
}

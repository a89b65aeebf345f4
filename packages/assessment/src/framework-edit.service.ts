/**
 * A framework edited in the UI: the whole tree sent back as rows of the import layout and checked by the
 * same rules (a parent's maximum is the sum of its children's, codes unique and parented, bands within
 * the maximum, known metrics). Saved only without errors, and only while no unit has been scored on it:
 * a framework in use is copied into a new version (the copy), never changed under the scores.
 */
import {
  AppError,
  authorize,
  formatFixed,
  inTransaction,
  recordAudit,
  type Actor,
  type AppServices,
  type RequestContext,
} from '@cchc/core';
import { parseFramework } from './framework.domain';
import * as repo from './assessment.repository';

export interface CriterionEdit {
  code: string;
  content: string;
  maxPoints: number;
  method: string | null;
  metricKey?: string | null;
  bands?: string | null;
  evidenceRequired?: boolean;
}

const HEADER = ['ma', 'noi_dung', 'diem_toi_da', 'cach_cham', 'du_lieu', 'thang_diem', 'minh_chung'];

export async function editFramework(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { name?: string; criteria: CriterionEdit[] },
) {
  authorize(actor, 'assessment.manage');
  const f = await repo.findFramework(s.db, s.provinceCode, id);
  if (!f) throw new AppError('NOT_FOUND', `Không có bộ tiêu chí số ${id}.`, 404);
  const used = await s.db
    .selectFrom('assessmentCriterion as c')
    .select('c.id')
    .where('c.frameworkId', '=', id)
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('assessmentScore as sc').select('sc.sheetId').whereRef('sc.criterionId', '=', 'c.id')),
        eb.exists(eb.selectFrom('assessmentEvidence as e').select('e.id').whereRef('e.criterionId', '=', 'c.id')),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  if (used)
    throw new AppError(
      'FRAMEWORK_IN_USE',
      'Bộ tiêu chí đã được dùng để chấm điểm: không sửa trực tiếp được. Hãy sao chép thành bản mới (cùng năm hoặc năm khác) rồi sửa bản mới.',
      409,
    );
  const table = [
    HEADER,
    ...input.criteria.map((c) => [
      c.code,
      c.content,
      formatFixed(c.maxPoints, 2),
      c.method ?? '',
      c.metricKey ?? '',
      c.bands ?? '',
      c.evidenceRequired ? '1' : '',
    ]),
  ];
  const parsed = parseFramework(table, (k) => s.metrics.has(k));
  if (parsed.errors.length) return { id: null, criteria: parsed.scored, maxTotal: parsed.maxTotal, errors: parsed.errors };
  if (!parsed.criteria.length) throw new AppError('EMPTY_FRAMEWORK', 'Bộ tiêu chí phải có ít nhất một tiêu chí.');
  const before = await repo.criteriaOf(s.db, id);
  await inTransaction(s.db, async (tx) => {
    await tx.deleteFrom('assessmentCriterion').where('frameworkId', '=', id).execute();
    await repo.insertCriteria(tx, id, parsed.criteria);
    await tx
      .updateTable('assessmentFramework')
      .set({ maxTotal: parsed.maxTotal, ...(input.name?.trim() ? { name: input.name.trim() } : {}) })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, ctx, 'assessment.framework.edit', {
      entityType: 'assessment_framework',
      entityId: id,
      before: { name: f.name, criteria: before.map((c) => [c.code, Number(c.maxPoints), c.method]) },
      after: { name: input.name?.trim() || f.name, criteria: parsed.criteria.map((c) => [c.code, c.maxPoints, c.method]) },
    });
  });
  return { id, criteria: parsed.scored, maxTotal: parsed.maxTotal, errors: [] };
}

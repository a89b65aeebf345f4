/**
 * What Sở Nội vụ does to a round besides opening it: assigning its appraisers, moving its deadlines (a
 * stage that locked is reopened only this way, with a reason, audited), and the head's withdrawal of a
 * self-assessment before its deadline.
 */
import {
  AppError,
  authorize,
  formatDate,
  inTransaction,
  recordAudit,
  transition,
  type Actor,
  type AppServices,
  type RequestContext,
} from '@cchc/core';
import * as repo from './assessment.repository';
import { assertOpen, loadRound, loadSheet } from './round.access';
import { sheetFlow } from './sheet.flow';
import { getSheet, type RoundInput } from './round.service';

/** The users with the appraiser role in the province, and whether each is assigned to the round. */
export async function listAppraisers(s: AppServices, actor: Actor, roundId: number) {
  authorize(actor, 'assessment.manage');
  await loadRound(s, roundId);
  const assigned = new Set(await repo.appraisersOf(s.db, roundId));
  const users = await s.db
    .selectFrom('appUser as u')
    .innerJoin('userRole as r', 'r.userId', 'u.id')
    .innerJoin('unit as un', 'un.id', 'u.unitId')
    .select(['u.id', 'u.fullName', 'u.username', 'un.name as unitName'])
    .where('r.role', '=', 'appraiser')
    .where('un.provinceCode', '=', s.provinceCode)
    .where('u.isActive', '=', true)
    .orderBy('u.fullName')
    .execute();
  return users.map((u) => ({
    id: Number(u.id),
    fullName: u.fullName,
    username: u.username,
    unitName: u.unitName,
    assigned: assigned.has(Number(u.id)),
  }));
}

/** Sets the round's appraisers (an empty list: every appraiser of the province again). */
export async function setAppraisers(s: AppServices, ctx: RequestContext, actor: Actor, roundId: number, userIds: number[]) {
  const all = await listAppraisers(s, actor, roundId);
  const known = new Set(all.map((u) => u.id));
  const unknown = userIds.filter((id) => !known.has(id));
  if (unknown.length)
    throw new AppError(
      'NOT_AN_APPRAISER',
      `Người dùng số ${unknown.join(', ')} không có vai trò thẩm định trong tỉnh: không phân công được.`,
    );
  const before = all.filter((u) => u.assigned).map((u) => u.id);
  const after = [...new Set(userIds)].sort((a, b) => a - b);
  await inTransaction(s.db, async (tx) => {
    await tx.deleteFrom('assessmentAppraiser').where('roundId', '=', roundId).execute();
    if (after.length)
      await tx
        .insertInto('assessmentAppraiser')
        .values(after.map((userId) => ({ roundId, userId })))
        .execute();
    await recordAudit(tx, ctx, 'assessment.round.appraisers', { entityType: 'assessment_round', entityId: roundId, before, after });
  });
  return listAppraisers(s, actor, roundId);
}

/** New deadlines for a round; the reason is kept in the audit log (reopening a stage that locked). */
export async function changeDeadlines(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  roundId: number,
  input: { deadlines: RoundInput['deadlines']; reason: string },
) {
  authorize(actor, 'assessment.manage');
  const round = await loadRound(s, roundId);
  const d = input.deadlines;
  if (!(d.selfEnd <= d.appraisal1End && d.appraisal1End <= d.explanationEnd && d.explanationEnd <= d.appraisal2End))
    throw new AppError('BAD_DEADLINES', 'Các hạn phải theo thứ tự: tự đánh giá ≤ thẩm định lần 1 ≤ giải trình ≤ thẩm định lần 2.');
  const reason = input.reason.trim();
  if (reason.length < 5)
    throw new AppError('REASON_REQUIRED', 'Hãy ghi lý do thay đổi hạn (mở lại giai đoạn đã khóa là một quyết định được ghi nhật ký).');
  const before = {
    selfEnd: round.selfEnd,
    appraisal1End: round.appraisal1End,
    explanationEnd: round.explanationEnd,
    appraisal2End: round.appraisal2End,
  };
  const today = s.today();
  const reopened = (Object.keys(d) as (keyof typeof d)[]).filter((k) => before[k] < today && d[k] >= today);
  await inTransaction(s.db, async (tx) => {
    await tx.updateTable('assessmentRound').set(d).where('id', '=', roundId).execute();
    await recordAudit(tx, ctx, reopened.length ? 'assessment.round.reopen' : 'assessment.round.deadlines', {
      entityType: 'assessment_round',
      entityId: roundId,
      before,
      after: { ...d, reason, reopened },
    });
  });
  return {
    id: roundId,
    reopened: reopened.map((k) => `${DEADLINE_LABELS[k]} (đến ${formatDate(d[k])})`),
  };
}

const DEADLINE_LABELS = {
  selfEnd: 'tự đánh giá',
  appraisal1End: 'thẩm định lần 1',
  explanationEnd: 'giải trình',
  appraisal2End: 'thẩm định lần 2',
} as const;

/** The head takes the self-assessment back to draft, before the self-assessment deadline. */
export async function withdrawSheet(s: AppServices, ctx: RequestContext, actor: Actor, roundId: number, unitCode: string) {
  const { round, unit, subject } = await loadSheet(s, actor, roundId, unitCode);
  authorize(actor, 'assessment.withdraw', subject);
  assertOpen(s, 'withdraw', round.selfEnd);
  const next = transition(sheetFlow, subject.state, 'withdraw');
  await inTransaction(s.db, async (tx) => {
    await repo.setSheetState(tx, roundId, Number(unit.id), next, s.now());
    await recordAudit(tx, ctx, 'assessment.withdraw', {
      entityType: 'assessment_sheet',
      entityId: `${roundId}:${unit.code}`,
      unitId: Number(unit.id),
      before: { state: subject.state },
      after: { state: next },
    });
  });
  return getSheet(s, actor, roundId, unit.code);
}

/**
 * What every round operation starts from: the round (404 outside the province), the unit in the
 * caller's scope and in the round's group, the sheet as the policy sees it (with the round's assigned
 * appraisers), and the stage locks.
 */
import { AppError, formatDate, isCommuneLevel, resolveScopedUnit, type Actor, type AppServices } from '@cchc/core';
import type { SheetState, Stage, UnitGroup } from './assessment.tables';
import type { SheetSubject } from './assessment.policy';
import { sheetFlow } from './sheet.flow';
import * as repo from './assessment.repository';

export async function loadRound(s: AppServices, id: number) {
  const round = await repo.findRound(s.db, s.provinceCode, id);
  if (!round) throw new AppError('NOT_FOUND', `Không có đợt đánh giá số ${id}.`, 404);
  return round;
}

export const groupOfType = (type: string): UnitGroup =>
  type === 'province' ? 'province' : isCommuneLevel(type) ? 'commune' : 'department';

/** The unit, in the caller's scope and in the round's group (a department has no sheet in the communes' round). */
export async function roundUnit(s: AppServices, actor: Actor, round: repo.RoundRow, unitCode: string) {
  const unit = await resolveScopedUnit(s, actor, unitCode);
  if ((unit.code === s.provinceCode) !== (round.unitGroup === 'province') || groupOfType(unit.type) !== round.unitGroup)
    throw new AppError('NOT_IN_ROUND', `${unit.name} không thuộc nhóm đơn vị của đợt đánh giá này.`, 404);
  return unit;
}

/** The round, the unit, its sheet (if any) and the policy's view of it. */
export async function loadSheet(s: AppServices, actor: Actor, roundId: number, unitCode: string) {
  const round = await loadRound(s, roundId);
  const unit = await roundUnit(s, actor, round, unitCode);
  const sheet = await repo.findSheet(s.db, roundId, Number(unit.id));
  const subject: SheetSubject = {
    unitId: Number(unit.id),
    provinceCode: unit.provinceCode,
    state: (sheet?.state ?? null) as SheetState | null,
    appraisers: await repo.appraisersOf(s.db, roundId),
    province: round.unitGroup === 'province',
  };
  return { round, unit, sheet, subject };
}

/** The deadline of the stage (final has none: the council's decision). */
export const stageEnd = (r: repo.RoundRow, stage: Stage) =>
  stage === 'self' ? r.selfEnd : stage === 'appraisal1' ? r.appraisal1End : stage === 'appraisal2' ? r.appraisal2End : null;

/** A stage locks itself when its deadline has passed (409 naming the step and its deadline). */
export function assertOpen(s: AppServices, action: keyof typeof sheetFlow.transitions, deadline: string | null) {
  if (deadline && s.today() > deadline)
    throw new AppError('STAGE_CLOSED', `Đã hết hạn ${sheetFlow.transitions[action].label} (hạn ${formatDate(deadline)}).`, 409);
}

/** The unit's own stage — self-assessment, or the explanation once appraised — is still open. */
export function assertUnitStageOpen(s: AppServices, round: repo.RoundRow, state: SheetState | null) {
  const explaining = state === 'appraised1' || state === 'explaining';
  assertOpen(s, explaining ? 'explain' : 'selfScore', explaining ? round.explanationEnd : round.selfEnd);
}

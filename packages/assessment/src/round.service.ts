/**
 * A round of the internal index: its deadlines, each unit's sheet (self / round 1 / explanation / round 2 /
 * final side by side), score writes checked against the stage, the deadline and the criterion, and the
 * results of the group. Computed criteria are read from the metrics registry for the round's year.
 */
import {
  AppError,
  authorize,
  formatDate,
  formatNumber,
  can,
  inTransaction,
  recordAudit,
  transition,
  type Actor,
  type AppServices,
  type RequestContext,
} from '@cchc/core';
import { bandsReading, pointsFor, type Bands } from './framework.domain';
import { DEFAULT_BANDS, groupResults, type ResultBand, type UnitScores } from './results.domain';
import type { Method, Stage, UnitGroup } from './assessment.tables';
import { STAGE_ACTION, sheetFlow } from './sheet.flow';
import * as repo from './assessment.repository';
import { resultsXlsx } from './assessment.export';
import { assertOpen, groupOfType, loadRound, loadSheet, stageEnd } from './round.access';
import { evidenceBySheet } from './evidence.service';
import { areaOf, provinceContext } from './province.service';

export interface RoundInput {
  frameworkId: number;
  deadlines: { selfEnd: string; appraisal1End: string; explanationEnd: string; appraisal2End: string };
  bands?: ResultBand[];
}

export async function createRound(s: AppServices, ctx: RequestContext, actor: Actor, input: RoundInput) {
  authorize(actor, 'assessment.manage');
  const f = await repo.findFramework(s.db, s.provinceCode, input.frameworkId);
  if (!f) throw new AppError('NOT_FOUND', `Không có bộ tiêu chí số ${input.frameworkId}.`, 404);
  const d = input.deadlines;
  if (!(d.selfEnd <= d.appraisal1End && d.appraisal1End <= d.explanationEnd && d.explanationEnd <= d.appraisal2End))
    throw new AppError('BAD_DEADLINES', 'Các hạn phải theo thứ tự: tự đánh giá ≤ thẩm định lần 1 ≤ giải trình ≤ thẩm định lần 2.');
  return inTransaction(s.db, async (tx) => {
    const r = await tx
      .insertInto('assessmentRound')
      .values({
        frameworkId: input.frameworkId,
        provinceCode: s.provinceCode,
        ...d,
        resultBands: JSON.stringify(input.bands ?? DEFAULT_BANDS),
        createdBy: actor.userId || null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, 'assessment.round.create', { entityType: 'assessment_round', entityId: r.id, after: input });
    return { id: Number(r.id) };
  });
}

/** Points of the computed criteria of one unit for the round's year. */
async function computedPoints(s: AppServices, actor: Actor, year: number, unitCode: string, criteria: repo.CriterionRow[]) {
  const out = new Map<number, { value: number | null; points: number | null; href: string | null }>();
  for (const c of criteria) {
    if (c.method !== 'du_lieu' || !c.metricKey || !s.metrics.canRead(actor, c.metricKey)) continue;
    const [p] = await s.metrics.read(s, actor, c.metricKey, { from: `${year}-01-01`, to: `${year}-12-31`, unit: unitCode });
    const value = p?.value ?? null;
    out.set(Number(c.id), { value, points: value === null ? null : pointsFor(value, c.bands as Bands), href: p?.link ?? null });
  }
  return out;
}

export async function getSheet(s: AppServices, actor: Actor, roundId: number, unitCode: string) {
  const { round, unit, sheet, subject } = await loadSheet(s, actor, roundId, unitCode);
  authorize(actor, 'assessment.read', subject);
  const criteria = await repo.criteriaOf(s.db, round.frameworkId);
  const scores = sheet ? await repo.scoresOf(s.db, [Number(sheet.id)]) : [];
  const computed = await computedPoints(s, actor, round.year, unit.code, criteria);
  const evidence = await evidenceBySheet(s, sheet ? Number(sheet.id) : null);
  const province = round.unitGroup === 'province' ? await provinceContext(s, actor, round) : null;
  return {
    roundId,
    unitCode: unit.code,
    unitName: unit.name,
    state: subject.state,
    stateLabel: subject.state ? sheetFlow.states[subject.state] : 'Chưa tự đánh giá',
    abilities: {
      selfScore: can(actor, 'assessment.selfScore', subject),
      submit: can(actor, 'assessment.submit', subject),
      withdraw: can(actor, 'assessment.withdraw', subject),
      appraise: can(actor, 'assessment.appraise', subject),
      finalize: can(actor, 'assessment.finalize', subject),
    },
    criteria: criteria.map((c) => {
      const mine = scores.filter((x) => Number(x.criterionId) === Number(c.id));
      const at = (stage: Stage) => mine.find((x) => x.stage === stage);
      const cell = (stage: Stage) =>
        at(stage) ? { score: Number(at(stage)!.score), note: at(stage)!.note, by: at(stage)!.scoredByName } : null;
      const comp = computed.get(Number(c.id));
      return {
        id: Number(c.id),
        code: c.code,
        level: c.level,
        content: c.content,
        maxPoints: Number(c.maxPoints),
        method: c.method,
        evidenceRequired: c.evidenceRequired,
        computed: comp
          ? {
              value: comp.value,
              points: comp.points,
              metricKey: c.metricKey!,
              href: comp.href,
              rule: bandsReading(c.bands as Bands),
              period: `${formatDate(`${round.year}-01-01`)}–${formatDate(`${round.year}-12-31`)}`,
            }
          : null,
        self: cell('self'),
        appraisal1: cell('appraisal1'),
        appraisal2: cell('appraisal2'),
        final: cell('final'),
        evidence: evidence.get(Number(c.id)) ?? [],
        atRisk: c.level === 1 ? (province?.tasks.get(areaOf(c.code)) ?? null) : null,
        official: c.level === 1 ? (province?.official?.components[areaOf(c.code)] ?? null) : null,
      };
    }),
    official: province?.official ? { ...province.official, components: undefined } : null,
  };
}

export interface ScoresInput {
  stage: Stage;
  scores: { criterion: string; score: number; note?: string }[];
}

export async function saveScores(s: AppServices, ctx: RequestContext, actor: Actor, roundId: number, unitCode: string, input: ScoresInput) {
  const { round, unit, sheet, subject } = await loadSheet(s, actor, roundId, unitCode);
  const state = subject.state;
  const action =
    input.stage === 'self' ? (state === 'appraised1' || state === 'explaining' ? 'explain' : 'selfScore') : STAGE_ACTION[input.stage];
  const permission =
    input.stage === 'self' ? 'assessment.selfScore' : input.stage === 'final' ? 'assessment.finalize' : 'assessment.appraise';
  authorize(actor, permission, subject);
  const next = transition(sheetFlow, state, action);
  assertOpen(s, action, action === 'explain' ? round.explanationEnd : stageEnd(round, input.stage));
  const criteria = new Map((await repo.criteriaOf(s.db, round.frameworkId)).map((c) => [c.code, c]));
  const parents = new Set([...criteria.values()].map((c) => c.parentCode).filter(Boolean));
  const rows = input.scores.map((x, i) => {
    const c = criteria.get(x.criterion);
    const where = `Dòng ${i + 1}, tiêu chí "${x.criterion}"`;
    if (!c) throw new AppError('UNKNOWN_CRITERION', `${where}: không có trong bộ tiêu chí.`);
    if (parents.has(c.code)) throw new AppError('NOT_A_LEAF', `${where}: là mục có tiêu chí con, chấm ở các tiêu chí con.`);
    if ((c.method as Method) === 'du_lieu')
      throw new AppError('COMPUTED_CRITERION', `${where}: điểm được tính từ dữ liệu (${c.metricKey}), không chấm tay.`);
    if (x.score < 0 || x.score > Number(c.maxPoints) + 1e-9)
      throw new AppError(
        'OUT_OF_SCALE',
        `${where}: điểm ${formatNumber(x.score, 2)} ngoài khoảng 0–${formatNumber(Number(c.maxPoints), 2)}.`,
      );
    return { criterionId: Number(c.id), score: x.score, note: x.note?.trim() || null };
  });
  await inTransaction(s.db, async (tx) => {
    const sheetId = await repo.setSheetState(tx, roundId, Number(unit.id), next, s.now());
    const before = sheet ? (await repo.scoresOf(tx, [Number(sheet.id)])).filter((b) => b.stage === input.stage) : [];
    await repo.upsertScores(tx, sheetId, input.stage, actor.userId || null, s.now(), rows);
    await recordAudit(tx, ctx, `assessment.score.${input.stage}`, {
      entityType: 'assessment_sheet',
      entityId: `${roundId}:${unit.code}`,
      unitId: Number(unit.id),
      before: { state, scores: before.map((b) => ({ criterionId: Number(b.criterionId), score: Number(b.score) })) },
      after: { state: next, scores: rows },
    });
  });
  return getSheet(s, actor, roundId, unit.code);
}

/**
 * The head sends the self-assessment (or the explanation); before the deadline only. A criterion that
 * requires evidence and was given points needs a file or a written explanation (the note).
 */
export async function submitSheet(s: AppServices, ctx: RequestContext, actor: Actor, roundId: number, unitCode: string) {
  const { round, unit, sheet, subject } = await loadSheet(s, actor, roundId, unitCode);
  const state = subject.state;
  authorize(actor, 'assessment.submit', subject);
  const action = state === 'explaining' ? 'sendExplanation' : 'submit';
  assertOpen(s, action, action === 'submit' ? round.selfEnd : round.explanationEnd);
  const next = transition(sheetFlow, state, action);
  const evidence = await evidenceBySheet(s, sheet ? Number(sheet.id) : null);
  const scores = sheet ? await repo.scoresOf(s.db, [Number(sheet.id)]) : [];
  const unproven = (await repo.criteriaOf(s.db, round.frameworkId)).filter((c) => {
    if (!c.evidenceRequired || c.method !== 'tu_cham') return false;
    const own = scores.find((x) => Number(x.criterionId) === Number(c.id) && x.stage === 'self');
    return !!own && Number(own.score) > 0 && !own.note?.trim() && !evidence.get(Number(c.id))?.length;
  });
  if (unproven.length)
    throw new AppError(
      'EVIDENCE_MISSING',
      `Chưa gửi được: tiêu chí ${unproven.map((c) => c.code).join(', ')} cần tài liệu kiểm chứng hoặc giải trình bằng văn bản (ghi chú) khi không có tài liệu.`,
      409,
    );
  await inTransaction(s.db, async (tx) => {
    await repo.setSheetState(tx, roundId, Number(unit.id), next, s.now(), true);
    await recordAudit(tx, ctx, `assessment.${action}`, {
      entityType: 'assessment_sheet',
      entityId: `${roundId}:${unit.code}`,
      unitId: Number(unit.id),
      before: { state },
      after: { state: next },
    });
  });
  return getSheet(s, actor, roundId, unit.code);
}

/** Every unit of the round's group with its scores per criterion and stage, and its computed points. */
async function roundScores(s: AppServices, actor: Actor, round: repo.RoundRow) {
  const criteria = await repo.criteriaOf(s.db, round.frameworkId);
  const parents = new Set(criteria.map((c) => c.parentCode).filter(Boolean));
  const leaves = criteria
    .filter((c) => !parents.has(c.code) && c.method)
    .map((c) => ({ id: Number(c.id), code: c.code, content: c.content, method: c.method as Method, maxPoints: Number(c.maxPoints) }));
  const units = await repo.groupUnits(s.db, s.provinceCode, round.unitGroup, `${round.year}-12-31`);
  const sheets = await repo.sheetsOf(s.db, Number(round.id));
  const scores = await repo.scoresOf(
    s.db,
    sheets.map((x) => Number(x.id)),
  );
  const sheetOf = new Map(sheets.map((x) => [Number(x.unitId), Number(x.id)]));
  // Each computed criterion is read once for every unit of the province (by unit), not once per unit.
  const byUnit = new Map<number, Map<string, number | null>>();
  for (const c of criteria) {
    if (c.method !== 'du_lieu' || !c.metricKey || !s.metrics.canRead(actor, c.metricKey)) continue;
    const points = await s.metrics.read(s, actor, c.metricKey, { from: `${round.year}-01-01`, to: `${round.year}-12-31`, byUnit: true });
    byUnit.set(Number(c.id), new Map(points.map((p) => [p.key, p.value])));
  }
  const bySheet = new Map<number, Map<number, Partial<Record<Stage, number>>>>();
  for (const x of scores) {
    const map = bySheet.get(Number(x.sheetId)) ?? new Map<number, Partial<Record<Stage, number>>>();
    map.set(Number(x.criterionId), { ...map.get(Number(x.criterionId)), [x.stage]: Number(x.score) });
    bySheet.set(Number(x.sheetId), map);
  }
  const perUnit: UnitScores[] = units.map((u) => ({
    unitCode: u.code,
    unitName: u.name,
    scores: bySheet.get(sheetOf.get(Number(u.id)) ?? 0) ?? new Map(),
    // Only the computed criteria with a figure for the unit: the others do not apply to it (results.domain).
    computed: new Map(
      criteria.flatMap((c) => {
        const value = byUnit.get(Number(c.id))?.get(u.code);
        return value === null || value === undefined ? [] : [[Number(c.id), pointsFor(value, c.bands as Bands)] as const];
      }),
    ),
  }));
  const surveyIds = new Set(leaves.filter((l) => l.method === 'khao_sat').map((l) => l.id));
  const hasSurvey = scores.some((x) => surveyIds.has(Number(x.criterionId)));
  return { leaves, perUnit, hasSurvey };
}

/** A round's result rows, with the scores they were computed from (the analysis uses both). */
export async function resultsOf(s: AppServices, actor: Actor, round: repo.RoundRow) {
  const data = await roundScores(s, actor, round);
  return { ...data, rows: groupResults(data.leaves, data.perUnit, { survey: data.hasSurvey, bands: round.resultBands as ResultBand[] }) };
}

/** One row per unit of the group: self, appraised, survey, bonus, penalty, total, max, index, rank, band. */
export async function roundResults(s: AppServices, actor: Actor, roundId: number) {
  authorize(actor, 'assessment.results');
  return (await resultsOf(s, actor, await loadRound(s, roundId))).rows;
}

/** The rounds: all of them for the provincial roles, those of the caller's unit group for a unit. */
export async function listRounds(s: AppServices, actor: Actor) {
  authorize(actor, 'assessment.read');
  const rows = await repo.listRounds(s.db, s.provinceCode);
  let group: UnitGroup | null = null;
  if (actor.scope.kind === 'units') {
    const own = await s.db.selectFrom('unit').select('type').where('id', '=', actor.unitId).executeTakeFirst();
    group = own ? groupOfType(own.type) : null;
  }
  return rows
    .filter((r) => !group || r.unitGroup === group)
    .map((r) => ({
      ...r,
      id: Number(r.id),
      frameworkId: Number(r.frameworkId),
      publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
    }));
}

export async function exportResults(s: AppServices, actor: Actor, roundId: number) {
  authorize(actor, 'assessment.results');
  const round = await loadRound(s, roundId);
  return resultsXlsx((await resultsOf(s, actor, round)).rows, { id: roundId, year: round.year, name: round.name });
}

/**
 * Results and quality control, aggregated in SQL over the scale answers of the responses not excluded:
 * per item, aspect and overall the share satisfied (answers 4–5 among valid 1–5) and the mean score, each
 * with its 95 % margin of error and number of valid answers, marked unreliable below the survey's minimum;
 * the stratified (weighted by unit population) estimate for the province; trends over the surveys of the
 * same template; the official SIPAS of the year (read through the metrics registry).
 */
import { sql } from 'kysely';
import { authorize, type Actor, type AppServices } from '@cchc/core';
import {
  ASPECTS,
  aspectLabel,
  median,
  questionsOf,
  shareFigure,
  stratifiedShare,
  type Definition,
  type ShareFigure,
} from './survey.domain';
import { definitionOf, loadSurvey, loadSurveys, type SurveyRow } from './survey.service';
import { CHANNELS, CHANNEL_LABELS, TOKEN_STATUS_LABELS, type TokenStatus } from './survey.tables';
import { resultUnits, scopeUnits } from './scope';

export const OVERALL_DEFINITION =
  'Chỉ số chung = trung bình cộng tỷ lệ hài lòng của các khía cạnh; tỷ lệ hài lòng = số câu trả lời mức 4 (Hài lòng) hoặc 5 (Rất hài lòng) / số câu trả lời hợp lệ từ 1 đến 5.';

type Figure = ShareFigure & { reliable: boolean };
const mark = (f: ShareFigure, minValid: number): Figure => ({ ...f, reliable: f.n >= minValid });

interface AnswerGroup {
  unitId: number;
  questionId: string;
  aspect: string | null;
  n: number;
  satisfied: number;
  sum: number;
}

async function answerGroups(s: AppServices, surveyId: number, unitIds: number[] | null): Promise<AnswerGroup[]> {
  let q = s.db
    .selectFrom('surveyAnswer as a')
    .innerJoin('surveyResponse as r', 'r.id', 'a.responseId')
    .select([
      'a.unitId',
      'a.questionId',
      'a.aspect',
      sql<number>`count(*)::int`.as('n'),
      sql<number>`count(*) filter (where a.value >= 4)::int`.as('satisfied'),
      sql<number>`sum(a.value)::int`.as('sum'),
    ])
    .where('a.surveyId', '=', surveyId)
    .where('r.excluded', '=', false)
    .where('a.aspect', 'is not', null)
    .groupBy(['a.unitId', 'a.questionId', 'a.aspect']);
  if (unitIds) q = q.where('a.unitId', 'in', unitIds.length ? unitIds : [-1]);
  return (await q.execute()).map((r) => ({
    ...r,
    unitId: Number(r.unitId),
    n: Number(r.n),
    satisfied: Number(r.satisfied),
    sum: Number(r.sum),
  }));
}

/** Respondents (valid responses with a scale answer) per unit and aspect, and per unit overall. */
async function respondentCounts(s: AppServices, surveyId: number, unitIds: number[] | null) {
  let q = s.db
    .selectFrom('surveyAnswer as a')
    .innerJoin('surveyResponse as r', 'r.id', 'a.responseId')
    .select(['a.unitId', sql<string>`coalesce(a.aspect, '')`.as('aspect'), sql<number>`count(distinct a.response_id)::int`.as('n')])
    .where('a.surveyId', '=', surveyId)
    .where('r.excluded', '=', false)
    .where('a.aspect', 'is not', null)
    .groupBy(sql`grouping sets ((a.unit_id, a.aspect), (a.unit_id), (a.aspect), ())`);
  if (unitIds) q = q.where('a.unitId', 'in', unitIds.length ? unitIds : [-1]);
  const rows = await q.execute();
  return rows.map((r) => ({ unitId: r.unitId === null ? null : Number(r.unitId), aspect: r.aspect || null, n: Number(r.n) }));
}

function combine(groups: AnswerGroup[]): ShareFigure {
  const n = groups.reduce((a, g) => a + g.n, 0);
  return shareFigure(
    n,
    groups.reduce((a, g) => a + g.satisfied, 0),
    groups.reduce((a, g) => a + g.sum, 0),
  );
}

/** Overall = mean of the aspects' shares and means, with the margin over the respondents. */
function overallOf(aspects: { satisfiedShare: number | null; mean: number | null }[], respondents: number): ShareFigure {
  const used = aspects.filter((a) => a.satisfiedShare !== null);
  if (!used.length || !respondents) return shareFigure(0, 0, 0);
  const p = used.reduce((a, x) => a + x.satisfiedShare!, 0) / used.length;
  const mean = used.reduce((a, x) => a + x.mean!, 0) / used.length;
  return {
    n: respondents,
    satisfied: Math.round(p * respondents),
    satisfiedShare: Math.round(p * 10_000) / 10_000,
    mean: Math.round(mean * 1000) / 1000,
    marginOfError: Math.round(1.96 * Math.sqrt((p * (1 - p)) / respondents) * 10_000) / 10_000,
  };
}

export async function computeResults(s: AppServices, survey: SurveyRow, def: Definition, unitIds: number[] | null) {
  const [groups, counts, samples] = await Promise.all([
    answerGroups(s, survey.id, unitIds),
    respondentCounts(s, survey.id, unitIds),
    s.db.selectFrom('surveySample').select(['unitId', 'population']).where('surveyId', '=', survey.id).execute(),
  ]);
  const scale = questionsOf(def).filter((q) => q.type === 'scale5');
  const valid = counts.find((c) => c.unitId === null && c.aspect === null)?.n ?? 0;
  const items = scale.map((q) => {
    const f = mark(combine(groups.filter((g) => g.questionId === q.id)), survey.minValid);
    return { id: q.id, text: q.text, aspect: q.aspect ?? null, ...f };
  });
  const aspectCodes = [...new Set(scale.map((q) => q.aspect).filter((a): a is string => !!a))];
  const aspects = aspectCodes.map((code) => {
    const pooled = combine(groups.filter((g) => g.aspect === code));
    const respondents = counts.find((c) => c.unitId === null && c.aspect === code)?.n ?? 0;
    const p = pooled.satisfiedShare;
    return {
      id: code,
      label: aspectLabel(code),
      part: ASPECTS.find((a) => a.code === code)?.part ?? null,
      answers: pooled.n,
      ...mark(
        {
          ...pooled,
          n: respondents,
          marginOfError: p === null || !respondents ? null : Math.round(1.96 * Math.sqrt((p * (1 - p)) / respondents) * 10_000) / 10_000,
        },
        survey.minValid,
      ),
    };
  });
  const overall = { ...mark(overallOf(aspects, valid), survey.minValid), definition: OVERALL_DEFINITION };
  // The stratified estimate: each unit's overall share weighted by the people it served.
  const population = new Map(samples.map((m) => [Number(m.unitId), m.population]));
  const unitsWithAnswers = [...new Set(groups.map((g) => g.unitId))];
  const perUnit = unitsWithAnswers.map((unitId) => {
    const ug = groups.filter((g) => g.unitId === unitId);
    const ua = aspectCodes.map((code) => combine(ug.filter((g) => g.aspect === code)));
    const n = counts.find((c) => c.unitId === unitId && c.aspect === null)?.n ?? 0;
    return { unitId, n, overall: overallOf(ua, n) };
  });
  const strata = perUnit
    .filter((u) => population.has(u.unitId) && u.overall.satisfiedShare !== null)
    .map((u) => ({ population: population.get(u.unitId)!, n: u.n, satisfied: u.overall.satisfiedShare! * u.n }));
  const weighted = strata.length >= 2 ? stratifiedShare(strata) : null;
  return { valid, reliable: valid >= survey.minValid, minValid: survey.minValid, items, aspects, overall, weighted, perUnit };
}

/** Weighted options (the internal-index survey): the mean weight per question, 0–100. */
async function weightedScores(s: AppServices, survey: SurveyRow, def: Definition, unitIds: number[] | null) {
  const questions = questionsOf(def).filter((q) => q.type === 'single' && (q.options ?? []).some((o) => o.weight !== undefined));
  if (!questions.length) return [];
  let q = s.db
    .selectFrom('surveyAnswer as a')
    .innerJoin('surveyResponse as r', 'r.id', 'a.responseId')
    .select(['a.questionId', 'a.value', sql<number>`count(*)::int`.as('n')])
    .where('a.surveyId', '=', survey.id)
    .where('r.excluded', '=', false)
    .where('a.aspect', 'is', null)
    .groupBy(['a.questionId', 'a.value']);
  if (unitIds) q = q.where('a.unitId', 'in', unitIds.length ? unitIds : [-1]);
  const rows = await q.execute();
  return questions.map((question) => {
    const mine = rows.filter((r) => r.questionId === question.id);
    const n = mine.reduce((a, r) => a + Number(r.n), 0);
    const total = mine.reduce((a, r) => a + Number(r.n) * (question.options!.find((o) => o.value === r.value)?.weight ?? 0), 0);
    return { id: question.id, text: question.text, n, score: n ? Math.round((total / n) * 10) / 10 : null, reliable: n >= survey.minValid };
  });
}

/** The per-unit figures with the units' codes and names, most satisfied first (staff and public results). */
export async function namedPerUnit(s: AppServices, perUnit: { unitId: number; overall: ShareFigure }[], minValid: number) {
  const names = perUnit.length
    ? await s.db
        .selectFrom('unit')
        .select(['id', 'code', 'name'])
        .where(
          'id',
          'in',
          perUnit.map((u) => u.unitId),
        )
        .execute()
    : [];
  return perUnit
    .map((u) => {
      const unit = names.find((n) => Number(n.id) === u.unitId);
      return { unitCode: unit?.code ?? '', unitName: unit?.name ?? '', ...mark(u.overall, minValid) };
    })
    .sort((a, b) => (b.satisfiedShare ?? -1) - (a.satisfiedShare ?? -1));
}

export async function surveyResults(s: AppServices, actor: Actor, id: number, q: { unit?: string }) {
  authorize(actor, 'survey.read');
  const survey = await loadSurvey(s.db, s.provinceCode, id);
  const def = await definitionOf(s, survey, survey.currentVersion);
  const scope = await resultUnits(s, actor, q.unit);
  const r = await computeResults(s, survey, def, scope.ids);
  const year = Number(survey.periodTo.slice(0, 4));
  let official: { year: number; value: number | null; rank: number | null } | null = null;
  if (!q.unit && s.metrics.canRead(actor, 'indices.officialResult')) {
    const points = await s.metrics.read(s, actor, 'indices.officialResult', {
      of: 'SIPAS',
      from: `${year - 1}-01-01`,
      to: `${year}-12-31`,
    });
    const last = points.at(-1);
    if (last) official = { year: Number(last.key), value: last.value, rank: last.parts?.rank ?? null };
  }
  return {
    surveyId: survey.id,
    unit: scope.unit,
    ...r,
    perUnit: await namedPerUnit(s, r.perUnit, survey.minValid),
    weightedItems: await weightedScores(s, survey, def, scope.ids),
    official,
  };
}

/** Response rates per unit and channel, non-responses, time per form, flags, interviewers, keying errors. */
export async function surveyQuality(s: AppServices, actor: Actor, id: number) {
  authorize(actor, 'survey.review');
  const survey = await loadSurvey(s.db, s.provinceCode, id);
  const scope = await scopeUnits(s, actor);
  const inScope = (col: 'r.unitId' | 't.unitId') =>
    scope ? sql<boolean>`${sql.ref(col)} in (${sql.join(scope.length ? scope : [-1])})` : sql<boolean>`true`;
  const [tokens, responses, flags, interviewers, keying] = await Promise.all([
    s.db
      .selectFrom('surveyToken as t')
      .innerJoin('unit as u', 'u.id', 't.unitId')
      .select(['u.code', 'u.name', 't.status', sql<number>`count(*)::int`.as('n')])
      .where('t.surveyId', '=', id)
      .where(inScope('t.unitId'))
      .groupBy(['u.code', 'u.name', 't.status'])
      .execute(),
    s.db
      .selectFrom('surveyResponse as r')
      .innerJoin('unit as u', 'u.id', 'r.unitId')
      .select([
        'u.code',
        'u.name',
        'r.channel',
        sql<number>`count(*)::int`.as('n'),
        sql<number>`count(*) filter (where r.excluded)::int`.as('excluded'),
        sql<number | null>`percentile_cont(0.5) within group (order by r.duration_s)`.as('medianS'),
      ])
      .where('r.surveyId', '=', id)
      .where(inScope('r.unitId'))
      .groupBy(['u.code', 'u.name', 'r.channel'])
      .execute(),
    s.db
      .selectFrom(
        sql<{
          flag: string;
        }>`(select unnest(r.flags) as flag from survey_response r where r.survey_id = ${id} and ${inScope('r.unitId')})`.as('f'),
      )
      .select(['f.flag', sql<number>`count(*)::int`.as('n')])
      .groupBy('f.flag')
      .execute(),
    s.db
      .selectFrom('surveyResponse as r')
      .innerJoin('appUser as u', 'u.id', 'r.interviewerId')
      .select([
        'u.id',
        'u.fullName',
        sql<number>`count(*)::int`.as('n'),
        sql<number | null>`percentile_cont(0.5) within group (order by r.duration_s)`.as('medianS'),
        sql<number>`count(*) filter (where 'straight_line' = any(r.flags))::int`.as('straightLine'),
        sql<number>`count(*) filter (where 'too_fast' = any(r.flags))::int`.as('tooFast'),
        sql<number>`count(*) filter (where 'duplicate' = any(r.flags))::int`.as('duplicate'),
        sql<number>`count(*) filter (where r.excluded)::int`.as('excluded'),
        sql<
          number | null
        >`(select avg(a.value)::float from survey_answer a join survey_response x on x.id = a.response_id where x.interviewer_id = u.id and x.survey_id = ${id} and a.aspect is not null)`.as(
          'meanScore',
        ),
      ])
      .where('r.surveyId', '=', id)
      .where('r.channel', '=', 'interview')
      .where(inScope('r.unitId'))
      .groupBy(['u.id', 'u.fullName'])
      .orderBy('u.fullName')
      .execute(),
    s.db
      .selectFrom('surveyDoubleEntry as d')
      .innerJoin('surveyResponse as r', 'r.id', 'd.responseId')
      .select([
        sql<number>`count(*)::int`.as('forms'),
        sql<number>`coalesce(sum(d.fields), 0)::int`.as('fields'),
        sql<number>`coalesce(sum(d.mismatches), 0)::int`.as('mismatches'),
      ])
      .where('r.surveyId', '=', id)
      .where(inScope('r.unitId'))
      .executeTakeFirstOrThrow(),
  ]);
  const paperForms = responses.filter((r) => r.channel === 'paper').reduce((a, r) => a + Number(r.n), 0);
  const units = new Map<
    string,
    {
      unitCode: string;
      unitName: string;
      issued: number;
      answered: number;
      statuses: Record<string, number>;
      channels: Record<string, number>;
    }
  >();
  const unitOf = (code: string, name: string) => {
    let u = units.get(code);
    if (!u) units.set(code, (u = { unitCode: code, unitName: name, issued: 0, answered: 0, statuses: {}, channels: {} }));
    return u;
  };
  for (const t of tokens) {
    const u = unitOf(t.code, t.name);
    u.issued += Number(t.n);
    u.statuses[t.status] = (u.statuses[t.status] ?? 0) + Number(t.n);
    if (t.status === 'answered') u.answered += Number(t.n);
  }
  for (const r of responses) {
    const u = unitOf(r.code, r.name);
    u.channels[r.channel] = (u.channels[r.channel] ?? 0) + Number(r.n);
  }
  const byChannel = CHANNELS.map((c) => {
    const rows = responses.filter((r) => r.channel === c);
    const n = rows.reduce((a, r) => a + Number(r.n), 0);
    const medians = rows.map((r) => r.medianS).filter((m): m is number => m !== null);
    return {
      channel: c,
      label: CHANNEL_LABELS[c],
      responses: n,
      excluded: rows.reduce((a, r) => a + Number(r.excluded), 0),
      medianSeconds: median(medians.map(Number)),
    };
  });
  const statusTotals = Object.fromEntries(
    (Object.keys(TOKEN_STATUS_LABELS) as TokenStatus[]).map((st) => [
      st,
      tokens.filter((t) => t.status === st).reduce((a, t) => a + Number(t.n), 0),
    ]),
  );
  const issued = Object.values(statusTotals).reduce((a, n) => a + n, 0);
  return {
    surveyId: survey.id,
    issued,
    answered: statusTotals.answered ?? 0,
    responseRate: issued ? Math.round(((statusTotals.answered ?? 0) / issued) * 1000) / 10 : null,
    nonResponse: (['refused', 'unreachable', 'blank', 'issued'] as TokenStatus[]).map((st) => ({
      status: st,
      label: TOKEN_STATUS_LABELS[st],
      count: statusTotals[st] ?? 0,
    })),
    byChannel,
    units: [...units.values()]
      .map((u) => ({ ...u, responseRate: u.issued ? Math.round((u.answered / u.issued) * 1000) / 10 : null }))
      .sort((a, b) => (a.responseRate ?? 101) - (b.responseRate ?? 101)),
    flags: flags.map((f) => ({ flag: f.flag, count: Number(f.n) })),
    interviewers: interviewers.map((i) => ({
      userId: Number(i.id),
      fullName: i.fullName,
      responses: Number(i.n),
      medianSeconds: i.medianS === null ? null : Math.round(Number(i.medianS)),
      straightLine: Number(i.straightLine),
      tooFast: Number(i.tooFast),
      duplicate: Number(i.duplicate),
      excluded: Number(i.excluded),
      meanScore: i.meanScore === null ? null : Math.round(Number(i.meanScore) * 100) / 100,
    })),
    keying: {
      paperForms,
      doubleKeyed: Number(keying.forms),
      fields: Number(keying.fields),
      mismatches: Number(keying.mismatches),
      errorRate: Number(keying.fields) ? Math.round((Number(keying.mismatches) / Number(keying.fields)) * 10_000) / 100 : null,
    },
  };
}

/** The overall share of each survey of the same template over time (those not in draft). */
export async function surveyTrend(s: AppServices, actor: Actor, q: { template: string; unit?: string }) {
  authorize(actor, 'survey.read');
  const scope = await resultUnits(s, actor, q.unit);
  const surveys = await loadSurveys(s.db, s.provinceCode, (query) =>
    query.where('template', '=', q.template).where('status', '<>', 'draft').orderBy('periodTo').limit(20),
  );
  return (await resultsOf(s, surveys, scope.ids)).map(({ survey, res }) => ({
    surveyId: survey.id,
    name: survey.name,
    periodFrom: survey.periodFrom,
    periodTo: survey.periodTo,
    valid: res.valid,
    satisfiedShare: res.overall.satisfiedShare,
    mean: res.overall.mean,
    marginOfError: res.overall.marginOfError,
    aspects: res.aspects.map((a) => ({ id: a.id, label: a.label, satisfiedShare: a.satisfiedShare })),
  }));
}

/**
 * Each survey's results (its frozen definition, then computeResults). One survey after another: each already
 * runs its three queries side by side, and a public page must not take the whole connection pool.
 */
export async function resultsOf(s: AppServices, surveys: SurveyRow[], unitIds: number[] | null) {
  const out = [];
  for (const survey of surveys)
    out.push({ survey, res: await computeResults(s, survey, await definitionOf(s, survey, survey.currentVersion), unitIds) });
  return out;
}

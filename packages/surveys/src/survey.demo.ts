/**
 * The demo province's surveys: a finished SIPAS-style survey of this year's first months (a sample drawn
 * from the demo dossiers of the busiest units, answers from every channel — online, paper with a tenth
 * keyed twice, interviews by two interviewers, the counter kiosk — non-responses logged, flagged forms, one
 * excluded with its reason, results published) and an open one for the months since, still collecting.
 * The draws go through the real sampling; the answers are written in bulk.
 */
import { addDays, demoHistoryStart, seededRandom, systemActor, systemContext, type AppServices, type DemoSeeder } from '@cchc/core';
import { answersDigest, compareEntries, qualityFlags, questionsOf, type Answers, type Definition } from './survey.domain';
import { createFromTemplate, changeStatus, definitionOf, loadSurvey } from './survey.service';
import { drawSurveySample } from './sample.service';
import type { Insertable } from 'kysely';
import type { Channel, SurveyResponseTable } from './survey.tables';

const UNITS = 8;

function answersFor(def: Definition, rnd: () => number, level: number, straight: boolean): Answers {
  const out: Answers = {};
  const pick = (n: number) => 1 + Math.floor(rnd() * n);
  for (const q of questionsOf(def)) {
    if (q.showIf) continue;
    if (q.type === 'scale5') {
      if (straight) out[q.id] = 5;
      else if (rnd() < 0.04) continue;
      else out[q.id] = Math.max(1, Math.min(5, Math.round(level + (rnd() - 0.5) * 2.6)));
    } else if (q.type === 'single') out[q.id] = pick(q.options!.length);
    else if (q.type === 'multiple') out[q.id] = [pick(q.options!.length)];
    else if (q.type === 'matrix') out[q.id] = Object.fromEntries(q.items!.map((i) => [i.id, pick(q.options!.length)]));
    else if (q.type === 'text' && q.id === 'C11' && rnd() < 0.08) out[q.id] = 'Mong cán bộ hướng dẫn rõ hơn ngay lần đầu.';
  }
  return out;
}

async function fill(
  s: AppServices,
  surveyId: number,
  opts: {
    answerRate: number;
    seed: number;
    at: (i: number) => Date;
    staff: { interviewers: number[]; clerks: number[]; kiosk: number | null };
  },
) {
  const survey = await loadSurvey(s.db, s.provinceCode, surveyId);
  const def = await definitionOf(s, survey, survey.currentVersion);
  const rnd = seededRandom(opts.seed);
  const tokens = await s.db.selectFrom('surveyToken').select(['id', 'unitId']).where('surveyId', '=', surveyId).orderBy('id').execute();
  const level = new Map<number, number>();
  const responses: {
    row: Insertable<SurveyResponseTable>;
    answers: Answers;
    unitId: number;
    id: number;
  }[] = [];
  const tokenStatus: { id: number; status: 'answered' | 'refused' | 'unreachable' | 'blank'; reason: string | null }[] = [];
  const digests = new Set<string>();
  const add = (unitId: number, tokenId: number | null, channel: Channel, i: number, by: number | null, interviewer: number | null) => {
    if (!level.has(unitId)) level.set(unitId, 3.2 + rnd() * 1.3);
    const straight = rnd() < 0.02;
    const answers = answersFor(def, rnd, level.get(unitId)!, straight);
    const durationS =
      channel === 'online' ? (rnd() < 0.03 ? 25 : 240 + Math.floor(rnd() * 600)) : channel === 'kiosk' ? 60 + Math.floor(rnd() * 90) : null;
    const at = opts.at(i);
    const digest = answersDigest(answers);
    const flags = qualityFlags(def, answers, durationS);
    if (digests.has(`${unitId}:${digest}`)) flags.push('duplicate');
    digests.add(`${unitId}:${digest}`);
    responses.push({
      id: 0,
      unitId,
      answers,
      row: {
        surveyId,
        version: survey.currentVersion,
        unitId,
        tokenId,
        channel,
        interviewerId: interviewer,
        enteredBy: by,
        clientId: channel === 'interview' ? `demo-${surveyId}-${i}` : null,
        startedAt: durationS === null ? null : new Date(at.getTime() - durationS * 1000),
        submittedAt: at,
        durationS,
        answers: JSON.stringify(answers),
        answersDigest: digest,
        flags,
      },
    });
  };
  let i = 0;
  for (const t of tokens) {
    const r = rnd();
    if (r < opts.answerRate) {
      const c = rnd();
      const channel: Channel = c < 0.5 ? 'online' : c < 0.85 ? 'paper' : 'interview';
      const interviewer = channel === 'interview' ? opts.staff.interviewers[i % opts.staff.interviewers.length]! : null;
      const clerk = channel === 'paper' ? opts.staff.clerks[i % opts.staff.clerks.length]! : interviewer;
      add(Number(t.unitId), Number(t.id), channel, i++, clerk, interviewer);
      tokenStatus.push({ id: Number(t.id), status: 'answered', reason: null });
    } else if (r < opts.answerRate + 0.06)
      tokenStatus.push({ id: Number(t.id), status: 'unreachable', reason: 'Phiếu bị bưu điện trả lại: không tìm thấy địa chỉ' });
    else if (r < opts.answerRate + 0.1)
      tokenStatus.push({ id: Number(t.id), status: 'refused', reason: 'Người dân từ chối khi điều tra viên liên hệ' });
  }
  // The counter kiosk of the one-stop officer's unit: one rating after each dossier, no token, no person.
  if (opts.staff.kiosk !== null) {
    const kioskUnit = (await s.db.selectFrom('appUser').select('unitId').where('id', '=', opts.staff.kiosk).executeTakeFirst())?.unitId;
    if (kioskUnit) for (let k = 0; k < 40; k++) add(Number(kioskUnit), null, 'kiosk', i++, opts.staff.kiosk, null);
  }
  for (let k = 0; k < responses.length; k += 500) {
    const chunk = responses.slice(k, k + 500);
    const ids = await s.db
      .insertInto('surveyResponse')
      .values(chunk.map((c) => c.row))
      .returning('id')
      .execute();
    const answers = chunk.flatMap((c, j) =>
      questionsOf(def)
        .filter((q) => q.type === 'scale5' && typeof c.answers[q.id] === 'number')
        .map((q) => ({
          responseId: Number(ids[j]!.id),
          surveyId,
          unitId: c.unitId,
          questionId: q.id,
          aspect: q.aspect ?? null,
          value: c.answers[q.id] as number,
        })),
    );
    for (let a = 0; a < answers.length; a += 5000)
      await s.db
        .insertInto('surveyAnswer')
        .values(answers.slice(a, a + 5000))
        .execute();
    chunk.forEach((c, j) => (c.id = Number(ids[j]!.id)));
  }
  for (const status of ['answered', 'refused', 'unreachable'] as const) {
    const ids = tokenStatus.filter((t) => t.status === status).map((t) => t.id);
    const reason = tokenStatus.find((t) => t.status === status)?.reason ?? null;
    for (let k = 0; k < ids.length; k += 5000)
      await s.db
        .updateTable('surveyToken')
        .set({ status, reason })
        .where('id', 'in', ids.slice(k, k + 5000))
        .execute();
  }
  return { responses, def };
}

/**
 * The demo's two survey periods over the dossiers' history (core's `demoHistoryStart`: months of it even in
 * January): the finished survey from its start to `mid`, the open one from the day after to yesterday.
 */
export function demoSurveyPeriods(today: string) {
  const start = demoHistoryStart(today);
  const days = Math.round((Date.parse(today) - Date.parse(start)) / 86_400_000);
  return { start, mid: addDays(start, Math.floor(days / 2)), days };
}

export const surveysDemo: DemoSeeder = async (s) => {
  if (!s.dossierFrame) return;
  const actor = systemActor(s.provinceCode, 'Dữ liệu mẫu');
  const ctx = systemContext('demo-seed');
  const today = s.today();
  const { start, mid, days } = demoSurveyPeriods(today);
  const year = start.slice(0, 4);
  const busiest = await s.db
    .selectFrom('dossier')
    .select(['unitCode', (eb) => eb.fn.countAll<number>().as('n')])
    .where('provinceCode', '=', s.provinceCode)
    .where('receivedDate', '<=', mid)
    .groupBy('unitCode')
    .orderBy('n', 'desc')
    .limit(UNITS)
    .execute();
  if (!busiest.length) return;
  const units = busiest.map((b) => b.unitCode);
  const users = await s.db
    .selectFrom('appUser as u')
    .innerJoin('userRole as r', 'r.userId', 'u.id')
    .select(['u.id', 'r.role'])
    .where('r.role', 'in', ['focal_point', 'one_stop_officer', 'cchc_office'])
    .orderBy('u.id')
    .execute();
  const of = (role: string) => users.filter((u) => u.role === role).map((u) => Number(u.id));
  const office = of('cchc_office');
  const staff = {
    interviewers: of('focal_point').slice(0, 2),
    clerks: office.slice(0, 1),
    kiosk: of('one_stop_officer')[0] ?? null,
  };
  if (!staff.interviewers.length) staff.interviewers = office.slice(0, 1);
  if (!staff.clerks.length) return;

  // The finished survey: the first half of the year, sampled with a 7 % margin, published.
  const finished = await createFromTemplate(s, ctx, actor, {
    template: 'sipas-1001',
    name: `Khảo sát sự hài lòng của người dân năm ${year} (đợt 1)`,
    period: { from: start, to: mid },
  });
  await drawSurveySample(s, ctx, actor, finished.id, { units, marginOfError: 0.07, seed: 20260601 });
  await changeStatus(s, ctx, actor, finished.id, 'publish');
  const span = Math.max(1, days - Math.floor(days / 2) - 3);
  const firstAt = (i: number) => new Date(`${addDays(mid, 2 + (i % span))}T${String(8 + (i % 9)).padStart(2, '0')}:30:00+07:00`);
  const done = await fill(s, finished.id, { answerRate: 0.7, seed: 61, at: firstAt, staff });
  // A tenth of the paper forms keyed a second time by another person, a few answers differing.
  const paper = done.responses.filter((r) => r.row.channel === 'paper');
  const second = office[1] ?? staff.interviewers[0]!;
  const rows = paper
    .filter((_, k) => k % 10 === 0)
    .map((r, k) => {
      const again = { ...r.answers };
      if (k % 3 === 0) {
        const key = Object.keys(again).find((q) => q.startsWith('C9_'));
        if (key) again[key] = again[key] === 5 ? 4 : 5;
      }
      const cmp = compareEntries(r.answers, again);
      return {
        responseId: r.id,
        enteredBy: second,
        answers: JSON.stringify(again),
        fields: cmp.fields,
        mismatches: cmp.mismatches,
        differing: cmp.differing,
        enteredAt: firstAt(k + 1),
      };
    });
  if (rows.length) await s.db.insertInto('surveyDoubleEntry').values(rows).execute();
  const straight = done.responses.find((r) => r.row.flags?.includes('straight_line'));
  if (straight)
    await s.db
      .updateTable('surveyResponse')
      .set({
        excluded: true,
        excludedReason: 'Điều tra viên xác nhận người trả lời chọn cùng một mức mà không đọc câu hỏi',
        excludedBy: office[0] ?? null,
        excludedAt: firstAt(3),
      })
      .where('id', '=', straight.id)
      .execute();
  await changeStatus(s, ctx, actor, finished.id, 'close');
  await changeStatus(s, ctx, actor, finished.id, 'publishResults');

  // The open survey: the months since, sampled with a 10 % margin, answers still coming in.
  const open = await createFromTemplate(s, ctx, actor, {
    template: 'sipas-1001',
    name: `Khảo sát sự hài lòng của người dân năm ${year} (đợt 2)`,
    period: { from: addDays(mid, 1), to: addDays(today, -1) },
  });
  await drawSurveySample(s, ctx, actor, open.id, { units, marginOfError: 0.1, seed: 20261101 });
  await changeStatus(s, ctx, actor, open.id, 'publish');
  const recent = (i: number) => new Date(`${addDays(today, -1 - (i % 10))}T${String(8 + (i % 9)).padStart(2, '0')}:10:00+07:00`);
  await fill(s, open.id, { answerRate: 0.3, seed: 62, at: recent, staff: { ...staff, kiosk: null } });
};

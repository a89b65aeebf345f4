/**
 * Answers from every channel: the public form behind a one-use token (link or QR code), paper forms keyed
 * by staff from their code (a sample keyed twice to measure keying errors), interviews (the interviewer
 * recorded; forms kept in the browser while offline and synced once, never twice), and the counter kiosk
 * (the officer's unit, no personal data). Responses are never edited: a reviewer excludes one with a reason
 * (and may restore it), each change audited.
 */
import { sql } from 'kysely';
import { AppError, authorize, inTransaction, recordAudit, type Actor, type AppServices, type Db, type RequestContext } from '@cchc/core';
import {
  FLAG_LABELS,
  answersDigest,
  checkAnswers,
  compareEntries,
  normalisePaperCode,
  qualityFlags,
  questionsOf,
  type Answers,
  type Definition,
} from './survey.domain';
import { definitionOf, loadSurvey, type SurveyRow } from './survey.service';
import { CHANNEL_LABELS, type Channel } from './survey.tables';
import { scopeUnits } from './scope';

const bad = (field: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError('VALIDATION', message, 400, { field, ...details });
const gone = () => new AppError('NOT_FOUND', 'Mã phiếu khảo sát không đúng hoặc đã hết hiệu lực.', 404);

function checkOpen(survey: { status: string }) {
  if (survey.status === 'draft') throw new AppError('NOT_OPEN', 'Cuộc khảo sát chưa mở nhận phiếu.', 409);
  if (survey.status === 'closed') throw new AppError('CLOSED', 'Cuộc khảo sát đã kết thúc, không nhận thêm phiếu.', 409);
}

function checked(def: Definition, raw: unknown): Answers {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad('answers', 'Phiếu cần danh sách câu trả lời (answers).');
  const r = checkAnswers(def, raw as Record<string, unknown>);
  if ('errors' in r) throw bad('answers', r.errors.join(' '), { errors: r.errors });
  return r.answers;
}

const durationOf = (startedAt: string | undefined, now: Date) => {
  const t = startedAt ? Date.parse(startedAt) : NaN;
  return Number.isFinite(t) ? Math.max(0, Math.min(86_400, Math.round((now.getTime() - t) / 1000))) : null;
};

interface Store {
  survey: SurveyRow;
  def: Definition;
  unitId: number;
  tokenId: number | null;
  channel: Channel;
  interviewerId: number | null;
  enteredBy: number | null;
  clientId: string | null;
  startedAt: Date | null;
  durationS: number | null;
  answers: Answers;
  now: Date;
}

/** Stores one response, its scale answers (for SQL aggregation), its flags, and marks its token answered. */
async function store(tx: Db, p: Store): Promise<number> {
  const flags = qualityFlags(p.def, p.answers, p.durationS);
  const digest = answersDigest(p.answers);
  if (Object.keys(p.answers).length >= 10) {
    const twin = await tx
      .selectFrom('surveyResponse')
      .select('id')
      .where('surveyId', '=', p.survey.id)
      .where('answersDigest', '=', digest)
      .where('unitId', '=', p.unitId)
      .limit(1)
      .executeTakeFirst();
    if (twin) flags.push('duplicate');
  }
  const row = await tx
    .insertInto('surveyResponse')
    .values({
      surveyId: p.survey.id,
      version: p.survey.currentVersion,
      unitId: p.unitId,
      tokenId: p.tokenId,
      channel: p.channel,
      interviewerId: p.interviewerId,
      enteredBy: p.enteredBy,
      clientId: p.clientId,
      startedAt: p.startedAt,
      submittedAt: p.now,
      durationS: p.durationS,
      answers: JSON.stringify(p.answers),
      answersDigest: digest,
      flags,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const responseId = Number(row.id);
  const scored = questionsOf(p.def).flatMap((q) => {
    const v = p.answers[q.id];
    const weighted = q.type === 'single' && (q.options ?? []).some((o) => o.weight !== undefined);
    return typeof v === 'number' && (q.type === 'scale5' || weighted)
      ? [{ responseId, surveyId: p.survey.id, unitId: p.unitId, questionId: q.id, aspect: q.aspect ?? null, value: v }]
      : [];
  });
  if (scored.length) await tx.insertInto('surveyAnswer').values(scored).execute();
  if (p.tokenId)
    await tx.updateTable('surveyToken').set({ status: 'answered', reason: null, updatedAt: p.now }).where('id', '=', p.tokenId).execute();
  return responseId;
}

async function tokenRow(db: Db, provinceCode: string, where: { token: string } | { paperCode: string }, lock = false) {
  let q = db
    .selectFrom('surveyToken as t')
    .innerJoin('survey as s', 's.id', 't.surveyId')
    .innerJoin('unit as u', 'u.id', 't.unitId')
    .select(['t.id', 't.status', 't.unitId', 't.paperCode', 't.surveyId', 'u.code as unitCode', 'u.name as unitName'])
    .where('s.provinceCode', '=', provinceCode)
    .where('u.provinceCode', '=', provinceCode);
  q = 'token' in where ? q.where('t.token', '=', where.token) : q.where('t.paperCode', '=', normalisePaperCode(where.paperCode));
  if (lock) q = q.forUpdate('t');
  return q.executeTakeFirst();
}

/** The public form behind a token: the questionnaire without anything about the person. */
export async function publicForm(s: AppServices, token: string) {
  const t = await tokenRow(s.db, s.provinceCode, { token });
  if (!t) throw gone();
  const survey = await loadSurvey(s.db, s.provinceCode, Number(t.surveyId));
  checkOpen(survey);
  if (t.status === 'answered') throw new AppError('ANSWERED', 'Phiếu này đã được trả lời. Cảm ơn Ông/Bà đã tham gia khảo sát.', 409);
  const def = await definitionOf(s, survey, survey.currentVersion);
  return {
    title: def.title,
    intro: def.intro ?? null,
    surveyName: survey.name,
    unitName: t.unitName,
    sections: def.sections.map((x) => ({ id: x.id, title: x.title, questions: x.questions.map((q) => q.id) })),
    questions: questionsOf(def).map((q) => ({
      id: q.id,
      text: q.text,
      type: q.type,
      aspect: q.aspect ?? null,
      options: q.options ?? [],
      items: q.items ?? [],
      required: !!q.required,
      group: q.group ?? null,
      showIf: q.showIf ?? null,
      min: q.min ?? null,
      max: q.max ?? null,
    })),
  };
}

/** The answer to a token (link, QR code): once; a second time is a conflict. */
export async function submitPublic(s: AppServices, token: string, body: { answers: unknown; startedAt?: string }): Promise<{ id: number }> {
  if (typeof token !== 'string' || token.length > 64) throw gone();
  const now = s.now();
  return inTransaction(s.db, async (tx) => {
    const t = await tokenRow(tx, s.provinceCode, { token }, true);
    if (!t) throw gone();
    if (t.status === 'answered') throw new AppError('ANSWERED', 'Phiếu này đã được trả lời, không gửi lại được.', 409);
    const survey = await loadSurvey(tx, s.provinceCode, Number(t.surveyId));
    checkOpen(survey);
    const def = await definitionOf(s, survey, survey.currentVersion, tx);
    const answers = checked(def, body.answers);
    const id = await store(tx, {
      survey,
      def,
      unitId: Number(t.unitId),
      tokenId: Number(t.id),
      channel: 'online',
      interviewerId: null,
      enteredBy: null,
      clientId: null,
      startedAt: body.startedAt && Number.isFinite(Date.parse(body.startedAt)) ? new Date(body.startedAt) : null,
      durationS: durationOf(body.startedAt, now),
      answers,
      now,
    });
    return { id };
  });
}

export interface EntryInput {
  channel: Exclude<Channel, 'online'>;
  /** The code printed on a paper form, or on the card an interviewer was given. */
  paperCode?: string;
  /** The unit of a form without a code (an interview at the counter topping up the sample, a kiosk). */
  unitCode?: string;
  /** The browser's id for the form: sent twice (offline sync), stored once. */
  clientId?: string;
  answers: unknown;
  startedAt?: string;
  durationS?: number;
}

/** A form entered by staff. Returns the response id and whether it was already stored (same clientId). */
export async function enterResponse(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: EntryInput,
): Promise<{ id: number; duplicate: boolean }> {
  const survey = await loadSurvey(s.db, s.provinceCode, id);
  authorize(actor, 'survey.enter', { status: survey.status });
  if (!['paper', 'interview', 'kiosk'].includes(input.channel))
    throw bad('channel', `Kênh "${input.channel}" không hợp lệ: phiếu giấy (paper), phỏng vấn (interview) hoặc máy tại quầy (kiosk).`);
  if (input.clientId !== undefined && !/^[A-Za-z0-9-]{8,64}$/.test(input.clientId))
    throw bad('clientId', 'Mã phiếu của trình duyệt không hợp lệ.');
  if (input.clientId) {
    const seen = await s.db
      .selectFrom('surveyResponse')
      .select(['id', 'surveyId'])
      .where('clientId', '=', input.clientId)
      .executeTakeFirst();
    if (seen) {
      if (Number(seen.surveyId) !== id) throw bad('clientId', 'Mã phiếu của trình duyệt đã dùng cho cuộc khảo sát khác.');
      return { id: Number(seen.id), duplicate: true };
    }
  }
  const scope = await scopeUnits(s, actor);
  let unitId: number;
  let unitCheck: { id: number } | undefined;
  if (input.channel === 'paper' && !input.paperCode) throw bad('paperCode', 'Phiếu giấy cần mã in trên phiếu.');
  if (input.channel === 'kiosk' && input.paperCode)
    throw bad('paperCode', 'Phiếu tại quầy không gắn với người được chọn mẫu (không có mã phiếu).');
  if (!input.paperCode) {
    const code = input.unitCode ?? (input.channel === 'kiosk' ? actor.unitCode : undefined);
    if (!code) throw bad('unitCode', 'Phiếu không có mã cần ghi đơn vị được đánh giá.');
    unitCheck = await s.db
      .selectFrom('unit')
      .select('id')
      .where('code', '=', code)
      .where('provinceCode', '=', s.provinceCode)
      .where('validTo', 'is', null)
      .executeTakeFirst();
    if (!unitCheck) throw bad('unitCode', `Không có đơn vị mã "${code}" trong tỉnh.`);
    unitId = Number(unitCheck.id);
    if (scope && !scope.includes(unitId)) throw new AppError('FORBIDDEN', 'Đơn vị ngoài phạm vi của bạn.', 403);
  }
  const def = await definitionOf(s, survey, survey.currentVersion);
  const answers = checked(def, input.answers);
  const now = s.now();
  const durationS =
    input.durationS !== undefined && Number.isFinite(input.durationS)
      ? Math.max(0, Math.round(input.durationS))
      : durationOf(input.startedAt, now);
  try {
    return await inTransaction(s.db, async (tx) => {
      let tokenId: number | null = null;
      if (input.paperCode) {
        const t = await tokenRow(tx, s.provinceCode, { paperCode: input.paperCode }, true);
        if (!t || Number(t.surveyId) !== id) throw bad('paperCode', `Mã phiếu "${input.paperCode}" không thuộc mẫu của cuộc khảo sát này.`);
        if (scope && !scope.includes(Number(t.unitId))) throw new AppError('FORBIDDEN', 'Phiếu của đơn vị ngoài phạm vi của bạn.', 403);
        if (t.status === 'answered')
          throw new AppError('ANSWERED', `Phiếu mã ${t.paperCode} đã được nhập (hoặc người được chọn đã trả lời trực tuyến).`, 409);
        tokenId = Number(t.id);
        unitId = Number(t.unitId);
      }
      const responseId = await store(tx, {
        survey,
        def,
        unitId: unitId!,
        tokenId,
        channel: input.channel,
        interviewerId: input.channel === 'interview' ? actor.userId : null,
        enteredBy: actor.userId,
        clientId: input.clientId ?? null,
        startedAt: input.startedAt && Number.isFinite(Date.parse(input.startedAt)) ? new Date(input.startedAt) : null,
        durationS,
        answers,
        now,
      });
      await recordAudit(tx, ctx, 'survey.response.enter', {
        entityType: 'survey_response',
        entityId: responseId,
        unitId: unitId!,
        after: { survey: id, channel: input.channel, paperCode: input.paperCode ?? null, answers: Object.keys(answers).length },
      });
      return { id: responseId, duplicate: false };
    });
  } catch (err) {
    // Two syncs of the same offline form racing: the second finds the first.
    if (input.clientId && /unique|duplicate key/i.test(String((err as Error).message))) {
      const seen = await s.db.selectFrom('surveyResponse').select('id').where('clientId', '=', input.clientId).executeTakeFirst();
      if (seen) return { id: Number(seen.id), duplicate: true };
    }
    throw err;
  }
}

/** The forms an interviewer kept offline, each stored on its own (one bad form does not hold back the others). */
export async function syncResponses(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  items: (EntryInput & { clientId: string })[],
) {
  if (items.length > 200) throw bad('items', 'Mỗi lần đồng bộ tối đa 200 phiếu.');
  const results = [];
  for (const [i, item] of items.entries()) {
    if (!item.clientId) {
      results.push({ index: i, clientId: null, status: 'error' as const, message: `Phiếu thứ ${i + 1}: thiếu mã phiếu của trình duyệt.` });
      continue;
    }
    try {
      const r = await enterResponse(s, ctx, actor, id, item);
      results.push({ index: i, clientId: item.clientId, status: r.duplicate ? ('duplicate' as const) : ('created' as const), id: r.id });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ index: i, clientId: item.clientId, status: 'error' as const, message: `Phiếu thứ ${i + 1}: ${err.message}` });
    }
  }
  return { results };
}

/** The token behind a paper code, for keying a returned form. */
export async function findPaperForm(s: AppServices, actor: Actor, code: string) {
  const t = await tokenRow(s.db, s.provinceCode, { paperCode: code });
  if (!t) throw new AppError('NOT_FOUND', `Không có phiếu mã "${code}".`, 404);
  const scope = await scopeUnits(s, actor);
  if (scope && !scope.includes(Number(t.unitId)))
    throw new AppError('NOT_FOUND', `Không có phiếu mã "${code}" trong phạm vi của bạn.`, 404);
  const survey = await loadSurvey(s.db, s.provinceCode, Number(t.surveyId));
  authorize(actor, 'survey.read');
  const response = await s.db.selectFrom('surveyResponse').select(['id', 'channel']).where('tokenId', '=', Number(t.id)).executeTakeFirst();
  return {
    surveyId: survey.id,
    surveyName: survey.name,
    paperCode: t.paperCode,
    unitCode: t.unitCode,
    unitName: t.unitName,
    status: t.status,
    responseId: response ? Number(response.id) : null,
    responseChannel: response?.channel ?? null,
  };
}

async function loadResponse(s: AppServices, actor: Actor, responseId: number) {
  const r = await s.db
    .selectFrom('surveyResponse as r')
    .innerJoin('survey as s', 's.id', 'r.surveyId')
    .innerJoin('unit as u', 'u.id', 'r.unitId')
    .leftJoin('surveyToken as t', 't.id', 'r.tokenId')
    .leftJoin('appUser as e', 'e.id', 'r.enteredBy')
    .leftJoin('appUser as i', 'i.id', 'r.interviewerId')
    .leftJoin('surveyDoubleEntry as d', 'd.responseId', 'r.id')
    .select([
      'r.id',
      'r.surveyId',
      'r.version',
      'r.unitId',
      'u.code as unitCode',
      'u.name as unitName',
      'r.channel',
      'r.enteredBy',
      'e.fullName as enteredByName',
      'i.fullName as interviewerName',
      't.paperCode',
      'r.submittedAt',
      'r.durationS',
      'r.answers',
      'r.flags',
      'r.excluded',
      'r.excludedReason',
      'r.excludedAt',
      'd.mismatches',
      'd.fields',
      'd.differing',
    ])
    .where('r.id', '=', responseId)
    .where('s.provinceCode', '=', s.provinceCode)
    .where('u.provinceCode', '=', s.provinceCode)
    .executeTakeFirst();
  const scope = await scopeUnits(s, actor);
  if (!r || (scope && !scope.includes(Number(r.unitId)))) throw new AppError('NOT_FOUND', 'Không tìm thấy phiếu trả lời.', 404);
  return r;
}

export async function responseDetail(s: AppServices, actor: Actor, responseId: number) {
  authorize(actor, 'survey.review');
  const r = await loadResponse(s, actor, responseId);
  const survey = await loadSurvey(s.db, s.provinceCode, Number(r.surveyId));
  const def = await definitionOf(s, survey, r.version);
  return {
    id: Number(r.id),
    surveyId: Number(r.surveyId),
    version: r.version,
    unitCode: r.unitCode,
    unitName: r.unitName,
    channel: r.channel,
    channelLabel: CHANNEL_LABELS[r.channel],
    paperCode: r.paperCode,
    enteredByName: r.enteredByName,
    interviewerName: r.interviewerName,
    submittedAt: new Date(r.submittedAt).toISOString(),
    durationS: r.durationS,
    flags: r.flags.map((f) => ({ code: f, label: FLAG_LABELS[f] ?? f })),
    excluded: r.excluded,
    excludedReason: r.excludedReason,
    answers: r.answers as unknown as Answers,
    doubleEntry: r.fields === null ? null : { fields: r.fields, mismatches: r.mismatches!, differing: r.differing! },
    definition: def,
  };
}

/** The second keying of a paper form by another person: stored beside the first, differences counted. */
export async function doubleEntry(s: AppServices, ctx: RequestContext, actor: Actor, responseId: number, raw: unknown) {
  authorize(actor, 'survey.review');
  const r = await loadResponse(s, actor, responseId);
  if (r.channel !== 'paper') throw bad('responseId', 'Chỉ phiếu giấy mới nhập lần hai để đo lỗi nhập liệu.');
  if (Number(r.enteredBy) === actor.userId) throw bad('enteredBy', 'Lần nhập thứ hai phải do người khác với người nhập lần đầu.');
  if (r.fields !== null) throw new AppError('CONFLICT', 'Phiếu này đã được nhập lần hai.', 409);
  const survey = await loadSurvey(s.db, s.provinceCode, Number(r.surveyId));
  const answers = checked(await definitionOf(s, survey, r.version), raw);
  const cmp = compareEntries(r.answers as unknown as Answers, answers);
  await inTransaction(s.db, async (tx) => {
    await tx
      .insertInto('surveyDoubleEntry')
      .values({
        responseId,
        enteredBy: actor.userId,
        answers: JSON.stringify(answers),
        fields: cmp.fields,
        mismatches: cmp.mismatches,
        differing: cmp.differing,
        enteredAt: s.now(),
      })
      .execute();
    await recordAudit(tx, ctx, 'survey.response.doubleEntry', {
      entityType: 'survey_response',
      entityId: responseId,
      unitId: Number(r.unitId),
      after: cmp,
    });
  });
  return cmp;
}

/** Results are never edited: a response is excluded with a reason (or restored), and both are audited. */
export async function setExcluded(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  responseId: number,
  input: { excluded: boolean; reason?: string },
) {
  authorize(actor, 'survey.review');
  const r = await loadResponse(s, actor, responseId);
  const reason = input.reason?.trim();
  if (!reason) throw bad('reason', input.excluded ? 'Ghi rõ lý do loại phiếu.' : 'Ghi rõ lý do khôi phục phiếu.');
  if (r.excluded === input.excluded) throw new AppError('CONFLICT', input.excluded ? 'Phiếu đã bị loại.' : 'Phiếu đang được tính.', 409);
  await inTransaction(s.db, async (tx) => {
    await tx
      .updateTable('surveyResponse')
      .set({ excluded: input.excluded, excludedReason: reason, excludedBy: actor.userId, excludedAt: s.now() })
      .where('id', '=', responseId)
      .execute();
    await recordAudit(tx, ctx, input.excluded ? 'survey.response.exclude' : 'survey.response.restore', {
      entityType: 'survey_response',
      entityId: responseId,
      unitId: Number(r.unitId),
      before: { excluded: r.excluded, reason: r.excludedReason },
      after: { excluded: input.excluded, reason },
    });
  });
}

export async function listResponses(
  s: AppServices,
  actor: Actor,
  id: number,
  q: { unit?: string; channel?: Channel; flag?: string; excluded?: boolean; page?: number; pageSize?: number },
) {
  authorize(actor, 'survey.review');
  await loadSurvey(s.db, s.provinceCode, id);
  const pageSize = Math.min(q.pageSize ?? 20, 100);
  const page = Math.max(q.page ?? 1, 1);
  const scope = await scopeUnits(s, actor);
  let base = s.db.selectFrom('surveyResponse as r').innerJoin('unit as u', 'u.id', 'r.unitId').where('r.surveyId', '=', id);
  if (scope) base = base.where('r.unitId', 'in', scope.length ? scope : [-1]);
  if (q.unit) base = base.where('u.code', '=', q.unit);
  if (q.channel) base = base.where('r.channel', '=', q.channel);
  if (q.flag === 'any') base = base.where(sql<boolean>`cardinality(r.flags) > 0`);
  else if (q.flag) base = base.where(sql<boolean>`${q.flag} = any(r.flags)`);
  if (q.excluded !== undefined) base = base.where('r.excluded', '=', q.excluded);
  const [total, rows] = await Promise.all([
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    base
      .leftJoin('appUser as e', 'e.id', 'r.enteredBy')
      .leftJoin('surveyToken as t', 't.id', 'r.tokenId')
      .leftJoin('surveyDoubleEntry as d', 'd.responseId', 'r.id')
      .select([
        'r.id',
        'u.code as unitCode',
        'u.name as unitName',
        'r.channel',
        't.paperCode',
        'e.fullName as enteredByName',
        'r.submittedAt',
        'r.durationS',
        'r.flags',
        'r.excluded',
        'r.excludedReason',
        'd.mismatches',
      ])
      .orderBy('r.submittedAt', 'desc')
      .orderBy('r.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({
      id: Number(r.id),
      unitCode: r.unitCode,
      unitName: r.unitName,
      channel: r.channel,
      channelLabel: CHANNEL_LABELS[r.channel],
      paperCode: r.paperCode,
      enteredByName: r.enteredByName,
      submittedAt: new Date(r.submittedAt).toISOString(),
      durationS: r.durationS,
      flags: r.flags.map((f) => ({ code: f, label: FLAG_LABELS[f] ?? f })),
      excluded: r.excluded,
      excludedReason: r.excludedReason,
      keyingMismatches: r.mismatches,
    })),
  };
}

/**
 * Samples drawn from the dossiers (core's DossierFrame seam): per unit, N = dossiers resolved in the
 * survey's period, n = ⌈N / (1 + N·e²)⌉ (or a chosen size), the people drawn by a recorded seed so the
 * draw can be repeated and audited, one person at most once across the units; each gets a one-use token
 * (link and QR code) and a paper code for the form returned by post. Non-responses are logged per token.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { AppError, authorize, inTransaction, recordAudit, type Actor, type AppServices, type RequestContext } from '@cchc/core';
import { drawSample, frameDigest, newPaperCode, newToken, normalisePaperCode, sampleSize } from './survey.domain';
import { loadSurvey } from './survey.service';
import { TOKEN_STATUS_LABELS, type TokenStatus } from './survey.tables';
import { scopeUnits } from './scope';

const bad = (field: string, message: string) => new AppError('VALIDATION', message, 400, { field });

export interface SampleInput {
  units: string[];
  marginOfError?: number;
  seed?: number;
  /** A chosen sample size per unit code instead of the formula's. */
  sizes?: Record<string, number>;
}

export async function drawSurveySample(s: AppServices, ctx: RequestContext, actor: Actor, id: number, input: SampleInput) {
  const survey = await loadSurvey(s.db, s.provinceCode, id);
  authorize(actor, 'survey.sample', { status: survey.status });
  const frame = s.dossierFrame;
  if (!frame)
    throw new AppError('NO_DOSSIERS', 'Phân hệ hồ sơ TTHC chưa được cài: không có danh sách người được phục vụ để chọn mẫu.', 503);
  const e = input.marginOfError ?? 0.05;
  if (!(e > 0 && e <= 0.5)) throw bad('marginOfError', `Sai số cho phép phải lớn hơn 0 và không quá 0,5 (nhận được ${e}).`);
  const codes = [...new Set(input.units ?? [])];
  if (!codes.length) throw bad('units', 'Chọn ít nhất một đơn vị để chọn mẫu.');
  if (codes.length > 500) throw bad('units', 'Mỗi lần chọn mẫu tối đa 500 đơn vị.');
  const seed = input.seed ?? crypto.randomInt(1, 2 ** 31);
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw bad('seed', `Hạt giống ngẫu nhiên phải là số nguyên không âm (nhận được ${input.seed}).`);
  const units = await s.db
    .selectFrom('unit as u')
    .select(['u.id', 'u.code', 'u.name'])
    .where('u.code', 'in', codes)
    .where('u.provinceCode', '=', s.provinceCode)
    .where('u.validTo', 'is', null)
    .execute();
  const missing = codes.filter((c) => !units.some((u) => u.code === c));
  if (missing.length) throw bad('units', `Không có đơn vị mã ${missing.map((c) => `"${c}"`).join(', ')} trong tỉnh.`);
  for (const [code, n] of Object.entries(input.sizes ?? {}))
    if (!Number.isInteger(n) || n < 0) throw bad('sizes', `Cỡ mẫu của đơn vị ${code} phải là số nguyên không âm.`);
  const byCode = new Map(units.map((u) => [u.code, { id: Number(u.id), name: u.name }]));
  const unitIds = units.map((u) => Number(u.id));
  const answered = await s.db
    .selectFrom('surveyToken as t')
    .innerJoin('unit as u', 'u.id', 't.unitId')
    .select('u.name')
    .where('t.surveyId', '=', id)
    .where('t.unitId', 'in', unitIds)
    .where('t.status', '<>', 'issued')
    .groupBy('u.name')
    .execute();
  if (answered.length)
    throw new AppError(
      'CONFLICT',
      `Không chọn lại mẫu được: đã có phiếu trả lời hoặc ghi nhận không trả lời ở ${answered.map((a) => a.name).join(', ')}.`,
      409,
    );
  const q = { from: survey.periodFrom, to: survey.periodTo, asOf: s.today(), unitCodes: codes };
  const populations = await frame.population(s, q);
  const rows = await frame.rows(s, q);
  // People already drawn for this survey in units not redrawn now.
  const taken = new Set(
    (
      await s.db
        .selectFrom('surveyToken')
        .select('personKey')
        .where('surveyId', '=', id)
        .where('unitId', 'not in', unitIds)
        .where('personKey', 'is not', null)
        .execute()
    ).map((r) => r.personKey!),
  );
  const now = s.now();
  const draws = codes.map((code) => {
    const frameRows = rows.filter((r) => r.unitCode === code).map((r) => ({ ...r, key: r.code, person: r.applicantKey }));
    const pop = populations.get(code) ?? { resolved: 0, reachable: 0 };
    const n = input.sizes?.[code] ?? sampleSize(pop.resolved, e);
    return { code, pop, n, digest: frameDigest(frameRows.map((r) => r.code)), drawn: drawSample(frameRows, n, seed, taken) };
  });
  const out = await inTransaction(s.db, async (tx) => {
    await tx.deleteFrom('surveySample').where('surveyId', '=', id).where('unitId', 'in', unitIds).execute();
    const result = [];
    for (const d of draws) {
      const unit = byCode.get(d.code)!;
      const sample = await tx
        .insertInto('surveySample')
        .values({
          surveyId: id,
          unitId: unit.id,
          unitCode: d.code,
          population: d.pop.resolved,
          reachable: d.pop.reachable,
          sampleSize: d.n,
          marginOfError: e,
          seed: String(seed),
          frameDigest: d.digest,
          drawnAt: now,
          drawnBy: actor.userId || null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const tokens = d.drawn.map((r, i) => ({
        surveyId: id,
        sampleId: Number(sample.id),
        unitId: unit.id,
        token: newToken(),
        paperCode: newPaperCode(),
        rank: i + 1,
        dossierCode: r.code,
        personKey: r.applicantKey,
        status: 'issued' as const,
        reason: null,
        updatedAt: now,
      }));
      for (let i = 0; i < tokens.length; i += 1000)
        await tx
          .insertInto('surveyToken')
          .values(tokens.slice(i, i + 1000))
          .execute();
      result.push({
        unitCode: d.code,
        unitName: unit.name,
        population: d.pop.resolved,
        reachable: d.pop.reachable,
        sampleSize: d.n,
        drawn: tokens.length,
        tokens: tokens.map((t) => t.token),
      });
    }
    await recordAudit(tx, ctx, 'survey.sample', {
      entityType: 'survey',
      entityId: id,
      after: {
        seed,
        marginOfError: e,
        units: result.map((r) => ({ unit: r.unitCode, population: r.population, sampleSize: r.sampleSize, drawn: r.drawn })),
      },
    });
    return result;
  });
  return { seed, marginOfError: e, asOf: q.asOf, units: out };
}

/** The samples of a survey, with the response rate of each (for the sample tab). */
export async function listSamples(s: AppServices, actor: Actor, id: number) {
  authorize(actor, 'survey.read');
  await loadSurvey(s.db, s.provinceCode, id);
  const scope = await scopeUnits(s, actor);
  let q = s.db
    .selectFrom('surveySample as m')
    .innerJoin('unit as u', 'u.id', 'm.unitId')
    .select([
      'm.id',
      'm.unitCode',
      'u.name as unitName',
      'm.population',
      'm.reachable',
      'm.sampleSize',
      'm.marginOfError',
      'm.seed',
      'm.frameDigest',
      'm.drawnAt',
      sql<number>`(select count(*)::int from survey_token t where t.sample_id = m.id)`.as('drawn'),
      sql<number>`(select count(*)::int from survey_token t where t.sample_id = m.id and t.status = 'answered')`.as('answered'),
    ])
    .where('m.surveyId', '=', id);
  if (scope) q = q.where('m.unitId', 'in', scope.length ? scope : [-1]);
  const rows = await q.orderBy('u.name').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    unitCode: r.unitCode,
    unitName: r.unitName,
    population: r.population,
    reachable: r.reachable,
    sampleSize: r.sampleSize,
    marginOfError: r.marginOfError,
    seed: r.seed,
    frameDigest: r.frameDigest,
    drawnAt: new Date(r.drawnAt).toISOString(),
    drawn: Number(r.drawn),
    answered: Number(r.answered),
  }));
}

export async function listTokens(
  s: AppServices,
  actor: Actor,
  id: number,
  q: { unit?: string; status?: TokenStatus; q?: string; page?: number; pageSize?: number },
) {
  // The people drawn and their forms: the office, whatever the survey's state.
  authorize(actor, 'survey.manage');
  await loadSurvey(s.db, s.provinceCode, id);
  const pageSize = Math.min(q.pageSize ?? 50, 200);
  const page = Math.max(q.page ?? 1, 1);
  let base = s.db.selectFrom('surveyToken as t').innerJoin('unit as u', 'u.id', 't.unitId').where('t.surveyId', '=', id);
  if (q.unit) base = base.where('u.code', '=', q.unit);
  if (q.status) base = base.where('t.status', '=', q.status);
  if (q.q?.trim()) {
    const text = q.q.trim();
    base = base.where((w) => w.or([w('t.paperCode', '=', normalisePaperCode(text)), w('t.dossierCode', '=', text)]));
  }
  const [total, rows] = await Promise.all([
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    base
      .select([
        't.id',
        'u.code as unitCode',
        'u.name as unitName',
        't.rank',
        't.paperCode',
        't.dossierCode',
        't.status',
        't.reason',
        't.token',
      ])
      .orderBy('u.name')
      .orderBy('t.rank')
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
      rank: r.rank,
      paperCode: r.paperCode,
      dossierCode: r.dossierCode,
      status: r.status,
      statusLabel: TOKEN_STATUS_LABELS[r.status],
      reason: r.reason,
      link: `/khao-sat/${r.token}`,
    })),
  };
}

const NON_RESPONSE: TokenStatus[] = ['refused', 'unreachable', 'blank', 'issued'];

/** Logs a non-response (or takes it back): refused, unreachable, returned blank — with the reason. */
export async function setTokenStatus(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  tokenId: number,
  input: { status: TokenStatus; reason?: string },
) {
  const survey = await loadSurvey(s.db, s.provinceCode, id);
  authorize(actor, 'survey.enter', { status: survey.status });
  if (!NON_RESPONSE.includes(input.status))
    throw bad(
      'status',
      `Trạng thái "${input.status}" không ghi tay được: chỉ từ chối, không liên lạc được, phiếu trống hoặc chưa trả lời.`,
    );
  if (input.status !== 'issued' && !input.reason?.trim()) throw bad('reason', 'Ghi rõ lý do không trả lời.');
  const scope = await scopeUnits(s, actor);
  const token = await s.db
    .selectFrom('surveyToken as t')
    .innerJoin('unit as u', 'u.id', 't.unitId')
    .select(['t.id', 't.status', 't.reason', 't.unitId'])
    .where('t.id', '=', tokenId)
    .where('t.surveyId', '=', id)
    .where('u.provinceCode', '=', s.provinceCode)
    .executeTakeFirst();
  if (!token || (scope && !scope.includes(Number(token.unitId))))
    throw new AppError('NOT_FOUND', 'Không tìm thấy phiếu trong mẫu của bạn.', 404);
  if (token.status === 'answered') throw new AppError('CONFLICT', 'Phiếu này đã có câu trả lời.', 409);
  await inTransaction(s.db, async (tx) => {
    await tx
      .updateTable('surveyToken')
      .set({ status: input.status, reason: input.reason?.trim() || null, updatedAt: s.now() })
      .where('id', '=', tokenId)
      .execute();
    await recordAudit(tx, ctx, 'survey.nonResponse', {
      entityType: 'survey_token',
      entityId: tokenId,
      unitId: Number(token.unitId),
      before: { status: token.status, reason: token.reason },
      after: { status: input.status, reason: input.reason ?? null },
    });
  });
}

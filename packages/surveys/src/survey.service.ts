/**
 * Surveys: created from a template, their questionnaire versioned (a published survey's questions are
 * frozen; a change makes a new version, the answers keep the version they were given on), published,
 * closed, and their results published for the public page and the internal index. Every change in one
 * transaction with its audit row.
 */
import { sql } from 'kysely';
import {
  AppError,
  abilities,
  authorize,
  foldedLike,
  foldedSql,
  inTransaction,
  isIsoDate,
  recordAudit,
  type Actor,
  type AppServices,
  type Db,
  type RequestContext,
} from '@cchc/core';
import { checkDefinition, type Definition } from './survey.domain';
import { TEMPLATES } from './survey.templates';
import { SURVEY_ACTIONS, type SurveySubject } from './survey.policy';
import type { SurveyStatus } from './survey.tables';

import { STATUS_LABELS } from './survey.rules';
export { STATUS_LABELS };
export const notFound = () => new AppError('NOT_FOUND', 'Không tìm thấy cuộc khảo sát.', 404);
const bad = (field: string, message: string) => new AppError('VALIDATION', message, 400, { field });

export interface SurveyRow {
  id: number;
  name: string;
  template: string | null;
  periodFrom: string;
  periodTo: string;
  status: SurveyStatus;
  currentVersion: number;
  minValid: number;
  publishedAt: Date | null;
  closedAt: Date | null;
  resultsPublishedAt: Date | null;
}

const surveyQuery = (db: Db, provinceCode: string) =>
  db
    .selectFrom('survey')
    .select([
      'id',
      'name',
      'template',
      'periodFrom',
      'periodTo',
      'status',
      'currentVersion',
      'minValid',
      'publishedAt',
      'closedAt',
      'resultsPublishedAt',
    ])
    .where('provinceCode', '=', provinceCode);
type SurveyQuery = ReturnType<typeof surveyQuery>;
const toSurveyRow = (row: Awaited<ReturnType<SurveyQuery['executeTakeFirstOrThrow']>>): SurveyRow => ({
  ...row,
  id: Number(row.id),
  periodFrom: String(row.periodFrom),
  periodTo: String(row.periodTo),
});

export async function loadSurvey(db: Db, provinceCode: string, id: number): Promise<SurveyRow> {
  const row = await surveyQuery(db, provinceCode).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return toSurveyRow(row);
}

/** The surveys `pick` chooses (filters, order, limit), each as `loadSurvey` reads it, in one query. */
export async function loadSurveys(db: Db, provinceCode: string, pick: (q: SurveyQuery) => SurveyQuery): Promise<SurveyRow[]> {
  return (await pick(surveyQuery(db, provinceCode)).execute()).map(toSurveyRow);
}

/**
 * Published versions never change: their definitions are kept in memory (the public form reads them at every
 * answer), per server (each test app has its own database, with the same survey ids).
 */
const frozen = new WeakMap<AppServices, Map<string, Definition>>();
export async function definitionOf(
  s: AppServices,
  survey: { id: number; status: SurveyStatus },
  version: number,
  db: Db = s.db,
): Promise<Definition> {
  let cache = frozen.get(s);
  if (!cache) frozen.set(s, (cache = new Map()));
  const key = `${survey.id}:${version}`;
  const cached = survey.status !== 'draft' ? cache.get(key) : undefined;
  if (cached) return cached;
  const row = await db
    .selectFrom('surveyVersion')
    .select('definition')
    .where('surveyId', '=', survey.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw notFound();
  const def = row.definition as unknown as Definition;
  if (survey.status !== 'draft') {
    if (cache.size > 200) cache.clear();
    cache.set(key, def);
  }
  return def;
}

function checkPeriod(period: { from: string; to: string } | undefined) {
  if (!period || !isIsoDate(period.from) || !isIsoDate(period.to))
    throw bad('period', 'Kỳ khảo sát cần ngày bắt đầu và ngày kết thúc hợp lệ (YYYY-MM-DD).');
  if (period.to < period.from)
    throw bad('period', `Kỳ khảo sát không hợp lệ: ngày kết thúc ${period.to} trước ngày bắt đầu ${period.from}.`);
}

export async function createFromTemplate(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  input: { template: string; name: string; period: { from: string; to: string }; minValid?: number },
): Promise<{ id: number }> {
  authorize(actor, 'survey.manage');
  const template = TEMPLATES[input.template];
  if (!template) throw bad('template', `Không có mẫu bảng hỏi "${input.template}". Các mẫu: ${Object.keys(TEMPLATES).join(', ')}.`);
  const name = input.name?.trim();
  if (!name) throw bad('name', 'Tên cuộc khảo sát không được để trống.');
  checkPeriod(input.period);
  const definition = template.build();
  const now = s.now();
  return inTransaction(s.db, async (tx) => {
    const row = await tx
      .insertInto('survey')
      .values({
        provinceCode: s.provinceCode,
        name,
        template: input.template,
        periodFrom: input.period.from,
        periodTo: input.period.to,
        status: 'draft',
        currentVersion: 1,
        minValid: input.minValid ?? 30,
        createdBy: actor.userId || null,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await tx
      .insertInto('surveyVersion')
      .values({ surveyId: id, version: 1, definition: JSON.stringify(definition), createdAt: now, createdBy: actor.userId || null })
      .execute();
    await recordAudit(tx, ctx, 'survey.create', {
      entityType: 'survey',
      entityId: id,
      after: { name, template: input.template, period: input.period },
    });
    return { id };
  });
}

export async function listSurveys(
  s: AppServices,
  actor: Actor,
  q: { status?: SurveyStatus; year?: number; q?: string; page?: number; pageSize?: number },
) {
  authorize(actor, 'survey.read');
  const pageSize = Math.min(q.pageSize ?? 20, 100);
  const page = Math.max(q.page ?? 1, 1);
  let base = s.db.selectFrom('survey as s').where('s.provinceCode', '=', s.provinceCode);
  if (q.status) base = base.where('s.status', '=', q.status);
  if (q.year) base = base.where(sql<boolean>`extract(year from s.period_to) = ${q.year}`);
  if (q.q?.trim()) base = base.where(foldedSql('s.name'), 'like', foldedLike(q.q.trim()));
  const [total, rows] = await Promise.all([
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    base
      .select([
        's.id',
        's.name',
        's.template',
        's.periodFrom',
        's.periodTo',
        's.status',
        's.currentVersion',
        's.resultsPublishedAt',
        sql<number>`(select count(*)::int from survey_token t where t.survey_id = s.id)`.as('issued'),
        sql<number>`(select count(*)::int from survey_response r where r.survey_id = s.id and not r.excluded)`.as('responses'),
      ])
      .orderBy('s.periodTo', 'desc')
      .orderBy('s.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      template: r.template,
      templateLabel: r.template ? (TEMPLATES[r.template]?.label ?? r.template) : null,
      periodFrom: String(r.periodFrom),
      periodTo: String(r.periodTo),
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      version: r.currentVersion,
      issued: Number(r.issued),
      responses: Number(r.responses),
      resultsPublished: !!r.resultsPublishedAt,
    })),
  };
}

export async function surveyDetail(s: AppServices, actor: Actor, id: number) {
  authorize(actor, 'survey.read');
  const survey = await loadSurvey(s.db, s.provinceCode, id);
  const definition = await definitionOf(s, survey, survey.currentVersion);
  const versions = await s.db
    .selectFrom('surveyVersion as v')
    .select([
      'v.version',
      'v.createdAt',
      sql<number>`(select count(*)::int from survey_response r where r.survey_id = v.survey_id and r.version = v.version)`.as('responses'),
    ])
    .where('v.surveyId', '=', id)
    .orderBy('v.version')
    .execute();
  const subject: SurveySubject = { status: survey.status };
  return {
    id: survey.id,
    name: survey.name,
    template: survey.template,
    templateLabel: survey.template ? (TEMPLATES[survey.template]?.label ?? survey.template) : null,
    periodFrom: survey.periodFrom,
    periodTo: survey.periodTo,
    status: survey.status,
    statusLabel: STATUS_LABELS[survey.status],
    minValid: survey.minValid,
    version: survey.currentVersion,
    publishedAt: survey.publishedAt?.toISOString() ?? null,
    closedAt: survey.closedAt?.toISOString() ?? null,
    resultsPublishedAt: survey.resultsPublishedAt?.toISOString() ?? null,
    definition,
    versions: versions.map((v) => ({ version: v.version, createdAt: new Date(v.createdAt).toISOString(), responses: Number(v.responses) })),
    can: abilities(actor, subject, SURVEY_ACTIONS),
  };
}

/**
 * Saves the questionnaire. A draft survey's version is edited in place; once published the version is
 * frozen and the change becomes version n+1 (answers already given keep their version).
 */
export async function saveQuestionnaire(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { definition: Definition; version: number },
): Promise<{ version: number; newVersion: boolean }> {
  const survey = await loadSurvey(s.db, s.provinceCode, id);
  authorize(actor, 'survey.edit', { status: survey.status });
  if (input.version !== survey.currentVersion)
    throw new AppError(
      'CONFLICT',
      `Bảng hỏi đã được sửa (phiên bản ${survey.currentVersion}) sau khi bạn mở (phiên bản ${input.version}). Hãy tải lại trang.`,
      409,
    );
  const errors = checkDefinition(input.definition);
  if (errors.length) throw new AppError('VALIDATION', errors.join(' '), 400, { errors });
  const before = await definitionOf(s, survey, survey.currentVersion);
  const now = s.now();
  return inTransaction(s.db, async (tx) => {
    const newVersion = survey.status !== 'draft';
    const version = newVersion ? survey.currentVersion + 1 : survey.currentVersion;
    if (newVersion) {
      await tx
        .insertInto('surveyVersion')
        .values({ surveyId: id, version, definition: JSON.stringify(input.definition), createdAt: now, createdBy: actor.userId || null })
        .execute();
    } else {
      await tx
        .updateTable('surveyVersion')
        .set({ definition: JSON.stringify(input.definition) })
        .where('surveyId', '=', id)
        .where('version', '=', version)
        .execute();
    }
    await tx.updateTable('survey').set({ currentVersion: version, updatedAt: now }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, 'survey.questionnaire', {
      entityType: 'survey',
      entityId: id,
      before: { version: survey.currentVersion, questions: before.sections.flatMap((x) => x.questions).length },
      after: { version, questions: input.definition.sections.flatMap((x) => x.questions).length, title: input.definition.title },
    });
    return { version, newVersion };
  });
}

export async function changeStatus(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  action: 'publish' | 'close' | 'publishResults' | 'unpublishResults',
): Promise<void> {
  const survey = await loadSurvey(s.db, s.provinceCode, id);
  authorize(actor, action === 'unpublishResults' ? 'survey.publishResults' : `survey.${action}`, { status: survey.status });
  const now = s.now();
  const patch =
    action === 'publish'
      ? { status: 'published' as const, publishedAt: now }
      : action === 'close'
        ? { status: 'closed' as const, closedAt: now }
        : { resultsPublishedAt: action === 'publishResults' ? now : null };
  if (action === 'publish') {
    const errors = checkDefinition(await definitionOf(s, survey, survey.currentVersion));
    if (errors.length) throw new AppError('VALIDATION', `Chưa mở được cuộc khảo sát: ${errors.join(' ')}`, 400, { errors });
  }
  await inTransaction(s.db, async (tx) => {
    await tx
      .updateTable('survey')
      .set({ ...patch, updatedAt: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, ctx, `survey.${action}`, {
      entityType: 'survey',
      entityId: id,
      before: { status: survey.status, resultsPublishedAt: survey.resultsPublishedAt },
      after: patch,
    });
  });
}

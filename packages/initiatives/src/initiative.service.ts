/**
 * The registry of initiatives: a unit registers and its head submits; the office checks completeness;
 * council members score on the province's criteria; the office records the decision (recognised at unit
 * or province level, or not), the award it was used for, and the units that adopt it. Every change in one
 * transaction with an audit row (before/after) and a notification to the unit.
 */
import { sql } from 'kysely';
import {
  AppError,
  abilities,
  attachOwnedFile,
  detachOwnedFile,
  readOwnedFile,
  type FileOwner,
  authorize,
  can,
  foldedLike,
  foldedSql,
  hasRole,
  inTransaction,
  isIsoDate,
  notify,
  recipients,
  recordAudit,
  resolveScopedUnit,
  transition,
  unitScope,
  type Actor,
  type AppServices,
  type Db,
  type RequestContext,
  type UploadedFile,
} from '@cchc/core';
import { AREAS, LEVEL_LABELS, STATUS_LABELS, councilScore, initiativeFlow, isArea, DEFAULT_CRITERIA } from './initiatives.domain';
import { INITIATIVE_ACTIONS, type InitiativeSubject } from './initiatives.policy';
import type { InitiativeStatus, RecognitionLevel } from './initiatives.tables';

export const DOCUMENT_OWNER = 'initiative_document';
const notFound = () => new AppError('NOT_FOUND', 'Không tìm thấy sáng kiến hoặc sáng kiến ngoài phạm vi đơn vị của bạn.', 404);
const bad = (field: string, message: string) => new AppError('VALIDATION', message, 400, { field });
const text = (v: string | undefined | null, field: string, what: string, min = 1, max = 10_000) => {
  const t = (v ?? '').trim();
  if (t.length < min) throw bad(field, `Cần ghi ${what} (trường "${field}"${min > 1 ? `, ít nhất ${min} ký tự` : ''}).`);
  if (t.length > max) throw bad(field, `Trường "${field}" dài quá ${max.toLocaleString('vi-VN')} ký tự.`);
  return t;
};
const optional = (v: string | undefined | null, field: string, max = 10_000) => (v?.trim() ? text(v, field, field, 1, max) : null);

// ---------------------------------------------------------------- criteria

export async function ensureCriteria(db: Db, provinceCode: string): Promise<number> {
  const has = await db.selectFrom('initiativeCriterion').select('id').where('provinceCode', '=', provinceCode).executeTakeFirst();
  if (has) return 0;
  await db
    .insertInto('initiativeCriterion')
    .values(DEFAULT_CRITERIA.map((c, i) => ({ provinceCode, ...c, sortOrder: i + 1 })))
    .execute();
  return DEFAULT_CRITERIA.length;
}

export const listCriteria = (s: AppServices) =>
  s.db
    .selectFrom('initiativeCriterion')
    .select(['code', 'name', 'maxPoints', 'isActive'])
    .where('provinceCode', '=', s.provinceCode)
    .orderBy('sortOrder')
    .execute();

const activeCriteria = (db: Db, provinceCode: string) =>
  db
    .selectFrom('initiativeCriterion')
    .select(['code', 'name', 'maxPoints'])
    .where('provinceCode', '=', provinceCode)
    .where('isActive', '=', true)
    .orderBy('sortOrder')
    .execute();

export async function saveCriteria(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  items: { code: string; name: string; maxPoints: number; isActive?: boolean }[],
) {
  authorize(actor, 'initiative.manage');
  const seen = new Set<string>();
  items.forEach((c, i) => {
    const row = `Dòng ${i + 1}`;
    if (!/^[a-zA-Z0-9_]{1,20}$/.test(c.code)) throw bad('code', `${row}: mã tiêu chí "${c.code}" chỉ gồm chữ không dấu, số, gạch dưới.`);
    if (seen.has(c.code)) throw bad('code', `${row}: mã "${c.code}" bị trùng.`);
    seen.add(c.code);
    if (c.name.trim().length < 3) throw bad('name', `${row}: cần tên tiêu chí.`);
    if (!(Number.isInteger(c.maxPoints) && c.maxPoints >= 1 && c.maxPoints <= 100))
      throw bad('maxPoints', `${row}: điểm tối đa là số nguyên từ 1 đến 100.`);
  });
  await inTransaction(s.db, async (tx) => {
    const before = await tx
      .selectFrom('initiativeCriterion')
      .select(['code', 'name', 'maxPoints', 'isActive'])
      .where('provinceCode', '=', s.provinceCode)
      .execute();
    await tx.deleteFrom('initiativeCriterion').where('provinceCode', '=', s.provinceCode).execute();
    await tx
      .insertInto('initiativeCriterion')
      .values(
        items.map((c, i) => ({
          provinceCode: s.provinceCode,
          code: c.code,
          name: c.name.trim(),
          maxPoints: c.maxPoints,
          sortOrder: i + 1,
          isActive: c.isActive ?? true,
        })),
      )
      .execute();
    await recordAudit(tx, ctx, 'initiative.criteria.update', {
      entityType: 'initiative_criteria',
      entityId: s.provinceCode,
      before,
      after: items,
    });
  });
  return listCriteria(s);
}

// ---------------------------------------------------------------- loading and visibility

type Row = NonNullable<Awaited<ReturnType<typeof loadRow>>>;

const loadRow = (db: Db, provinceCode: string, id: number, forUpdate = false) => {
  let q = db.selectFrom('initiative').selectAll().where('id', '=', id).where('provinceCode', '=', provinceCode);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
};

const subjectOf = (r: Row): InitiativeSubject => ({
  ownerUnitId: r.unitId === null ? null : Number(r.unitId),
  provinceCode: r.provinceCode,
  status: r.status,
  origin: r.origin,
  awardUsed: r.awardUsed,
});

/** Recognised and external initiatives are open to every official (and the public); the rest to the unit's scope. */
async function load(s: AppServices, db: Db, actor: Actor, id: number, forUpdate = false) {
  const row = await loadRow(db, s.provinceCode, id, forUpdate);
  if (!row) throw notFound();
  const open = row.status === 'recognised' || row.origin === 'external';
  if (!open) {
    const ids = (await unitScope(db, actor)).ids;
    if (ids && (row.unitId === null || !ids.includes(Number(row.unitId)))) throw notFound();
  }
  const subject = subjectOf(row);
  authorize(actor, 'initiative.read', subject);
  return { row, subject };
}

async function tell(
  s: AppServices,
  db: Db,
  row: Pick<Row, 'id' | 'unitId' | 'title'>,
  kind: string,
  title: string,
  who: 'unit' | 'office' = 'unit',
) {
  const users =
    who === 'office'
      ? await recipients(db, { provinceCode: s.provinceCode }, ['cchc_office'])
      : row.unitId
        ? await recipients(db, { unitId: Number(row.unitId) }, ['unit_head', 'focal_point'])
        : [];
  for (const userId of users)
    await notify(
      db,
      {
        userId,
        kind,
        subjectType: 'initiative',
        subjectId: Number(row.id),
        periodKey: String(s.now().getTime()),
        title,
        body: row.title,
        link: `/initiatives/${row.id}`,
      },
      { email: false },
    );
}

// ---------------------------------------------------------------- registering and editing

export interface InitiativeInput {
  unitCode?: string;
  year: number;
  title: string;
  summary: string;
  problem?: string;
  solution?: string;
  area?: string;
  indexComponents?: string[];
  startedOn?: string;
  cost?: number | null;
  expectedEffect?: string;
  /** Recorded from another province (the office only). */
  externalProvince?: string;
  externalUnit?: string;
}

function fields(input: Partial<InitiativeInput>) {
  if (input.area !== undefined && input.area !== '' && !isArea(input.area))
    throw bad('area', `Lĩnh vực "${input.area}" không có trong danh mục (${Object.keys(AREAS).join(', ')}).`);
  if (input.startedOn && !isIsoDate(input.startedOn))
    throw bad('startedOn', `Ngày áp dụng (trường "startedOn") không hợp lệ: "${input.startedOn}".`);
  if (input.cost != null && !(input.cost >= 0)) throw bad('cost', 'Kinh phí (trường "cost") không được âm.');
  const out: Record<string, unknown> = {};
  if (input.title !== undefined) out.title = text(input.title, 'title', 'tên sáng kiến', 5, 500);
  if (input.summary !== undefined) out.summary = text(input.summary, 'summary', 'tóm tắt nội dung', 10, 10_000);
  if (input.problem !== undefined) out.problem = optional(input.problem, 'problem');
  if (input.solution !== undefined) out.solution = optional(input.solution, 'solution');
  if (input.area !== undefined) out.area = input.area || null;
  if (input.indexComponents !== undefined)
    out.indexComponents = input.indexComponents
      .map((c) => c.trim())
      .filter(Boolean)
      .slice(0, 20);
  if (input.startedOn !== undefined) out.startedOn = input.startedOn || null;
  if (input.cost !== undefined) out.cost = input.cost;
  if (input.expectedEffect !== undefined) out.expectedEffect = optional(input.expectedEffect, 'expectedEffect');
  return out;
}

async function nextCode(db: Db, year: number) {
  const r = await db
    .selectFrom('initiative')
    .select(sql<number>`coalesce(max(substring(code from 9)::int), 0)::int`.as('n'))
    .where('code', 'like', `SK.${year}.%`)
    .executeTakeFirstOrThrow();
  return `SK.${year}.${String(Number(r.n) + 1).padStart(3, '0')}`;
}

export async function createInitiative(s: AppServices, ctx: RequestContext, actor: Actor, input: InitiativeInput) {
  authorize(actor, 'initiative.create');
  if (!(Number.isInteger(input.year) && input.year >= 2000 && input.year <= 2100))
    throw bad('year', `Năm (trường "year") không hợp lệ: ${input.year}.`);
  const external = !!input.externalProvince?.trim();
  if (external && !can(actor, 'initiative.manage')) throw new AppError('FORBIDDEN', 'Chỉ Sở Nội vụ ghi nhận sáng kiến của tỉnh khác.', 403);
  let unitId: number | null = null;
  if (!external) {
    const code = input.unitCode?.trim() || actor.unitCode;
    const unit = await resolveScopedUnit(s, actor, code).catch(() => {
      throw new AppError('NOT_FOUND', `Không có đơn vị "${code}" của tỉnh trong phạm vi của bạn (trường "unitCode").`, 404, {
        field: 'unitCode',
      });
    });
    if (unit.code === s.provinceCode) throw bad('unitCode', 'Sáng kiến phải của một sở, ngành hoặc xã, phường (trường "unitCode").');
    unitId = Number(unit.id);
  }
  const f = fields(input);
  return inTransaction(s.db, async (tx) => {
    const values = {
      provinceCode: s.provinceCode,
      code: await nextCode(tx, input.year),
      origin: external ? ('external' as const) : ('own' as const),
      unitId,
      externalProvince: external ? text(input.externalProvince, 'externalProvince', 'tỉnh, thành phố', 2, 200) : null,
      externalUnit: external ? optional(input.externalUnit, 'externalUnit', 300) : null,
      year: input.year,
      title: f.title as string,
      summary: f.summary as string,
      problem: (f.problem as string | null) ?? null,
      solution: (f.solution as string | null) ?? null,
      area: (f.area as string | null) ?? null,
      indexComponents: (f.indexComponents as string[]) ?? [],
      startedOn: (f.startedOn as string | null) ?? null,
      cost: (f.cost as number | null) ?? null,
      expectedEffect: (f.expectedEffect as string | null) ?? null,
      status: external ? ('recognised' as const) : ('draft' as const),
      createdBy: actor.userId || null,
      createdAt: s.now(),
      updatedAt: s.now(),
    };
    const row = await tx.insertInto('initiative').values(values).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, 'initiative.create', { entityType: 'initiative', entityId: Number(row.id), unitId, after: values });
    return { id: Number(row.id), code: values.code };
  });
}

export async function updateInitiative(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  patch: Partial<InitiativeInput> & { version: number },
) {
  const f = fields(patch);
  return inTransaction(s.db, async (tx) => {
    const { row, subject } = await load(s, tx, actor, id, true);
    authorize(actor, 'initiative.edit', subject);
    if (row.version !== patch.version) throw conflict();
    const before = Object.fromEntries(Object.keys(f).map((k) => [k, row[k as keyof Row]]));
    await tx
      .updateTable('initiative')
      .set({ ...f, updatedAt: s.now(), version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, ctx, 'initiative.update', {
      entityType: 'initiative',
      entityId: id,
      unitId: subject.ownerUnitId,
      before,
      after: f,
    });
  });
}

const conflict = () => new AppError('CONFLICT', 'Sáng kiến vừa được người khác cập nhật. Hãy tải lại trang.', 409);

// ---------------------------------------------------------------- workflow

type Step = 'submit' | 'return' | 'accept';

export async function step(s: AppServices, ctx: RequestContext, actor: Actor, id: number, action: Step, note?: string) {
  return inTransaction(s.db, async (tx) => {
    const { row, subject } = await load(s, tx, actor, id, true);
    authorize(actor, `initiative.${action}`, subject);
    const to = transition(initiativeFlow, row.status, action);
    const set: Record<string, unknown> = { status: to, updatedAt: s.now(), version: row.version + 1 };
    if (action === 'submit') {
      const missing = (['problem', 'solution', 'area', 'startedOn'] as const).filter((k) => !row[k]);
      if (missing.length)
        throw bad(
          missing[0]!,
          `Chưa gửi được: cần ghi ${missing.map((k) => FIELD_NAMES[k]).join(', ')} (trường ${missing.map((k) => `"${k}"`).join(', ')}).`,
        );
      set.submittedAt = s.now();
      set.returnNote = null;
    }
    if (action === 'return') set.returnNote = text(note, 'note', 'nội dung cần bổ sung', 5, 2000);
    if (action === 'accept') set.checkedAt = s.now();
    await tx.updateTable('initiative').set(set).where('id', '=', id).execute();
    await recordAudit(tx, ctx, `initiative.${action}`, {
      entityType: 'initiative',
      entityId: id,
      unitId: subject.ownerUnitId,
      before: { status: row.status },
      after: { status: to, ...(set.returnNote ? { returnNote: set.returnNote } : {}) },
    });
    if (action === 'submit') await tell(s, tx, row, 'initiative.submitted', `Sáng kiến mới gửi: ${row.code}`, 'office');
    else
      await tell(
        s,
        tx,
        row,
        `initiative.${action}`,
        action === 'return' ? 'Sáng kiến bị trả lại để bổ sung' : 'Sáng kiến đã được xác nhận đầy đủ hồ sơ',
      );
  });
}

const FIELD_NAMES = { problem: 'thực trạng, vấn đề', solution: 'giải pháp', area: 'lĩnh vực', startedOn: 'ngày bắt đầu áp dụng' } as const;

/** A council member's scores (one per criterion, within its maximum); sending again replaces them. */
export async function score(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  scores: { criterion: string; points: number; note?: string }[],
) {
  return inTransaction(s.db, async (tx) => {
    const { subject } = await load(s, tx, actor, id, true);
    authorize(actor, 'initiative.score', subject);
    const criteria = await activeCriteria(tx, s.provinceCode);
    const byCode = new Map(criteria.map((c) => [c.code, c]));
    for (const [i, sc] of scores.entries()) {
      const c = byCode.get(sc.criterion);
      if (!c) throw bad('criterion', `Dòng ${i + 1}: không có tiêu chí "${sc.criterion}".`);
      if (!(sc.points >= 0 && sc.points <= c.maxPoints))
        throw bad('points', `Tiêu chí "${c.name}": điểm từ 0 đến ${c.maxPoints}, không phải ${String(sc.points).replace('.', ',')}.`);
    }
    const missing = criteria.filter((c) => !scores.some((x) => x.criterion === c.code));
    if (missing.length) throw bad('criterion', `Cần chấm đủ các tiêu chí: thiếu ${missing.map((c) => `"${c.name}"`).join(', ')}.`);
    const before = await tx
      .selectFrom('initiativeScore')
      .select(['criterionCode', 'points', 'note'])
      .where('initiativeId', '=', id)
      .where('memberId', '=', actor.userId)
      .execute();
    await tx.deleteFrom('initiativeScore').where('initiativeId', '=', id).where('memberId', '=', actor.userId).execute();
    await tx
      .insertInto('initiativeScore')
      .values(
        scores.map((x) => ({
          initiativeId: id,
          memberId: actor.userId,
          criterionCode: x.criterion,
          points: x.points,
          note: x.note?.trim() || null,
          scoredAt: s.now(),
        })),
      )
      .execute();
    await recordAudit(tx, ctx, 'initiative.score', {
      entityType: 'initiative',
      entityId: id,
      unitId: subject.ownerUnitId,
      before,
      after: scores,
    });
  });
}

export async function decide(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { recognised: boolean; level?: RecognitionLevel; decisionNumber: string; decidedOn: string },
) {
  const decisionNumber = text(input.decisionNumber, 'decisionNumber', 'số quyết định', 3, 100);
  if (!isIsoDate(input.decidedOn) || input.decidedOn > s.today())
    throw bad('decidedOn', `Ngày quyết định (trường "decidedOn") phải là một ngày đến hôm nay: "${input.decidedOn}".`);
  if (input.recognised && input.level !== 'unit' && input.level !== 'province')
    throw bad('level', 'Cần chọn cấp công nhận (trường "level"): unit (cấp cơ sở) hoặc province (cấp tỉnh).');
  return inTransaction(s.db, async (tx) => {
    const { row, subject } = await load(s, tx, actor, id, true);
    authorize(actor, 'initiative.decide', subject);
    const council = councilScore(
      await activeCriteria(tx, s.provinceCode),
      (await scoresOf(tx, id)).map((x) => ({ ...x, memberId: Number(x.memberId) })),
    );
    if (!council.members)
      throw new AppError('NO_SCORES', 'Chưa có thành viên Hội đồng nào chấm đủ các tiêu chí: chưa ghi quyết định được.', 409);
    const to = transition(initiativeFlow, row.status, input.recognised ? 'recognise' : 'reject');
    const after = {
      status: to,
      level: input.recognised ? input.level! : null,
      decisionNumber,
      decidedOn: input.decidedOn,
      councilTotal: council.total,
    };
    await tx
      .updateTable('initiative')
      .set({ status: to, level: after.level, decisionNumber, decidedOn: input.decidedOn, updatedAt: s.now(), version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, ctx, 'initiative.decide', {
      entityType: 'initiative',
      entityId: id,
      unitId: subject.ownerUnitId,
      before: { status: row.status, level: row.level },
      after,
    });
    await tell(
      s,
      tx,
      row,
      'initiative.decided',
      input.recognised ? `Sáng kiến được công nhận ${LEVEL_LABELS[input.level!].toLowerCase()}` : 'Sáng kiến không được công nhận',
    );
  });
}

/** One initiative is one ground for one award: the office records which, and a second use is refused. */
export async function markAward(s: AppServices, ctx: RequestContext, actor: Actor, id: number, note: string) {
  const awardNote = text(note, 'note', 'danh hiệu, hình thức khen thưởng đã dùng sáng kiến', 5, 1000);
  return inTransaction(s.db, async (tx) => {
    const { row, subject } = await load(s, tx, actor, id, true);
    if (row.awardUsed)
      throw new AppError(
        'AWARD_USED',
        `Sáng kiến đã được dùng để xét khen thưởng: ${row.awardNote ?? ''}. Mỗi sáng kiến chỉ dùng một lần.`,
        409,
      );
    authorize(actor, 'initiative.award', subject);
    await tx
      .updateTable('initiative')
      .set({ awardUsed: true, awardNote, updatedAt: s.now(), version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, ctx, 'initiative.award', {
      entityType: 'initiative',
      entityId: id,
      unitId: subject.ownerUnitId,
      before: { awardUsed: false },
      after: { awardUsed: true, awardNote },
    });
  });
}

export async function adopt(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { unitCode?: string; adoptedOn: string; note?: string },
) {
  if (!isIsoDate(input.adoptedOn) || input.adoptedOn > s.today())
    throw bad('adoptedOn', `Ngày áp dụng (trường "adoptedOn") phải là một ngày đến hôm nay: "${input.adoptedOn}".`);
  // Read before the transaction: the embedded database has one connection, which the transaction holds.
  const unit = await resolveScopedUnit(s, actor, input.unitCode?.trim() || actor.unitCode);
  return inTransaction(s.db, async (tx) => {
    const { row, subject } = await load(s, tx, actor, id);
    authorize(actor, 'initiative.adopt', subject);
    if (unit.code === s.provinceCode) throw bad('unitCode', 'Cần chọn một sở, ngành hoặc xã, phường (trường "unitCode").');
    if (row.unitId !== null && Number(row.unitId) === Number(unit.id))
      throw bad('unitCode', 'Đơn vị có sáng kiến không ghi là đơn vị nhân rộng.');
    const existing = await tx
      .selectFrom('initiativeAdoption')
      .select('adoptedOn')
      .where('initiativeId', '=', id)
      .where('unitId', '=', Number(unit.id))
      .executeTakeFirst();
    const values = {
      initiativeId: id,
      unitId: Number(unit.id),
      adoptedOn: input.adoptedOn,
      note: input.note?.trim() || null,
      createdBy: actor.userId || null,
    };
    if (existing)
      await tx
        .updateTable('initiativeAdoption')
        .set({ adoptedOn: values.adoptedOn, note: values.note })
        .where('initiativeId', '=', id)
        .where('unitId', '=', values.unitId)
        .execute();
    else await tx.insertInto('initiativeAdoption').values(values).execute();
    await recordAudit(tx, ctx, 'initiative.adopt', {
      entityType: 'initiative',
      entityId: id,
      unitId: Number(unit.id),
      before: existing ?? null,
      after: { ...values, unitCode: unit.code },
    });
    await tell(s, tx, row, 'initiative.adopted', `${unit.name} áp dụng sáng kiến ${row.code}`);
  });
}

// ---------------------------------------------------------------- documents

const documentsOf = (id: number, unitId: number | null): FileOwner => ({
  ownerType: DOCUMENT_OWNER,
  ownerId: id,
  unitId,
  entityType: 'initiative',
  action: 'initiative.document',
  what: 'tài liệu của sáng kiến',
});

export async function addDocument(s: AppServices, ctx: RequestContext, actor: Actor, id: number, file: UploadedFile) {
  return inTransaction(s.db, async (tx) => {
    const { subject } = await load(s, tx, actor, id);
    authorize(actor, 'initiative.edit', subject);
    await attachOwnedFile(s, tx, ctx, actor, documentsOf(id, subject.ownerUnitId), file);
  });
}

export async function removeDocument(s: AppServices, ctx: RequestContext, actor: Actor, id: number, fileId: number) {
  return inTransaction(s.db, async (tx) => {
    const { subject } = await load(s, tx, actor, id);
    authorize(actor, 'initiative.edit', subject);
    await detachOwnedFile(s, tx, ctx, documentsOf(id, subject.ownerUnitId), fileId);
  });
}

export async function documentFile(s: AppServices, actor: Actor, id: number, fileId: number) {
  const { subject } = await load(s, s.db, actor, id);
  return readOwnedFile(s, documentsOf(id, subject.ownerUnitId), fileId);
}

// ---------------------------------------------------------------- reading

const scoresOf = (db: Db, id: number) =>
  db
    .selectFrom('initiativeScore as x')
    .innerJoin('appUser as u', 'u.id', 'x.memberId')
    .select(['x.memberId', 'u.fullName', 'x.criterionCode', 'x.points', 'x.note'])
    .where('x.initiativeId', '=', id)
    .orderBy('u.fullName')
    .execute();

export interface ListQuery {
  year?: number;
  unit?: string;
  status?: InitiativeStatus;
  area?: string;
  origin?: 'own' | 'external';
  /** Recognised ones of every unit (the catalogue inside the product). */
  catalogue?: boolean;
  q?: string;
  limit?: number;
  offset?: number;
}

export function listQuery(db: Db, provinceCode: string, scopeIds: readonly number[] | null, q: ListQuery & { unitIds?: number[] }) {
  let qb = db.selectFrom('initiative as i').leftJoin('unit as u', 'u.id', 'i.unitId').where('i.provinceCode', '=', provinceCode);
  if (q.catalogue) qb = qb.where((eb) => eb.or([eb('i.status', '=', 'recognised'), eb('i.origin', '=', 'external')]));
  else if (scopeIds) qb = scopeIds.length ? qb.where('i.unitId', 'in', scopeIds) : qb.where((eb) => eb.val(false));
  if (q.year) qb = qb.where('i.year', '=', q.year);
  if (q.unitIds) qb = q.unitIds.length ? qb.where('i.unitId', 'in', q.unitIds) : qb.where((eb) => eb.val(false));
  if (q.status) qb = qb.where('i.status', '=', q.status);
  if (q.area) qb = qb.where('i.area', '=', q.area);
  if (q.origin) qb = qb.where('i.origin', '=', q.origin);
  if (q.q?.trim()) {
    const like = foldedLike(q.q.trim());
    qb = qb.where((eb) =>
      eb.or([
        eb('i.code', '=', q.q!.trim().toUpperCase()),
        eb(foldedSql('i.title'), 'like', like),
        eb(foldedSql('i.summary'), 'like', like),
        eb(foldedSql('u.name'), 'like', like),
        eb(foldedSql('i.external_province'), 'like', like),
      ]),
    );
  }
  return qb;
}

export async function listInitiatives(s: AppServices, actor: Actor, q: ListQuery) {
  const scope = await unitScope(s.db, actor);
  let unitIds: number[] | undefined;
  if (q.unit) {
    const unit = await resolveScopedUnit(s, actor, q.unit);
    unitIds = (
      await s.db
        .selectFrom('unit')
        .select('id')
        .where((eb) => eb.or([eb('id', '=', unit.id), eb('parentId', '=', unit.id)]))
        .execute()
    ).map((r) => Number(r.id));
  }
  const base = () => listQuery(s.db, s.provinceCode, scope.ids, { ...q, unitIds });
  const page = { limit: Math.min(q.limit ?? 20, 200), offset: q.offset ?? 0 };
  const [rows, total] = await Promise.all([
    base()
      .select([
        'i.id',
        'i.code',
        'i.origin',
        'i.year',
        'i.title',
        'i.summary',
        'i.area',
        'i.status',
        'i.level',
        'i.awardUsed',
        'i.externalProvince',
        'u.code as unitCode',
        'u.name as unitName',
        'i.updatedAt',
      ])
      .select((eb) =>
        eb
          .selectFrom('initiativeAdoption as a')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('a.initiativeId', '=', 'i.id')
          .as('adopters'),
      )
      .orderBy('i.year', 'desc')
      .orderBy('i.code', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(present), total: Number(total.n), ...page };
}

const present = (r: {
  id: number;
  code: string;
  origin: 'own' | 'external';
  year: number;
  title: string;
  summary: string;
  area: string | null;
  status: InitiativeStatus;
  level: RecognitionLevel | null;
  awardUsed: boolean;
  externalProvince: string | null;
  unitCode: string | null;
  unitName: string | null;
  adopters: number | null;
}) => ({
  id: Number(r.id),
  code: r.code,
  origin: r.origin,
  year: r.year,
  title: r.title,
  summary: r.summary.length > 300 ? `${r.summary.slice(0, r.summary.lastIndexOf(' ', 300))} …` : r.summary,
  area: r.area,
  areaLabel: r.area ? (AREAS[r.area as keyof typeof AREAS] ?? r.area) : null,
  status: r.status,
  statusLabel: r.origin === 'external' ? 'Của tỉnh, thành phố khác' : STATUS_LABELS[r.status],
  level: r.level,
  levelLabel: r.level ? LEVEL_LABELS[r.level] : null,
  awardUsed: r.awardUsed,
  unitCode: r.unitCode,
  unitName: r.unitName ?? r.externalProvince,
  adopters: Number(r.adopters ?? 0),
});

export async function getInitiative(s: AppServices, actor: Actor, id: number) {
  const { row, subject } = await load(s, s.db, actor, id);
  const [unit, criteria, scores, adopters, docs] = await Promise.all([
    row.unitId ? s.db.selectFrom('unit').select(['code', 'name']).where('id', '=', row.unitId).executeTakeFirst() : undefined,
    activeCriteria(s.db, s.provinceCode),
    scoresOf(s.db, id),
    s.db
      .selectFrom('initiativeAdoption as a')
      .innerJoin('unit as u', 'u.id', 'a.unitId')
      .select(['u.code', 'u.name', 'a.adoptedOn', 'a.note'])
      .where('a.initiativeId', '=', id)
      .orderBy('a.adoptedOn')
      .execute(),
    s.files.linksOf(s.db, DOCUMENT_OWNER, [id]),
  ]);
  const council = councilScore(
    criteria,
    scores.map((x) => ({ ...x, memberId: Number(x.memberId) })),
  );
  // Members' individual scores: for the office and the council; the unit sees the council's result.
  const seesMembers = hasRole(actor, 'admin', 'cchc_office', 'appraiser');
  const members = [...new Set(scores.map((x) => Number(x.memberId)))].map((m) => {
    const mine = scores.filter((x) => Number(x.memberId) === m);
    return {
      memberId: m,
      name: mine[0]!.fullName,
      total: mine.reduce((a, x) => a + x.points, 0),
      points: Object.fromEntries(mine.map((x) => [x.criterionCode, x.points])),
    };
  });
  return {
    id,
    code: row.code,
    origin: row.origin,
    unitCode: unit?.code ?? null,
    unitName: unit?.name ?? null,
    externalProvince: row.externalProvince,
    externalUnit: row.externalUnit,
    year: row.year,
    title: row.title,
    summary: row.summary,
    problem: row.problem,
    solution: row.solution,
    area: row.area,
    areaLabel: row.area ? (AREAS[row.area as keyof typeof AREAS] ?? row.area) : null,
    indexComponents: row.indexComponents,
    startedOn: row.startedOn,
    cost: row.cost,
    expectedEffect: row.expectedEffect,
    status: row.status,
    statusLabel: row.origin === 'external' ? 'Của tỉnh, thành phố khác' : STATUS_LABELS[row.status],
    level: row.level,
    levelLabel: row.level ? LEVEL_LABELS[row.level] : null,
    returnNote: row.returnNote,
    decisionNumber: row.decisionNumber,
    decidedOn: row.decidedOn,
    awardUsed: row.awardUsed,
    awardNote: row.awardNote,
    version: row.version,
    criteria,
    council: {
      members: council.members,
      total: council.total,
      max: council.max,
      byCriterion: council.byCriterion,
      suggested: council.suggested,
    },
    myScores: Object.fromEntries(scores.filter((x) => Number(x.memberId) === actor.userId).map((x) => [x.criterionCode, x.points])),
    memberScores: seesMembers ? members : [],
    adopters: adopters.map((a) => ({ unitCode: a.code, unitName: a.name, adoptedOn: a.adoptedOn, note: a.note })),
    documents: docs.map((d) => ({ id: d.id, filename: d.filename, size: d.size, sha256: d.sha256 })),
    abilities: abilities(actor, subject, INITIATIVE_ACTIONS),
  };
}

export type InitiativeView = Awaited<ReturnType<typeof getInitiative>>;

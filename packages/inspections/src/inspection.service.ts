/**
 * Plans, visits, checklists, conclusions and findings. Each change: load → authorize → check → save →
 * audit (before/after) → notify, in one transaction. A finding becomes a task of the unit through core's
 * task seam, so the unit reports its remedy in its task list like any task.
 */
import {
  AppError,
  authorize,
  can,
  formatDate,
  inTransaction,
  isIsoDate,
  notify,
  recipients,
  recordAudit,
  resolveScopedUnit,
  unitScope,
  abilities,
  attachOwnedFile,
  detachOwnedFile,
  readOwnedFile,
  type FileOwner,
  type Actor,
  type AppServices,
  type Db,
  type RequestContext,
  type UploadedFile,
} from '@cchc/core';
import {
  AREAS,
  FINDING_STATE_LABELS,
  KIND_LABELS,
  SEVERITY_LABELS,
  STATUS_LABELS,
  findingState,
  isArea,
  isHeld,
  repeatOf,
} from './inspections.domain';
import { INSPECTION_ACTIONS, type InspectionSubject } from './inspections.policy';
import * as repo from './inspections.repository';
import { EVIDENCE_OWNER } from './inspections.repository';
import type { Insertable } from 'kysely';
import type { CheckResult, InspectionKind, InspectionTable, Severity } from './inspections.tables';

const notFound = () => new AppError('NOT_FOUND', 'Không tìm thấy cuộc kiểm tra hoặc cuộc kiểm tra ngoài phạm vi đơn vị của bạn.', 404);
const bad = (field: string, message: string) => new AppError('VALIDATION', message, 400, { field });
const text = (v: string | undefined | null, field: string, what: string, min = 1, max = 5000) => {
  const t = (v ?? '').trim();
  if (t.length < min) throw bad(field, `Cần ghi ${what} (trường "${field}"${min > 1 ? `, ít nhất ${min} ký tự` : ''}).`);
  if (t.length > max) throw bad(field, `Trường "${field}" dài quá ${max.toLocaleString('vi-VN')} ký tự.`);
  return t;
};

// ---------------------------------------------------------------- plans and the checklist template

export async function listPlans(s: AppServices, year?: number) {
  let q = s.db
    .selectFrom('inspectionPlan')
    .select(['id', 'year', 'name', 'target', 'selfTarget'])
    .where('provinceCode', '=', s.provinceCode);
  if (year) q = q.where('year', '=', year);
  const rows = await q.orderBy('year', 'desc').orderBy('id').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export interface PlanInput {
  year: number;
  name: string;
  target?: number;
  selfTarget?: number;
}

const share = (v: number | undefined, field: string, fallback: number) => {
  if (v === undefined) return fallback;
  if (!(v > 0 && v <= 1)) throw bad(field, `Chỉ tiêu (trường "${field}") là tỷ lệ lớn hơn 0 và không quá 1 (ví dụ 0,3 cho 30 %).`);
  return v;
};

export async function createPlan(s: AppServices, ctx: RequestContext, actor: Actor, input: PlanInput) {
  authorize(actor, 'inspection.manage');
  const name = text(input.name, 'name', 'tên kế hoạch', 5, 300);
  const values = {
    provinceCode: s.provinceCode,
    year: input.year,
    name,
    target: share(input.target, 'target', 0.3),
    selfTarget: share(input.selfTarget, 'selfTarget', 0.5),
    createdBy: actor.userId || null,
    createdAt: s.now(),
  };
  return inTransaction(s.db, async (tx) => {
    const dup = await tx
      .selectFrom('inspectionPlan')
      .select('id')
      .where('provinceCode', '=', s.provinceCode)
      .where('year', '=', input.year)
      .where('name', '=', name)
      .executeTakeFirst();
    if (dup) throw new AppError('DUPLICATE', `Năm ${input.year} đã có kế hoạch "${name}".`, 409, { field: 'name' });
    const row = await tx.insertInto('inspectionPlan').values(values).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, 'inspection.plan.create', { entityType: 'inspection_plan', entityId: Number(row.id), after: values });
    return { id: Number(row.id) };
  });
}

export async function updatePlan(s: AppServices, ctx: RequestContext, actor: Actor, id: number, patch: Partial<PlanInput>) {
  authorize(actor, 'inspection.manage');
  return inTransaction(s.db, async (tx) => {
    const before = await tx
      .selectFrom('inspectionPlan')
      .selectAll()
      .where('id', '=', id)
      .where('provinceCode', '=', s.provinceCode)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND', 'Không tìm thấy kế hoạch kiểm tra.', 404);
    const after = {
      name: patch.name === undefined ? before.name : text(patch.name, 'name', 'tên kế hoạch', 5, 300),
      target: share(patch.target, 'target', before.target),
      selfTarget: share(patch.selfTarget, 'selfTarget', before.selfTarget),
    };
    await tx.updateTable('inspectionPlan').set(after).where('id', '=', id).execute();
    await recordAudit(tx, ctx, 'inspection.plan.update', {
      entityType: 'inspection_plan',
      entityId: id,
      before: { name: before.name, target: before.target, selfTarget: before.selfTarget },
      after,
    });
    return { id };
  });
}

export async function getTemplate(s: AppServices) {
  return (await repo.templateOf(s.db, s.provinceCode, false)).map((t) => ({
    ...t,
    areaLabel: AREAS[t.area as keyof typeof AREAS] ?? t.area,
  }));
}

export async function saveTemplate(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  items: { code: string; area: string; text: string; isActive?: boolean }[],
) {
  authorize(actor, 'inspection.manage');
  const seen = new Set<string>();
  items.forEach((it, i) => {
    const row = `Dòng ${i + 1}`;
    if (!/^[A-Za-z0-9_.-]{1,20}$/.test(it.code))
      throw bad('code', `${row}: mã nội dung "${it.code}" chỉ gồm chữ không dấu, số, dấu chấm, gạch (tối đa 20 ký tự).`);
    if (seen.has(it.code)) throw bad('code', `${row}: mã "${it.code}" bị trùng.`);
    seen.add(it.code);
    if (!isArea(it.area)) throw bad('area', `${row}: lĩnh vực "${it.area}" không có trong danh mục (${Object.keys(AREAS).join(', ')}).`);
    if (it.text.trim().length < 5) throw bad('text', `${row}: nội dung kiểm tra cần ít nhất 5 ký tự.`);
  });
  await inTransaction(s.db, async (tx) => {
    const before = await repo.templateOf(tx, s.provinceCode, false);
    await tx.deleteFrom('inspectionTemplateItem').where('provinceCode', '=', s.provinceCode).execute();
    await tx
      .insertInto('inspectionTemplateItem')
      .values(
        items.map((it, i) => ({
          provinceCode: s.provinceCode,
          code: it.code,
          area: it.area,
          text: it.text.trim(),
          sortOrder: i + 1,
          isActive: it.isActive ?? true,
        })),
      )
      .execute();
    await recordAudit(tx, ctx, 'inspection.template.update', {
      entityType: 'inspection_template',
      entityId: s.provinceCode,
      before,
      after: items,
    });
  });
  return getTemplate(s);
}

// ---------------------------------------------------------------- inspections

type Row = NonNullable<Awaited<ReturnType<typeof loadRow>>>;

async function loadRow(db: Db, provinceCode: string, id: number, forUpdate = false) {
  let q = db.selectFrom('inspection').selectAll().where('id', '=', id).where('provinceCode', '=', provinceCode);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

const subjectOf = (row: Row): InspectionSubject => ({
  unitId: Number(row.unitId),
  provinceCode: row.provinceCode,
  kind: row.kind,
  byUnitId: row.byUnitId === null ? null : Number(row.byUnitId),
  status: row.status,
});

/** Loads a visit the actor may see: the inspected unit's or the self-inspecting unit's scope; sealed until its day. */
async function load(s: AppServices, db: Db, actor: Actor, id: number, forUpdate = false) {
  const row = await loadRow(db, s.provinceCode, id, forUpdate);
  if (!row) throw notFound();
  const subject = subjectOf(row);
  const ids = (await unitScope(db, actor)).ids;
  const visible = !ids || ids.includes(subject.unitId) || (subject.byUnitId !== null && ids.includes(subject.byUnitId));
  const sealed = row.kind === 'unannounced' && row.date > s.today() && !can(actor, 'inspection.viewSealed');
  if (!visible || sealed) throw notFound();
  authorize(actor, 'inspection.read', { ...subject, unitId: ids && !ids.includes(subject.unitId) ? subject.byUnitId! : subject.unitId });
  return { row, subject };
}

export interface InspectionInput {
  planId: number;
  unitCode: string;
  date: string;
  kind: InspectionKind;
  areas?: string[];
  teamLeader?: string;
  teamMembers?: string;
}

const KINDS: InspectionKind[] = ['planned', 'unannounced', 'thematic', 'self'];

async function unitForVisit(s: AppServices, db: Db, code: string, date: string) {
  const unit = await db
    .selectFrom('unit as u')
    .leftJoin('unit as p', 'p.id', 'u.parentId')
    .select(['u.id', 'u.code', 'u.name', 'u.parentId', 'p.code as parentCode', 'u.provinceCode'])
    .where('u.code', '=', code)
    .where((eb) => eb.or([eb('u.validTo', 'is', null), eb('u.validTo', '>=', date)]))
    .executeTakeFirst();
  if (!unit || unit.provinceCode !== s.provinceCode || unit.code === s.provinceCode)
    throw new AppError('NOT_FOUND', `Không có đơn vị "${code}" của tỉnh (trường "unitCode").`, 404, { field: 'unitCode' });
  return unit;
}

export async function createInspection(s: AppServices, ctx: RequestContext, actor: Actor, input: InspectionInput) {
  if (!KINDS.includes(input.kind)) throw bad('kind', `Hình thức kiểm tra (trường "kind") phải là một trong: ${KINDS.join(', ')}.`);
  if (!isIsoDate(input.date)) throw bad('date', `Ngày kiểm tra (trường "date") không hợp lệ: "${input.date}" (định dạng YYYY-MM-DD).`);
  const areas = input.areas?.length ? input.areas : Object.keys(AREAS);
  const wrong = areas.find((a) => !isArea(a));
  if (wrong) throw bad('areas', `Nội dung kiểm tra "${wrong}" không có trong danh mục (trường "areas").`);
  const plan = await s.db
    .selectFrom('inspectionPlan')
    .select(['id', 'year'])
    .where('id', '=', input.planId)
    .where('provinceCode', '=', s.provinceCode)
    .executeTakeFirst();
  if (!plan) throw new AppError('NOT_FOUND', `Không có kế hoạch kiểm tra số ${input.planId} (trường "planId").`, 404, { field: 'planId' });
  if (Number(input.date.slice(0, 4)) !== plan.year)
    throw bad('date', `Ngày kiểm tra ${formatDate(input.date)} không thuộc năm ${plan.year} của kế hoạch.`);
  const unit = await unitForVisit(s, s.db, input.unitCode, input.date);
  let byUnitId: number | null = null;
  if (input.kind === 'self') {
    authorize(actor, 'inspection.self');
    // The unit inspects its own sub-unit (or itself, when it has none above it but the province).
    byUnitId = unit.parentCode && unit.parentCode !== s.provinceCode ? Number(unit.parentId) : Number(unit.id);
    const ids = (await unitScope(s.db, actor)).ids;
    if (ids && !ids.includes(byUnitId))
      throw new AppError('NOT_FOUND', `Không có đơn vị "${input.unitCode}" trong phạm vi của bạn.`, 404, { field: 'unitCode' });
  } else authorize(actor, 'inspection.manage');
  return inTransaction(s.db, async (tx) => {
    const values = {
      provinceCode: s.provinceCode,
      planId: Number(plan.id),
      unitId: Number(unit.id),
      byUnitId,
      kind: input.kind,
      status: 'scheduled' as const,
      date: input.date,
      areas,
      teamLeader: input.teamLeader?.trim() || null,
      teamMembers: input.teamMembers?.trim() || null,
      drawId: null,
      createdBy: actor.userId || null,
      createdAt: s.now(),
    };
    const id = await insertInspection(s, tx, values);
    await recordAudit(tx, ctx, 'inspection.create', {
      entityType: 'inspection',
      entityId: id,
      unitId: Number(unit.id),
      after: { ...values, unitCode: unit.code },
    });
    // An unannounced visit is not announced: the unit learns of it on the day.
    if (input.kind !== 'unannounced')
      await tell(
        s,
        tx,
        Number(unit.id),
        id,
        'inspection.scheduled',
        `Lịch kiểm tra CCHC ngày ${formatDate(input.date)}`,
        `${KIND_LABELS[input.kind]}: ${areas.map((a) => AREAS[a as keyof typeof AREAS]).join('; ')}.`,
      );
    return { id };
  });
}

/** Inserts a visit with a copy of the template's items for its areas (the checklist it is filled against). */
export async function insertInspection(s: AppServices, tx: Db, values: Insertable<InspectionTable> & { areas: string[] }) {
  const row = await tx.insertInto('inspection').values(values).returning('id').executeTakeFirstOrThrow();
  const items = (await repo.templateOf(tx, s.provinceCode)).filter((t) => values.areas.includes(t.area));
  if (items.length)
    await tx
      .insertInto('inspectionCheck')
      .values(
        items.map((t) => ({
          inspectionId: Number(row.id),
          itemCode: t.code,
          area: t.area,
          text: t.text,
          sortOrder: t.sortOrder,
          result: null,
          note: null,
        })),
      )
      .execute();
  return Number(row.id);
}

async function tell(
  s: AppServices,
  db: Db,
  unitId: number,
  inspectionId: number,
  kind: string,
  title: string,
  body: string,
  link = `/inspections/${inspectionId}`,
) {
  for (const userId of await recipients(db, { unitId }, ['unit_head', 'focal_point']))
    await notify(
      db,
      { userId, kind, subjectType: 'inspection', subjectId: inspectionId, periodKey: String(s.now().getTime()), title, body, link },
      { email: false },
    );
}

export async function updateInspection(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  patch: { date?: string; areas?: string[]; teamLeader?: string | null; teamMembers?: string | null; version: number },
) {
  return inTransaction(s.db, async (tx) => {
    const { row, subject } = await load(s, tx, actor, id, true);
    authorize(actor, 'inspection.cancel', subject);
    if (row.version !== patch.version) throw conflictOf();
    if (patch.date !== undefined && (!isIsoDate(patch.date) || patch.date.slice(0, 4) !== row.date.slice(0, 4)))
      throw bad('date', `Ngày kiểm tra (trường "date") phải là một ngày hợp lệ trong năm ${row.date.slice(0, 4)}.`);
    const wrong = patch.areas?.find((a) => !isArea(a));
    if (wrong) throw bad('areas', `Nội dung kiểm tra "${wrong}" không có trong danh mục (trường "areas").`);
    const after = {
      date: patch.date ?? row.date,
      areas: patch.areas?.length ? patch.areas : row.areas,
      teamLeader: patch.teamLeader === undefined ? row.teamLeader : patch.teamLeader?.trim() || null,
      teamMembers: patch.teamMembers === undefined ? row.teamMembers : patch.teamMembers?.trim() || null,
    };
    await tx
      .updateTable('inspection')
      .set({ ...after, version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, ctx, 'inspection.update', {
      entityType: 'inspection',
      entityId: id,
      unitId: subject.unitId,
      before: { date: row.date, areas: row.areas, teamLeader: row.teamLeader, teamMembers: row.teamMembers },
      after,
    });
    if (after.date !== row.date && row.kind !== 'unannounced')
      await tell(
        s,
        tx,
        subject.unitId,
        id,
        'inspection.moved',
        `Lịch kiểm tra CCHC đổi sang ngày ${formatDate(after.date)}`,
        `Trước đây: ${formatDate(row.date)}.`,
      );
  });
}

const conflictOf = () =>
  new AppError(
    'CONFLICT',
    'Cuộc kiểm tra vừa được người khác cập nhật. Hãy tải lại trang; nội dung bạn đã nhập vẫn được giữ trên máy.',
    409,
  );

export async function cancelInspection(s: AppServices, ctx: RequestContext, actor: Actor, id: number, reason: string) {
  const why = text(reason, 'reason', 'lý do hủy', 5, 1000);
  return inTransaction(s.db, async (tx) => {
    const { row, subject } = await load(s, tx, actor, id, true);
    authorize(actor, 'inspection.cancel', subject);
    const open = await tx.selectFrom('inspectionFinding').select('id').where('inspectionId', '=', id).executeTakeFirst();
    if (open) throw new AppError('HAS_FINDINGS', 'Cuộc kiểm tra đã có kiến nghị, không hủy được.', 409);
    await tx
      .updateTable('inspection')
      .set({ status: 'cancelled', cancelReason: why, version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, ctx, 'inspection.cancel', {
      entityType: 'inspection',
      entityId: id,
      unitId: subject.unitId,
      before: { status: row.status },
      after: { status: 'cancelled', reason: why },
    });
    if (row.kind !== 'unannounced' || row.date <= s.today())
      await tell(s, tx, subject.unitId, id, 'inspection.cancelled', `Hủy lịch kiểm tra CCHC ngày ${formatDate(row.date)}`, why);
  });
}

export interface ChecklistInput {
  version: number;
  results: { itemCode: string; result: CheckResult | null; note?: string | null }[];
}

/** Saves the checklist (also what a tablet sends when it is back online: the version it started from). */
export async function saveChecklist(s: AppServices, ctx: RequestContext, actor: Actor, id: number, input: ChecklistInput) {
  return inTransaction(s.db, async (tx) => {
    const { row, subject } = await load(s, tx, actor, id, true);
    authorize(actor, 'inspection.conduct', subject);
    const checks = await tx.selectFrom('inspectionCheck').selectAll().where('inspectionId', '=', id).execute();
    const byCode = new Map(checks.map((c) => [c.itemCode, c]));
    const changed = input.results.filter((r) => {
      const c = byCode.get(r.itemCode);
      if (!c) throw bad('itemCode', `Nội dung "${r.itemCode}" không có trong danh mục của cuộc kiểm tra này.`);
      return c.result !== r.result || (c.note ?? null) !== (r.note?.trim() || null);
    });
    if (!changed.length) return; // the same answers sent again (a retried sync): nothing to do
    if (row.version !== input.version) throw conflictOf();
    for (const r of changed)
      await tx
        .updateTable('inspectionCheck')
        .set({ result: r.result, note: r.note?.trim() || null })
        .where('inspectionId', '=', id)
        .where('itemCode', '=', r.itemCode)
        .execute();
    await tx
      .updateTable('inspection')
      .set({ version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, ctx, 'inspection.checklist', {
      entityType: 'inspection',
      entityId: id,
      unitId: subject.unitId,
      before: changed.map((r) => ({ itemCode: r.itemCode, result: byCode.get(r.itemCode)!.result, note: byCode.get(r.itemCode)!.note })),
      after: changed.map((r) => ({ itemCode: r.itemCode, result: r.result, note: r.note ?? null })),
    });
  });
}

export async function conclude(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { recordText: string; conclusion: string; version: number },
) {
  const recordText = text(input.recordText, 'recordText', 'nội dung biên bản', 20, 50_000);
  const conclusion = text(input.conclusion, 'conclusion', 'nội dung kết luận', 20, 50_000);
  return inTransaction(s.db, async (tx) => {
    const { row, subject } = await load(s, tx, actor, id, true);
    authorize(actor, 'inspection.conclude', subject);
    if (row.version !== input.version) throw conflictOf();
    if (!isHeld(row, s.today())) throw bad('date', `Cuộc kiểm tra ngày ${formatDate(row.date)} chưa diễn ra: chưa ban hành kết luận được.`);
    await tx
      .updateTable('inspection')
      .set({
        status: 'concluded',
        recordText,
        conclusion,
        concludedAt: s.now(),
        concludedBy: actor.userId || null,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, ctx, 'inspection.conclude', {
      entityType: 'inspection',
      entityId: id,
      unitId: subject.unitId,
      before: { status: row.status },
      after: { status: 'concluded', recordText, conclusion },
    });
    await tell(
      s,
      tx,
      subject.unitId,
      id,
      'inspection.concluded',
      `Kết luận kiểm tra CCHC ngày ${formatDate(row.date)}`,
      'Đã có kết luận kiểm tra; các kiến nghị đã được giao thành nhiệm vụ khắc phục.',
    );
  });
}

const evidenceOf = (id: number, unitId: number): FileOwner => ({
  ownerType: EVIDENCE_OWNER,
  ownerId: id,
  unitId,
  entityType: 'inspection',
  action: 'inspection.evidence',
  what: 'tệp của cuộc kiểm tra',
});

export async function addEvidence(s: AppServices, ctx: RequestContext, actor: Actor, id: number, file: UploadedFile) {
  return inTransaction(s.db, async (tx) => {
    const { subject } = await load(s, tx, actor, id);
    authorize(actor, 'inspection.conduct', subject);
    await attachOwnedFile(s, tx, ctx, actor, evidenceOf(id, subject.unitId), file);
  });
}

export async function removeEvidence(s: AppServices, ctx: RequestContext, actor: Actor, id: number, fileId: number) {
  return inTransaction(s.db, async (tx) => {
    const { subject } = await load(s, tx, actor, id);
    authorize(actor, 'inspection.conduct', subject);
    await detachOwnedFile(s, tx, ctx, evidenceOf(id, subject.unitId), fileId);
  });
}

export async function evidenceFile(s: AppServices, actor: Actor, id: number, fileId: number) {
  const { subject } = await load(s, s.db, actor, id);
  return readOwnedFile(s, evidenceOf(id, subject.unitId), fileId);
}

// ---------------------------------------------------------------- findings

const SEVERITY_ALIASES: Record<string, Severity> = {
  minor: 'minor',
  low: 'minor',
  nhe: 'minor',
  major: 'major',
  medium: 'major',
  dang_ke: 'major',
  serious: 'serious',
  high: 'serious',
  nghiem_trong: 'serious',
};

export interface FindingInput {
  text: string;
  severity: string;
  dueDate: string;
  remedy?: string;
  area?: string;
  itemCode?: string;
}

export async function addFinding(s: AppServices, ctx: RequestContext, actor: Actor, id: number, input: FindingInput) {
  const body = text(input.text, 'text', 'nội dung tồn tại, hạn chế', 10, 5000);
  const severity = SEVERITY_ALIASES[input.severity];
  if (!severity)
    throw bad(
      'severity',
      `Mức độ (trường "severity") phải là minor (nhẹ), major (đáng kể) hoặc serious (nghiêm trọng): "${input.severity}".`,
    );
  if (!isIsoDate(input.dueDate) || input.dueDate < s.today())
    throw bad(
      'dueDate',
      `Hạn khắc phục (trường "dueDate") phải là một ngày từ hôm nay (${formatDate(s.today())}) trở đi: "${input.dueDate}".`,
    );
  if (!s.taskIntake) throw new AppError('NO_TASKS', 'Phân hệ nhiệm vụ chưa được cài: không giao được nhiệm vụ khắc phục.', 503);
  const intake = s.taskIntake;
  return inTransaction(s.db, async (tx) => {
    const { row, subject } = await load(s, tx, actor, id, true);
    authorize(actor, 'inspection.conduct', subject);
    const checks = await tx.selectFrom('inspectionCheck').select(['itemCode', 'area']).where('inspectionId', '=', id).execute();
    const item = input.itemCode ? checks.find((c) => c.itemCode === input.itemCode) : undefined;
    if (input.itemCode && !item) throw bad('itemCode', `Nội dung "${input.itemCode}" không có trong danh mục của cuộc kiểm tra này.`);
    const area = item?.area ?? input.area ?? row.areas[0] ?? 'direction';
    if (!isArea(area)) throw bad('area', `Lĩnh vực "${area}" không có trong danh mục (trường "area").`);
    const earlier = await tx
      .selectFrom('inspectionFinding as f')
      .innerJoin('inspection as i', 'i.id', 'f.inspectionId')
      .select(['f.id', 'f.area', 'f.itemCode', 'f.text'])
      .where('f.unitId', '=', subject.unitId)
      .where('i.date', '<', row.date)
      .execute();
    const repeated = repeatOf(
      earlier.map((e) => ({ ...e, id: Number(e.id) })),
      { area, itemCode: item?.itemCode ?? null, text: body },
    );
    const unit = await tx.selectFrom('unit').select(['name']).where('id', '=', subject.unitId).executeTakeFirstOrThrow();
    const year = row.date.slice(0, 4);
    const remedy = input.remedy?.trim() || null;
    const { taskId } = await intake.create(s, tx, ctx, actor, {
      unitId: subject.unitId,
      content: `Khắc phục tồn tại sau kiểm tra CCHC: ${body}${remedy ? ` — Biện pháp: ${remedy}` : ''}`,
      dueDate: input.dueDate,
      source: { kind: 'inspection', ref: `Kiểm tra CCHC ${unit.name} ngày ${formatDate(row.date)}`, link: `/inspections/${id}` },
      container: {
        number: `KTCCHC-${year}`,
        title: `Khắc phục tồn tại, hạn chế sau kiểm tra cải cách hành chính năm ${year}`,
        issuer: 'SỞ NỘI VỤ',
      },
    });
    const values = {
      inspectionId: id,
      unitId: subject.unitId,
      area,
      itemCode: item?.itemCode ?? null,
      text: body,
      severity,
      remedy,
      dueDate: input.dueDate,
      taskId,
      repeatOf: repeated?.id ?? null,
      status: 'open' as const,
      createdBy: actor.userId || null,
      createdAt: s.now(),
    };
    const f = await tx.insertInto('inspectionFinding').values(values).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, 'inspection.finding.create', {
      entityType: 'inspection_finding',
      entityId: Number(f.id),
      unitId: subject.unitId,
      after: values,
    });
    await tell(
      s,
      tx,
      subject.unitId,
      id,
      'inspection.finding',
      'Kiến nghị khắc phục sau kiểm tra CCHC',
      `${body} — hạn ${formatDate(input.dueDate)}${repeated ? ' (tồn tại lặp lại so với lần kiểm tra trước)' : ''}.`,
      `/directives/tasks/${taskId}`,
    );
    return { id: Number(f.id), taskId, repeated: !!repeated };
  });
}

/** The office (or the self-inspecting unit) records whether the remedy was done: verified, or to re-inspect. */
export async function verifyFinding(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  findingId: number,
  input: { remedied: boolean; note?: string },
) {
  return inTransaction(s.db, async (tx) => {
    const f = await tx.selectFrom('inspectionFinding').selectAll().where('id', '=', findingId).forUpdate().executeTakeFirst();
    if (!f) throw new AppError('NOT_FOUND', 'Không tìm thấy kiến nghị.', 404);
    const { subject } = await load(s, tx, actor, Number(f.inspectionId));
    authorize(actor, 'inspection.verify', subject);
    const note = input.remedied ? input.note?.trim() || null : text(input.note, 'note', 'lý do chưa đạt', 5, 2000);
    const status = input.remedied ? ('remedied' as const) : ('unresolved' as const);
    await tx
      .updateTable('inspectionFinding')
      .set({ status, verifiedAt: s.now(), verifiedBy: actor.userId || null, verifyNote: note })
      .where('id', '=', findingId)
      .execute();
    await recordAudit(tx, ctx, 'inspection.finding.verify', {
      entityType: 'inspection_finding',
      entityId: findingId,
      unitId: Number(f.unitId),
      before: { status: f.status, verifyNote: f.verifyNote },
      after: { status, verifyNote: note },
    });
    await tell(
      s,
      tx,
      Number(f.unitId),
      Number(f.inspectionId),
      'inspection.verified',
      input.remedied ? 'Kiến nghị sau kiểm tra đã được xác nhận khắc phục' : 'Kiến nghị sau kiểm tra chưa được khắc phục',
      `${f.text}${note ? ` — ${note}` : ''}`,
    );
  });
}

/** Findings as users read them: with the remedy task's state (read back through the seam). */
export async function presentFindings(s: AppServices, rows: Awaited<ReturnType<typeof findingRows>>) {
  const taskIds = rows.flatMap((r) => (r.taskId ? [Number(r.taskId)] : []));
  const states =
    s.taskIntake && taskIds.length ? await s.taskIntake.states(s, taskIds) : new Map<number, { status: string; label: string }>();
  const today = s.today();
  return rows.map((r) => {
    const task = r.taskId ? states.get(Number(r.taskId)) : undefined;
    const state = findingState(r, !!task && task.status.startsWith('done'), today);
    return {
      id: Number(r.id),
      inspectionId: Number(r.inspectionId),
      inspectionDate: r.inspectionDate,
      unitCode: r.unitCode,
      unitName: r.unitName,
      area: r.area,
      areaLabel: AREAS[r.area as keyof typeof AREAS] ?? r.area,
      itemCode: r.itemCode,
      text: r.text,
      severity: r.severity,
      severityLabel: SEVERITY_LABELS[r.severity],
      remedy: r.remedy,
      dueDate: r.dueDate,
      taskId: r.taskId === null ? null : Number(r.taskId),
      taskStatusLabel: task?.label ?? null,
      repeated: r.repeatOf !== null,
      status: r.status,
      state,
      stateLabel: FINDING_STATE_LABELS[state],
      verifiedAt: r.verifiedAt ? r.verifiedAt.toISOString() : null,
      verifyNote: r.verifyNote,
    };
  });
}

export function findingRows(s: AppServices, f: repo.FindingFilter, page: { limit: number; offset: number }) {
  return repo
    .findings(s.db, f)
    .select([...repo.FINDING_COLUMNS])
    .orderBy('f.dueDate')
    .orderBy('f.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function listFindings(
  s: AppServices,
  actor: Actor,
  q: {
    year?: number;
    unit?: string;
    state?: repo.FindingFilter['state'];
    severity?: string;
    repeated?: boolean;
    q?: string;
    limit?: number;
    offset?: number;
  },
) {
  const scope = await unitScope(s.db, actor);
  const unitIds = q.unit ? await unitIdsOf(s, actor, q.unit) : undefined;
  const f: repo.FindingFilter = {
    provinceCode: s.provinceCode,
    scope,
    today: s.today(),
    year: q.year,
    unitIds,
    state: q.state,
    severity: q.severity,
    repeated: q.repeated,
    q: q.q,
  };
  const page = { limit: Math.min(q.limit ?? 20, 200), offset: q.offset ?? 0 };
  const [rows, total] = await Promise.all([
    findingRows(s, f, page),
    repo
      .findings(s.db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: await presentFindings(s, rows), total: Number(total.n), ...page };
}

/** A unit filter (`?unit=`) as the ids of that unit and the units under it, scope-checked. */
export async function unitIdsOf(s: AppServices, actor: Actor, code: string): Promise<number[]> {
  const unit = await resolveScopedUnit(s, actor, code);
  const rows = await s.db
    .selectFrom('unit')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', unit.id), eb('parentId', '=', unit.id)]))
    .execute();
  return rows.map((r) => Number(r.id));
}

// ---------------------------------------------------------------- reading

export async function listInspections(
  s: AppServices,
  actor: Actor,
  q: {
    year?: number;
    planId?: number;
    unit?: string;
    kind?: InspectionKind;
    status?: 'scheduled' | 'concluded' | 'cancelled';
    when?: 'held' | 'upcoming';
    q?: string;
    limit?: number;
    offset?: number;
  },
) {
  const scope = await unitScope(s.db, actor);
  const unitIds = q.unit ? await unitIdsOf(s, actor, q.unit) : undefined;
  const f: repo.InspectionFilter = {
    provinceCode: s.provinceCode,
    scope,
    sealed: can(actor, 'inspection.viewSealed'),
    today: s.today(),
    ...q,
    unitIds,
  };
  const page = { limit: Math.min(q.limit ?? 20, 200), offset: q.offset ?? 0 };
  const [rows, total] = await Promise.all([
    repo
      .inspections(s.db, f)
      .leftJoin('unit as b', 'b.id', 'i.byUnitId')
      .select([
        'i.id',
        'i.planId',
        'i.kind',
        'i.status',
        'i.date',
        'i.areas',
        'i.teamLeader',
        'u.code as unitCode',
        'u.name as unitName',
        'b.name as byUnitName',
      ])
      .select((eb) => [
        eb
          .selectFrom('inspectionFinding as f')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('f.inspectionId', '=', 'i.id')
          .as('findings'),
        eb
          .selectFrom('inspectionFinding as f')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('f.inspectionId', '=', 'i.id')
          .where('f.status', '!=', 'remedied')
          .as('openFindings'),
      ])
      .orderBy('i.date', 'desc')
      .orderBy('i.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    repo
      .inspections(s.db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const today = s.today();
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      planId: Number(r.planId),
      unitCode: r.unitCode,
      unitName: r.unitName,
      byUnitName: r.byUnitName,
      kind: r.kind,
      kindLabel: KIND_LABELS[r.kind],
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      held: isHeld(r, today),
      sealed: r.kind === 'unannounced' && r.date > today,
      date: r.date,
      areas: r.areas,
      teamLeader: r.teamLeader,
      findings: Number(r.findings ?? 0),
      openFindings: Number(r.openFindings ?? 0),
    })),
    total: Number(total.n),
    ...page,
  };
}

export async function getInspection(s: AppServices, actor: Actor, id: number) {
  const { row, subject } = await load(s, s.db, actor, id);
  const [unit, byUnit, plan, checks, fRows, files] = await Promise.all([
    s.db.selectFrom('unit').select(['code', 'name']).where('id', '=', row.unitId).executeTakeFirstOrThrow(),
    row.byUnitId ? s.db.selectFrom('unit').select(['code', 'name']).where('id', '=', row.byUnitId).executeTakeFirst() : undefined,
    s.db.selectFrom('inspectionPlan').select(['id', 'name', 'year']).where('id', '=', row.planId).executeTakeFirstOrThrow(),
    s.db.selectFrom('inspectionCheck').selectAll().where('inspectionId', '=', id).orderBy('sortOrder').execute(),
    findingRows(
      s,
      { provinceCode: s.provinceCode, scope: { ids: null, codes: null }, today: s.today(), inspectionId: id },
      { limit: 500, offset: 0 },
    ),
    s.files.linksOf(s.db, EVIDENCE_OWNER, [id]),
  ]);
  return {
    id,
    plan: { id: Number(plan.id), name: plan.name, year: plan.year },
    unitCode: unit.code,
    unitName: unit.name,
    byUnitName: byUnit?.name ?? null,
    kind: row.kind,
    kindLabel: KIND_LABELS[row.kind],
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    held: isHeld(row, s.today()),
    date: row.date,
    areas: row.areas,
    areaLabels: row.areas.map((a) => AREAS[a as keyof typeof AREAS] ?? a),
    teamLeader: row.teamLeader,
    teamMembers: row.teamMembers,
    fromDraw: row.drawId !== null,
    recordText: row.recordText,
    conclusion: row.conclusion,
    concludedAt: row.concludedAt ? row.concludedAt.toISOString() : null,
    cancelReason: row.cancelReason,
    version: row.version,
    checks: checks.map((c) => ({
      itemCode: c.itemCode,
      area: c.area,
      areaLabel: AREAS[c.area as keyof typeof AREAS] ?? c.area,
      text: c.text,
      result: c.result,
      note: c.note,
    })),
    findings: await presentFindings(s, fRows),
    evidence: files.map((f) => ({ id: f.id, filename: f.filename, size: f.size, sha256: f.sha256 })),
    abilities: abilities(actor, subject, INSPECTION_ACTIONS),
  };
}

export type InspectionView = Awaited<ReturnType<typeof getInspection>>;

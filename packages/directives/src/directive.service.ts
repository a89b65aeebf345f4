import { assertVisible } from './dashboard.service';
import {
  AppError,
  authorize,
  inTransaction,
  recordAudit,
  isIsoDate,
  type Actor,
  type AppServices,
  type Db,
  type RequestContext,
  type UploadedFile,
  formatDate,
  foldText,
  foldedSql,
  AGENCY_TYPES,
  COMMUNE_TYPES,
} from '@cchc/core';
import { sql } from 'kysely';
import { type DirectiveKind } from './parser/directive-parser';
import { deadlineProblem } from './task.domain';
import { syncObligations } from './task.obligations';
import type { GroupKind, Recurrence } from './directives.tables';

/** The deployment's departments and communes, as the parser matches them. */
export async function provinceUnits(db: Db, provinceCode: string, date: string) {
  const province = await db
    .selectFrom('unit')
    .select(['id', 'code', 'name'])
    .where('code', '=', provinceCode)
    .where('type', '=', 'province')
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', date)]))
    .orderBy('validFrom', 'desc')
    .executeTakeFirstOrThrow();
  const children = await db
    .selectFrom('unit')
    .select(['id', 'code', 'name', 'shortName', 'type'])
    .where('parentId', '=', province.id)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', date)]))
    .orderBy('code')
    .execute();
  return { province, children };
}

// ---- create ---------------------------------------------------------------------------------------

export interface TaskInput {
  label: string;
  text: string;
  dueDate?: string | null;
  recurrence?: Recurrence | null;
  reportDays?: number | null;
  recurUntil?: string | null;
  expectedOutput?: string | null;
  priority?: 'normal' | 'high';
  coordinatingUnitCodes?: string[];
  indexLinks?: { index: string; component: string }[];
}

export interface SectionInput {
  number: string;
  heading: string;
  leadUnitCode: string | null;
  isGroup: boolean;
  group?: GroupKind | null;
  tasks: TaskInput[];
}

export interface DirectiveInput {
  number: string;
  kind: DirectiveKind;
  date: string;
  issuer: string;
  title: string;
  sourceText?: string | null;
  /** Applied to tasks that have no deadline of their own. */
  deadline?: Pick<TaskInput, 'dueDate' | 'recurrence' | 'reportDays' | 'recurUntil'> | null;
  sections: SectionInput[];
}

type Planned = {
  section: SectionInput;
  sectionIndex: number;
  leads: { id: number; code: string; name: string }[];
  tasks: (TaskInput & { coordinatorIds: number[] })[];
};

/**
 * What saving the reviewed directive would create — the lead units of every section (a group section
 * gives each unit of the group its task) and the coordinators — with every problem named by section and
 * task. Saving and the review form's preview use the same plan.
 */
export async function planDirective(s: AppServices, input: DirectiveInput) {
  const errors: string[] = [];
  if (!isIsoDate(input.date)) errors.push(`Trường "ngày ban hành": "${input.date}" không phải ngày hợp lệ (YYYY-MM-DD).`);
  if (!input.number.trim()) errors.push('Trường "số, ký hiệu" trống: hãy nhập số của văn bản (ví dụ 12/CT-UBND).');
  if (!input.issuer.trim()) errors.push('Trường "cơ quan, người ban hành" trống.');
  if (!input.title.trim()) errors.push('Trường "trích yếu" trống: hãy nhập tên, trích yếu của văn bản.');
  if (!input.sections.length) errors.push('Văn bản chưa có mục nhiệm vụ nào.');
  const { province, children } = await provinceUnits(s.db, s.provinceCode, s.today());
  const byCode = new Map(children.map((u) => [u.code, u]));
  const groupUnits = (g: GroupKind) =>
    children.filter((u) => (g !== 'communes' && AGENCY_TYPES.includes(u.type)) || (g !== 'departments' && COMMUNE_TYPES.includes(u.type)));
  const findUnit = (code: string, where: string) => {
    const u = byCode.get(code) ?? (code === province.code ? { ...province, type: 'province', shortName: null } : undefined);
    if (!u) errors.push(`${where}: mã đơn vị "${code}" không có trong tỉnh.`);
    return u;
  };
  const plan: Planned[] = [];
  input.sections.forEach((sec, i) => {
    const where = `Mục ${sec.number || i + 1} "${sec.heading}"`;
    let leads: Planned['leads'] = [];
    if (sec.isGroup) {
      if (!sec.group) errors.push(`${where}: hãy chọn nhóm đơn vị (các sở, ngành / các xã, phường / tất cả).`);
      else leads = groupUnits(sec.group);
    } else if (!sec.leadUnitCode) {
      errors.push(`${where}: chưa chọn đơn vị chủ trì ("${sec.heading}" không khớp đơn vị nào).`);
    } else {
      const u = findUnit(sec.leadUnitCode, where);
      if (u) leads = [u];
    }
    if (!sec.tasks.length) errors.push(`${where}: chưa có nhiệm vụ nào.`);
    const tasks = sec.tasks.map((t, j) => {
      const tw = `${where}, nhiệm vụ ${t.label || j + 1}`;
      const d = t.dueDate || t.recurrence ? t : { ...t, ...(input.deadline ?? {}) };
      const problem = isIsoDate(input.date) ? deadlineProblem(d, input.date) : null;
      if (problem) errors.push(`${tw}: ${problem}.`);
      if (!t.text.trim()) errors.push(`${tw}: nội dung nhiệm vụ trống.`);
      const coordinatorIds = (t.coordinatingUnitCodes ?? []).map((c) => findUnit(c, tw)?.id).filter((x): x is number => !!x);
      return { ...d, coordinatorIds };
    });
    plan.push({ section: sec, sectionIndex: i, leads, tasks });
  });
  return { plan, errors, units: [{ ...province }, ...children] };
}

/** The review form's preview: tasks per unit (leading and coordinating), the problems, and same-number directives. */
export async function previewDirective(s: AppServices, actor: Actor, input: DirectiveInput) {
  authorize(actor, 'directive.create');
  const { plan, errors, units } = await planDirective(s, input);
  const names = new Map(units.map((u) => [Number(u.id), u]));
  const per = new Map<number, { lead: number; coordinating: number }>();
  const bump = (id: number, k: 'lead' | 'coordinating') => {
    const e = per.get(id) ?? { lead: 0, coordinating: 0 };
    e[k]++;
    per.set(id, e);
  };
  let tasks = 0;
  for (const p of plan)
    for (const t of p.tasks)
      for (const lead of p.leads) {
        tasks++;
        bump(Number(lead.id), 'lead');
        for (const c of t.coordinatorIds) if (c !== Number(lead.id)) bump(c, 'coordinating');
      }
  const perUnit = [...per.entries()]
    .map(([id, c]) => ({ unitCode: names.get(id)?.code ?? String(id), unitName: names.get(id)?.name ?? String(id), ...c }))
    .sort((a, b) => b.lead - a.lead || a.unitName.localeCompare(b.unitName, 'vi'));
  return { tasks, perUnit, errors, similar: await similarDirectives(s, input.number, input.issuer) };
}

/**
 * The issuing body as a comparable key: "Chủ tịch UBND tỉnh", "Ủy ban nhân dân tỉnh Vĩnh Long" and
 * "UBND tỉnh" are the same issuer of a directive's number.
 */
export function issuerKey(issuer: string): string {
  return foldText(issuer)
    .replace(/\bubnd\b/g, 'uy ban nhan dan')
    .replace(/\b(chu tich|pho chu tich)\b/g, ' ')
    .replace(/\b(uy ban nhan dan (tinh|thanh pho|xa|phuong|dac khu))\b.*$/, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Saved directives with the same number and issuer, any year (numbers restart each year: a warning, not a refusal). */
export async function similarDirectives(
  s: AppServices,
  number: string | null | undefined,
  issuer: string | null | undefined,
  exceptId?: number,
) {
  const key = foldText(number ?? '').replace(/\s+/g, '');
  if (!key) return [];
  const rows = await s.db
    .selectFrom('directive as d')
    .select(['d.id', 'd.number', 'd.issuedOn', 'd.issuer', 'd.title', 'd.status'])
    .select((eb) =>
      eb
        .selectFrom('task as t')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('t.directiveId', '=', 'd.id')
        .where('t.cancelledAt', 'is', null)
        .as('tasks'),
    )
    .where('d.provinceCode', '=', s.provinceCode)
    .where(sql`replace(${foldedSql('d.number')}, ' ', '')`, '=', key)
    .$if(exceptId !== undefined, (q) => q.where('d.id', '!=', exceptId!))
    .orderBy('d.issuedOn', 'desc')
    .limit(20)
    .execute();
  const who = issuerKey(issuer ?? '');
  const sameIssuer = (other: string) => {
    const o = issuerKey(other);
    return !who || !o || o === who || o.includes(who) || who.includes(o);
  };
  return rows.filter((r) => sameIssuer(r.issuer)).map((r) => ({ ...r, id: Number(r.id), tasks: Number(r.tasks ?? 0) }));
}

export async function createDirective(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  input: DirectiveInput,
): Promise<{ id: number; tasks: number }> {
  authorize(actor, 'directive.create');
  const { plan, errors } = await planDirective(s, input);
  if (errors.length) throw new AppError('INVALID_DIRECTIVE', errors.join(' '), 400, { errors });

  return inTransaction(s.db, async (tx) => {
    const dup = await tx
      .selectFrom('directive')
      .select('id')
      .where('provinceCode', '=', s.provinceCode)
      .where('number', '=', input.number)
      .where('issuedOn', '=', input.date)
      .executeTakeFirst();
    if (dup)
      throw new AppError(
        'DUPLICATE_DIRECTIVE',
        `Văn bản số ${input.number} ngày ${formatDate(input.date)} đã có trong hệ thống (mã ${dup.id}).`,
        409,
      );
    const { id } = await tx
      .insertInto('directive')
      .values({
        provinceCode: s.provinceCode,
        number: input.number.trim(),
        kind: input.kind,
        issuedOn: input.date,
        issuer: input.issuer.trim(),
        title: input.title.trim(),
        sourceText: input.sourceText ?? null,
        createdBy: actor.userId || null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let count = 0;
    const newTaskIds: number[] = [];
    for (const p of plan) {
      const { id: sectionId } = await tx
        .insertInto('directiveSection')
        .values({
          directiveId: id,
          number: p.section.number,
          heading: p.section.heading,
          sortOrder: p.sectionIndex + 1,
          leadUnitId: p.section.isGroup ? null : (p.leads[0]?.id ?? null),
          groupKind: p.section.isGroup ? (p.section.group ?? null) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [j, t] of p.tasks.entries()) {
        const groupKey = p.section.isGroup ? `${id}-${p.sectionIndex + 1}-${j + 1}` : null;
        // One statement per task of the section, one row per lead unit (a group section gives every unit
        // of the group its own task): thousands of tasks are a few statements, not thousands.
        if (!p.leads.length) continue;
        const inserted = await tx
          .insertInto('task')
          .values(
            p.leads.map((lead) => ({
              directiveId: id,
              sectionId,
              groupKey,
              label: t.label,
              content: t.text.trim(),
              leadUnitId: lead.id,
              priority: t.priority ?? 'normal',
              expectedOutput: t.expectedOutput ?? null,
              dueDate: t.dueDate ?? null,
              recurrence: t.dueDate ? null : (t.recurrence ?? null),
              reportDays: t.dueDate ? null : (t.reportDays ?? 0),
              recurUntil: t.dueDate ? null : (t.recurUntil ?? null),
            })),
          )
          .returning(['id', 'leadUnitId'])
          .execute();
        count += inserted.length;
        newTaskIds.push(...inserted.map((r) => Number(r.id)));
        const coordinators = inserted.flatMap((r) =>
          t.coordinatorIds.filter((c) => c !== Number(r.leadUnitId)).map((unitId) => ({ taskId: Number(r.id), unitId })),
        );
        for (let k = 0; k < coordinators.length; k += 1000)
          await tx
            .insertInto('taskCoordinator')
            .values(coordinators.slice(k, k + 1000))
            .execute();
        const links = inserted.flatMap((r) =>
          (t.indexLinks ?? []).map((l) => ({ taskId: Number(r.id), indexCode: l.index, componentCode: l.component })),
        );
        for (let k = 0; k < links.length; k += 1000)
          await tx
            .insertInto('taskIndexLink')
            .values(links.slice(k, k + 1000))
            .onConflict((oc) => oc.doNothing())
            .execute();
      }
    }
    await recordAudit(tx, ctx, 'directive.create', {
      entityType: 'directive',
      entityId: id,
      after: {
        number: input.number,
        kind: input.kind,
        date: input.date,
        title: input.title,
        sections: input.sections.length,
        tasks: count,
      },
    });
    await syncObligations(tx, s.calendar(), newTaskIds);
    return { id, tasks: count };
  });
}

/** A directive's original document is a file in core's store linked to the directive. */
export const SOURCE_OWNER = 'directive_source';

/** Stores the file as the directive's source, replacing the previous one; returns the previous name. */
export async function storeSource(s: AppServices, tx: Db, directiveId: number, file: UploadedFile, userId: number | null) {
  const previous = await s.files.linksOf(tx, SOURCE_OWNER, [directiveId]);
  const link = await s.files.attach(tx, {
    data: file.data,
    filename: file.filename,
    mime: file.mimetype,
    ownerType: SOURCE_OWNER,
    ownerId: directiveId,
    unitId: null,
    uploadedBy: userId,
  });
  for (const p of previous) await s.files.detach(tx, p.id);
  await tx
    .updateTable('directive')
    .set({ sourceFilename: file.filename, sourceMime: file.mimetype })
    .where('id', '=', directiveId)
    .execute();
  return link;
}

export async function attachSource(s: AppServices, ctx: RequestContext, actor: Actor, id: number, file: UploadedFile) {
  authorize(actor, 'directive.create');
  const d = await s.db
    .selectFrom('directive')
    .select(['id', 'sourceFilename'])
    .where('id', '=', id)
    .where('provinceCode', '=', s.provinceCode)
    .executeTakeFirst();
  if (!d) throw new AppError('NOT_FOUND', `Không có văn bản số ${id}.`, 404);
  if (!file.data.length) throw new AppError('EMPTY_FILE', `Tệp "${file.filename}" rỗng.`);
  await inTransaction(s.db, async (tx) => {
    const link = await storeSource(s, tx, id, file, actor.userId);
    await recordAudit(tx, ctx, 'directive.source', {
      entityType: 'directive',
      entityId: id,
      before: { file: d.sourceFilename },
      after: { file: file.filename, size: file.data.length, sha256: link.sha256 },
    });
  });
  return { ok: true };
}

export async function getSource(s: AppServices, actor: Actor, id: number) {
  authorize(actor, 'directive.read');
  await assertVisible(s, actor, id);
  const link = (await s.files.linksOf(s.db, SOURCE_OWNER, [id])).at(-1); // the newest
  if (!link) throw new AppError('NOT_FOUND', 'Văn bản này chưa có tệp gốc.', 404);
  return { filename: link.filename, mime: link.mime, data: await s.files.read(link) };
}

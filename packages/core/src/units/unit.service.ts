import { unitScope } from './unit-scope';
import type { AppServices } from '../http/types';
import type { Actor } from '../policy/actor';
import type { Db } from '../db/database';
import { authorize } from '../policy/policy';
import { AppError, notFound } from '../errors';
import { recordAudit, type RequestContext } from '../audit/audit';
import * as repo from './unit.repository';
import { LOCAL_UNIT_TYPES, PRE_REFORM_LAST_DAY, type UnitType } from './unit.domain';
import { isIsoDate } from '../calendar/calendar.domain';
import { normalizeText } from '../text/normalize';

function checkDate(value: string | undefined, field: string): void {
  if (value !== undefined && !isIsoDate(value))
    throw new AppError('INVALID_DATE', `Ngày không hợp lệ ở trường "${field}": "${value}". Định dạng đúng: YYYY-MM-DD.`);
}

export async function getUnitByCode(s: AppServices, code: string, at?: string): Promise<repo.UnitView> {
  checkDate(at, 'at');
  const unit = await repo.findUnitByCode(s.db, code, at ?? s.today());
  if (!unit) throw new AppError('UNIT_NOT_FOUND', `Không tìm thấy đơn vị có mã "${code}"${at ? ` vào ngày ${at}` : ''}.`, 404);
  return unit;
}

/**
 * A unit a request names as a filter (`?unit=`): it must belong to the deployment's province (or be the
 * province itself) and lie inside the actor's scope; anything else answers 404, as if it did not exist.
 */
export async function resolveScopedUnit(s: AppServices, actor: Actor, code: string): Promise<repo.UnitView> {
  const unit = await repo.findUnitByCode(s.db, code, s.today());
  const inProvince = !!unit && (unit.code === s.provinceCode || unit.provinceCode === s.provinceCode);
  const inScope = !!unit && (actor.scope.kind === 'province' ? inProvince : actor.scope.unitIds.includes(Number(unit.id)));
  if (!unit || !inProvince || !inScope)
    throw new AppError('NOT_FOUND', `Không có đơn vị "${code}" hoặc đơn vị ngoài phạm vi của bạn.`, 404);
  return unit;
}

/** The codes of the units an actor sees, for records keyed by unit code; null = the whole province. */
export async function unitCodesInScope(db: Db, actor: Actor): Promise<string[] | null> {
  const { codes } = await unitScope(db, actor);
  return codes ? [...codes] : null;
}

export async function listUnits(
  s: AppServices,
  q: { parent?: string; province?: string; type?: string; q?: string; at?: string; limit?: number },
): Promise<repo.UnitView[]> {
  checkDate(q.at, 'at');
  const date = q.at ?? s.today();
  let parentId: number | null | undefined;
  if (q.parent !== undefined) parentId = (await getUnitByCode(s, q.parent, date)).id;
  else if (!q.province && !q.q && !q.type) parentId = null; // top level: the provinces
  return repo.listUnits(s.db, {
    parentId,
    provinceCode: q.province,
    types: q.type ? q.type.split(',') : undefined,
    search: q.q ? normalizeText(q.q) : undefined,
    date,
    limit: q.limit ?? 5000,
  });
}

export interface LineageEntry extends repo.UnitView {
  relation: string;
  effectiveDate: string;
}

/** Walks lineage edges from a unit, step by step, to the units it came from (or became). */
async function walkLineage(s: AppServices, start: repo.UnitView, direction: 'from' | 'to'): Promise<LineageEntry[]> {
  const out: LineageEntry[] = [];
  const seen = new Set([start.id]);
  let frontier = [start.id];
  for (let depth = 0; depth < 5 && frontier.length; depth++) {
    const next: number[] = [];
    for (const id of frontier) {
      for (const e of await repo.lineageEdges(s.db, id, direction)) {
        if (seen.has(e.unit.id)) continue;
        seen.add(e.unit.id);
        next.push(e.unit.id);
        out.push({ ...e.unit, relation: e.kind, effectiveDate: e.effectiveDate });
      }
    }
    frontier = next;
  }
  return out;
}

export async function unitOrigins(s: AppServices, code: string, at?: string) {
  return walkLineage(s, await getUnitByCode(s, code, at), 'from');
}

/** "What is this old unit now": looks the code up on the day before the 2025 reform unless told. */
export async function unitSuccessors(s: AppServices, code: string, at?: string) {
  return walkLineage(s, await getUnitByCode(s, code, at ?? PRE_REFORM_LAST_DAY), 'to');
}

export interface UnitInput {
  code: string;
  name: string;
  shortName?: string | null;
  type: string;
  validFrom?: string;
}

function checkLocalType(type: string): asserts type is UnitType {
  if (!(LOCAL_UNIT_TYPES as string[]).includes(type))
    throw new AppError(
      'INVALID_UNIT_TYPE',
      `Loại đơn vị "${type}" không được tạo thủ công. Chỉ tạo được: sở, ban, ngành hoặc trung tâm phục vụ hành chính công.`,
    );
}

export async function createLocalUnit(s: AppServices, ctx: RequestContext, actor: Actor, input: UnitInput) {
  authorize(actor, 'unit.create');
  checkLocalType(input.type);
  checkDate(input.validFrom, 'validFrom');
  const code = input.code.trim();
  const name = normalizeText(input.name);
  if (!/^[0-9A-Za-z._-]{2,32}$/.test(code))
    throw new AppError('INVALID_UNIT_CODE', `Mã đơn vị "${code}" không hợp lệ: chỉ dùng chữ, số, dấu chấm, gạch ngang; 2–32 ký tự.`);
  if (!name) throw new AppError('INVALID_UNIT_NAME', 'Tên đơn vị không được để trống.');
  return s.db.transaction().execute(async (tx) => {
    const province = await repo.findUnitByCode(tx, s.provinceCode, s.today());
    if (!province) throw notFound(`tỉnh ${s.provinceCode}`);
    if (await repo.findUnitByCode(tx, code, s.today()))
      throw new AppError('UNIT_CODE_TAKEN', `Mã đơn vị "${code}" đã được dùng cho đơn vị khác.`, 409);
    const row = await repo.insertUnit(tx, {
      code,
      name,
      shortName: input.shortName ?? null,
      type: input.type,
      parentId: province.id,
      provinceCode: s.provinceCode,
      validFrom: input.validFrom ?? s.today(),
      validTo: null,
      source: `Tạo bởi ${actor.username}`,
      isLocal: true,
    });
    await recordAudit(tx, ctx, 'unit.create', { entityType: 'unit', entityId: row.id, unitId: row.id, after: row });
    return (await repo.findUnitById(tx, row.id))!;
  });
}

export interface UnitPatch {
  name?: string;
  shortName?: string | null;
  type?: string;
  validTo?: string | null;
}

export async function updateLocalUnit(s: AppServices, ctx: RequestContext, actor: Actor, code: string, patch: UnitPatch) {
  if (patch.type !== undefined) checkLocalType(patch.type);
  if (patch.validTo) checkDate(patch.validTo, 'validTo');
  return s.db.transaction().execute(async (tx) => {
    const current = await repo.findUnitByCode(tx, code, s.today());
    if (!current) throw new AppError('UNIT_NOT_FOUND', `Không tìm thấy đơn vị có mã "${code}".`, 404);
    authorize(actor, 'unit.update', current);
    const before = await repo.getUnitRow(tx, current.id);
    if (patch.validTo && current.validFrom && patch.validTo < current.validFrom)
      throw new AppError('INVALID_DATE', `Ngày kết thúc (${patch.validTo}) không được trước ngày bắt đầu (${current.validFrom}).`);
    const after = await repo.updateUnit(tx, current.id, {
      ...(patch.name !== undefined && { name: normalizeText(patch.name) }),
      ...(patch.shortName !== undefined && { shortName: patch.shortName }),
      ...(patch.type !== undefined && { type: patch.type }),
      ...(patch.validTo !== undefined && { validTo: patch.validTo }),
    });
    await recordAudit(tx, ctx, 'unit.update', { entityType: 'unit', entityId: current.id, unitId: current.id, before, after });
    return (await repo.findUnitById(tx, current.id))!;
  });
}

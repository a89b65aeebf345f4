import { sql, type SqlBool } from 'kysely';
import {
  AppError,
  authorize,
  can,
  formatLocalDateTime,
  getUnitByCode,
  resolveScopedUnit,
  unitCodesInScope,
  inTransaction,
  recordAudit,
  tablesToXlsx,
  type Actor,
  type AppServices,
  type RequestContext,
  formatDate,
} from '@cchc/core';
import {
  apologyBreaches,
  dossierStats,
  ENDED_LATE,
  lateCauses,
  lateResolvedCauses,
  checkRange,
  periodReport,
  type GroupBy,
  type StatsRow,
} from './dossier.stats';
import { compute766, type Counts766 } from './index766.domain';
import { LATE_CAUSE_CATEGORIES, lateCauseCategory, OUTCOME_LABELS, outcome } from './dossier.domain';

/** Unit codes the actor may see (null = the whole province). */
/** The units a query may cover: the chosen one (inside the actor's scope) or all the actor sees (null = province). */
async function unitFilter(s: AppServices, actor: Actor, unit: string | undefined): Promise<string[] | undefined> {
  const scope = await unitCodesInScope(s.db, actor);
  if (unit) {
    const u = await resolveScopedUnit(s, actor, unit);
    if (u.code !== s.provinceCode) return [u.code];
  }
  return scope ?? undefined;
}

async function labels(s: AppServices, groupBy: GroupBy, keys: string[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  if (groupBy === 'unit') {
    const rows = await s.db.selectFrom('unit').select(['code', 'name']).where('code', 'in', keys).where('validTo', 'is', null).execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  }
  if (groupBy === 'procedure') {
    const rows = await s.db
      .selectFrom('dossier')
      .select(['procedureCode', sql<string>`max(procedure_name)`.as('name')])
      .where('provinceCode', '=', s.provinceCode)
      .where('procedureCode', 'in', keys)
      .groupBy('procedureCode')
      .execute();
    return new Map(rows.map((r) => [r.procedureCode, r.name]));
  }
  if (groupBy === 'channel')
    return new Map([
      ['1', 'Trực tiếp'],
      ['2', 'Trực tuyến'],
      ['3', 'Bưu chính công ích'],
    ]);
  return new Map();
}

export interface StatsParams {
  from: string;
  to: string;
  groupBy: GroupBy;
  asOf?: string;
  unit?: string;
  procedure?: string;
}

export async function stats(s: AppServices, actor: Actor, p: StatsParams): Promise<StatsRow[]> {
  authorize(actor, 'dossier.read');
  const unitCodes = await unitFilter(s, actor, p.unit);
  const rows = await dossierStats(s.db, {
    provinceCode: s.provinceCode,
    from: p.from,
    to: p.to,
    asOf: p.asOf ?? s.today(),
    groupBy: p.groupBy,
    unitCodes,
    procedureCode: p.procedure,
  });
  const names = await labels(
    s,
    p.groupBy,
    rows.map((r) => r.key),
  );
  return rows.map((r) => ({ ...r, label: names.get(r.key) ?? null }));
}

export async function causes(s: AppServices, actor: Actor, p: Omit<StatsParams, 'groupBy'>) {
  authorize(actor, 'dossier.read');
  const rows = await lateCauses(s.db, {
    provinceCode: s.provinceCode,
    from: p.from,
    to: p.to,
    asOf: p.asOf ?? s.today(),
    unitCodes: await unitFilter(s, actor, p.unit),
  });
  const byCat = new Map<string, number>();
  for (const r of rows) byCat.set(lateCauseCategory(r.lateCause), (byCat.get(lateCauseCategory(r.lateCause)) ?? 0) + Number(r.n));
  return [...byCat.entries()].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count);
}

export async function listDossiers(
  s: AppServices,
  actor: Actor,
  p: {
    from: string;
    to: string;
    asOf?: string;
    unit?: string;
    procedure?: string;
    official?: string;
    outcome?: string;
    q?: string;
    limit: number;
    offset: number;
  },
) {
  authorize(actor, 'dossier.read');
  const asOf = p.asOf ?? s.today();
  checkRange(p.from, p.to, asOf);
  const units = await unitFilter(s, actor, p.unit);
  let q = s.db
    .selectFrom('dossier as d')
    .where('d.provinceCode', '=', s.provinceCode)
    .where('d.receivedDate', '>=', p.from)
    .where('d.receivedDate', '<=', p.to);
  if (units) q = q.where('d.unitCode', 'in', [...units, '-']);
  if (p.procedure) q = q.where('d.procedureCode', '=', p.procedure);
  if (p.official) q = q.where('d.official', '=', p.official);
  if (p.q) q = q.where('d.code', 'ilike', `%${p.q}%`);
  const closed = sql<SqlBool>`(d.finished_date is not null and d.finished_date <= ${asOf}::date)`;
  if (p.outcome === 'late') q = q.where(sql<SqlBool>`${closed} and ${ENDED_LATE}`);
  if (p.outcome === 'open_overdue') q = q.where(sql<SqlBool>`not ${closed} and d.due_date < ${asOf}::date`);
  if (p.outcome === 'open') q = q.where(sql<SqlBool>`not ${closed}`);
  const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .select([
      'd.id',
      'd.code',
      'd.procedureCode',
      'd.procedureName',
      'd.unitCode',
      'd.channel',
      'd.receivedAt',
      'd.dueDate',
      'd.finishedAt',
      'd.supplementCount',
      'd.official',
      'd.apologyDate',
      'd.apologyDeadline',
      'd.lateCause',
      'd.flagged',
    ])
    .orderBy('d.receivedAt', 'desc')
    .limit(p.limit)
    .offset(p.offset)
    .execute();
  return {
    total,
    rows: rows.map((r) => {
      const o = outcome(r.dueDate, r.finishedAt, r.supplementCount, asOf);
      return {
        ...r,
        receivedAt: formatLocalDateTime(r.receivedAt),
        finishedAt: r.finishedAt ? formatLocalDateTime(r.finishedAt) : null,
        outcome: o,
        outcomeLabel: OUTCOME_LABELS[o],
        apology: r.apologyDate
          ? r.apologyDeadline && r.apologyDate <= r.apologyDeadline
            ? 'compliant'
            : 'late'
          : o === 'late' || o === 'open_overdue'
            ? 'missing'
            : 'not_needed',
      };
    }),
  };
}

export async function getDossier(s: AppServices, actor: Actor, code: string) {
  authorize(actor, 'dossier.read');
  const d = await s.db
    .selectFrom('dossier')
    .selectAll()
    .where('provinceCode', '=', s.provinceCode)
    .where('code', '=', code)
    .executeTakeFirst();
  const scope = await unitCodesInScope(s.db, actor);
  if (!d || (scope && !scope.includes(d.unitCode)))
    throw new AppError('NOT_FOUND', `Không có hồ sơ ${code} hoặc hồ sơ ngoài phạm vi của bạn.`, 404);
  const history = await s.db
    .selectFrom('dossierHistory as h')
    .leftJoin('dossierImport as i', 'i.id', 'h.importId')
    .select(['h.changedAt', 'h.before', 'h.after', 'h.flagged', 'i.filename'])
    .where('h.dossierId', '=', d.id)
    .orderBy('h.id')
    .execute();
  const o = outcome(d.dueDate, d.finishedAt, d.supplementCount, s.today());
  const t = (x: Date | null) => (x ? formatLocalDateTime(x) : null);
  return {
    code: d.code,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    unitCode: d.unitCode,
    channel: d.channel,
    state: d.state,
    receivedAt: t(d.receivedAt)!,
    appointmentAt: t(d.appointmentAt),
    finishedAt: t(d.finishedAt),
    dueDate: d.dueDate,
    timeLimit: d.timeLimit,
    timeUnit: d.timeUnit,
    supplements: d.supplements,
    supplementCount: d.supplementCount,
    apologyAt: t(d.apologyAt),
    apologyDeadline: d.apologyDeadline,
    newAppointmentAt: t(d.newAppointmentAt),
    official: d.official,
    lateCause: d.lateCause,
    flagged: d.flagged,
    outcome: o,
    outcomeLabel: OUTCOME_LABELS[o],
    history: history.map((h) => ({
      changedAt: formatLocalDateTime(h.changedAt),
      before: h.before,
      after: h.after,
      flagged: h.flagged,
      filename: h.filename,
    })),
  };
}

/** Period `YYYY-MM`, `YYYY-Qn` or `YYYY` → first and last day. */
export function periodRange(period: string): { from: string; to: string } {
  let m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    if (Number(m[2]) < 1 || Number(m[2]) > 12) throw new AppError('INVALID_PERIOD', `Kỳ "${period}" không hợp lệ.`);
    return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}` };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) {
    const q = Number(m[2]);
    const endMonth = q * 3;
    const last = new Date(Date.UTC(Number(m[1]), endMonth, 0)).getUTCDate();
    return { from: `${m[1]}-${String(endMonth - 2).padStart(2, '0')}-01`, to: `${m[1]}-${String(endMonth).padStart(2, '0')}-${last}` };
  }
  if (/^\d{4}$/.test(period)) return { from: `${period}-01-01`, to: `${period}-12-31` };
  throw new AppError('INVALID_PERIOD', `Kỳ "${period}" không hợp lệ: dùng YYYY-MM, YYYY-Qn hoặc YYYY.`);
}

export async function index766(s: AppServices, actor: Actor, q: { unit: string; period: string }) {
  authorize(actor, 'dossier.read');
  const { from, to } = periodRange(q.period);
  const unit = await resolveScopedUnit(s, actor, q.unit);
  const codes = unit.code === s.provinceCode ? null : [unit.code];
  const base = s.db.selectFrom('dossier as d').where('d.provinceCode', '=', s.provinceCode);
  const scoped = codes ? base.where('d.unitCode', 'in', codes) : base;
  const rec = await scoped
    .where('d.receivedDate', '>=', from)
    .where('d.receivedDate', '<=', to)
    .select([
      sql<number>`count(*)`.as('received'),
      sql<number>`count(*) filter (where d.channel = 2)`.as('receivedOnline'),
      sql<number>`count(d.paid_online)`.as('paymentKnown'),
      sql<number>`count(*) filter (where d.paid_online)`.as('paidOnline'),
      sql<number>`count(d.digitised)`.as('digitisedKnown'),
      sql<number>`count(*) filter (where d.digitised)`.as('digitised'),
    ])
    .executeTakeFirstOrThrow();
  const res = await scoped
    .where('d.finishedDate', '>=', from)
    .where('d.finishedDate', '<=', to)
    .select([
      sql<number>`count(*)`.as('resolved'),
      sql<number>`count(*) filter (where d.supplement_count < 2 and (d.due_date is null or d.finished_date <= d.due_date))`.as(
        'resolvedOnTime',
      ),
      sql<number>`count(*) filter (where ${ENDED_LATE})`.as('resolvedLate'),
      sql<number>`count(d.electronic_result)`.as('electronicResultKnown'),
      sql<number>`count(*) filter (where d.electronic_result)`.as('electronicResult'),
    ])
    .executeTakeFirstOrThrow();
  const open = await scoped
    .where('d.receivedDate', '<=', to)
    .where('d.dueDate', '<', to)
    .where((eb) => eb.or([eb('d.finishedDate', 'is', null), eb('d.finishedDate', '>', to)]))
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  const counts: Counts766 = Object.fromEntries(
    Object.entries({ ...rec, ...res, openOverdueAtEnd: open.n }).map(([k, v]) => [k, Number(v)]),
  ) as unknown as Counts766;
  const official = await s.db
    .selectFrom('dossierOfficial766')
    .select(['groupCode', 'points', 'source'])
    .where('unitCode', '=', unit.code)
    .where('period', '=', q.period)
    .execute();
  const result = compute766(counts);
  return {
    unitCode: unit.code,
    unitName: unit.name,
    period: q.period,
    from,
    to,
    ...result,
    counts,
    groups: result.groups.map((g) => {
      const o = official.find((x) => x.groupCode === g.code);
      return {
        ...g,
        official: o ? Number(o.points) : null,
        officialSource: o?.source ?? null,
        difference: o && g.points !== null ? Math.round((g.points - Number(o.points)) * 100) / 100 : null,
      };
    }),
  };
}

export async function exportStatsXlsx(s: AppServices, actor: Actor, p: StatsParams) {
  const rows = await stats(s, actor, p);
  const data = await tablesToXlsx([
    {
      name: 'Tình hình giải quyết',
      title: `Tình hình giải quyết hồ sơ TTHC tiếp nhận từ ${formatDate(p.from)} đến ${formatDate(p.to)} (tính đến ${formatDate(p.asOf ?? s.today())})`,
      columns: [
        { header: 'Mã', key: 'key', width: 14 },
        { header: 'Tên', key: 'label', width: 40 },
        { header: 'Tiếp nhận', key: 'received' },
        { header: 'Đã giải quyết', key: 'resolved', width: 14 },
        { header: 'Trước hạn', key: 'early' },
        { header: 'Đúng hạn', key: 'onTime' },
        { header: 'Trễ hạn', key: 'late' },
        { header: 'Đang giải quyết', key: 'open', width: 15 },
        { header: 'Quá hạn chưa giải quyết', key: 'openOverdue', width: 16 },
        { header: 'Tỷ lệ đúng hạn (%)', key: 'onTimeRate', width: 14, numFmt: '0.00' },
        { header: 'Thư xin lỗi', key: 'apologies' },
        { header: 'Xin lỗi đúng quy định', key: 'apologyCompliant', width: 16 },
        { header: 'Thiếu thư xin lỗi', key: 'apologyMissing', width: 15 },
        { header: 'Trực tuyến', key: 'online' },
        { header: 'Số ngày giải quyết TB', key: 'avgDays', width: 14 },
      ],
      rows: rows.map((r) => ({ ...r, onTimeRate: r.resolved ? ((r.early + r.onTime) / r.resolved) * 100 : null })),
    },
  ]);
  return { filename: `ho-so-${p.groupBy}-${p.from}-${p.to}.xlsx`, data };
}

/** Apology breaches per unit: missing, sent late, repeated (DOMAIN §4). */
export async function apologies(s: AppServices, actor: Actor, p: Omit<StatsParams, 'groupBy'>) {
  authorize(actor, 'dossier.read');
  const rows = await apologyBreaches(s.db, {
    provinceCode: s.provinceCode,
    from: p.from,
    to: p.to,
    asOf: p.asOf ?? s.today(),
    unitCodes: await unitFilter(s, actor, p.unit),
  });
  const names = await labels(
    s,
    'unit',
    rows.map((r) => r.key),
  );
  return rows
    .map((r) => ({ ...r, label: names.get(r.key) ?? null }))
    .sort((a, b) => b.missing + b.sentLate + b.repeated - (a.missing + a.sentLate + a.repeated));
}

const dmy = formatDate;

export async function exportApologiesXlsx(s: AppServices, actor: Actor, p: Omit<StatsParams, 'groupBy'>) {
  const rows = await apologies(s, actor, p);
  const data = await tablesToXlsx([
    {
      name: 'Thư xin lỗi',
      title: `Vi phạm về thư xin lỗi, hồ sơ tiếp nhận từ ${dmy(p.from)} đến ${dmy(p.to)} (tính đến ${dmy(p.asOf ?? s.today())})`,
      columns: [
        { header: 'Mã', key: 'key', width: 12 },
        { header: 'Đơn vị', key: 'label', width: 36 },
        { header: 'Thiếu thư xin lỗi', key: 'missing', width: 16 },
        { header: 'Gửi muộn', key: 'sentLate', width: 12 },
        { header: 'Hẹn lại lần hai', key: 'repeated', width: 15 },
      ],
      rows,
    },
  ]);
  return { filename: `thu-xin-loi-${p.from}-${p.to}.xlsx`, data };
}

/**
 * The period report by unit in the shape of the official statistics forms: 06 (dossiers received,
 * resolved and open, with timeliness) and 07 (dossiers resolved late, by cause), one sheet each.
 */
export async function exportPeriodReportXlsx(s: AppServices, actor: Actor, p: { from: string; to: string; unit?: string }) {
  authorize(actor, 'dossier.read');
  const q = { provinceCode: s.provinceCode, from: p.from, to: p.to, unitCodes: await unitFilter(s, actor, p.unit) };
  const rows = await periodReport(s.db, q);
  const causes = await lateResolvedCauses(s.db, q);
  const names = await labels(s, 'unit', [...new Set([...rows.map((r) => r.key), ...causes.map((c) => c.unitCode)])]);
  const period = `từ ${dmy(p.from)} đến ${dmy(p.to)}`;
  const n = (k: string, header: string) => ({ header, key: k, width: 13 });
  const form06 = rows.map((r) => {
    const received = r.carriedOver + r.receivedOnline + r.receivedOther;
    const resolved = r.resolvedEarly + r.resolvedOnTime + r.resolvedLate;
    return {
      ...r,
      unit: names.get(r.key) ?? r.key,
      received,
      resolved,
      open: r.openInTime + r.openOverdue,
      onTimeRate: resolved ? ((r.resolvedEarly + r.resolvedOnTime) / resolved) * 100 : null,
    };
  });
  const categories = LATE_CAUSE_CATEGORIES.map((c, i) => ({ name: c, key: `c${i}` }));
  const byUnit = new Map<string, Record<string, number | string>>();
  for (const c of causes) {
    const row = byUnit.get(c.unitCode) ?? { key: c.unitCode, unit: names.get(c.unitCode) ?? c.unitCode, total: 0 };
    const cat = categories.find((x) => x.name === lateCauseCategory(c.lateCause))!;
    row[cat.key] = Number(row[cat.key] ?? 0) + Number(c.n);
    row.total = Number(row.total) + Number(c.n);
    byUnit.set(c.unitCode, row);
  }
  const data = await tablesToXlsx([
    {
      name: 'Mẫu 06 - Kết quả giải quyết',
      title: `Tình hình, kết quả giải quyết thủ tục hành chính ${period} (theo đơn vị giải quyết)`,
      columns: [
        { header: 'Mã', key: 'key', width: 12 },
        { header: 'Đơn vị', key: 'unit', width: 36 },
        n('received', 'Tổng số hồ sơ nhận giải quyết'),
        n('carriedOver', 'Kỳ trước chuyển qua'),
        n('receivedOnline', 'Mới tiếp nhận trực tuyến'),
        n('receivedOther', 'Mới tiếp nhận trực tiếp, bưu chính'),
        n('resolved', 'Đã giải quyết'),
        n('resolvedEarly', 'Giải quyết trước hạn'),
        n('resolvedOnTime', 'Giải quyết đúng hạn'),
        n('resolvedLate', 'Giải quyết quá hạn'),
        n('open', 'Đang giải quyết'),
        n('openInTime', 'Đang giải quyết trong hạn'),
        n('openOverdue', 'Đang giải quyết quá hạn'),
        { header: 'Tỷ lệ giải quyết đúng hạn (%)', key: 'onTimeRate', width: 14, numFmt: '0.00' },
      ],
      rows: form06,
    },
    {
      name: 'Mẫu 07 - Nguyên nhân quá hạn',
      title: `Hồ sơ giải quyết quá hạn ${period} theo nguyên nhân`,
      columns: [
        { header: 'Mã', key: 'key', width: 12 },
        { header: 'Đơn vị', key: 'unit', width: 36 },
        n('total', 'Số hồ sơ quá hạn'),
        ...categories.map((c) => ({ header: c.name, key: c.key, width: 18 })),
      ],
      rows: [...byUnit.values()].sort((a, b) => Number(b.total) - Number(a.total)),
    },
  ]);
  return { filename: `bao-cao-ho-so-mau-06-07-${p.from}-${p.to}.xlsx`, data };
}

/** Public list: units ranked by late dossiers, only units with at least `minVolume` dossiers. */
export async function publicLateUnits(s: AppServices, q: { from: string; to: string; minVolume: number; withOfficials: boolean }) {
  const asOf = s.today();
  const rows = await dossierStats(s.db, { provinceCode: s.provinceCode, from: q.from, to: q.to, asOf, groupBy: 'unit' });
  const names = await labels(
    s,
    'unit',
    rows.map((r) => r.key),
  );
  const units = rows
    .filter((r) => r.received >= q.minVolume)
    .map((r) => ({
      unitCode: r.key,
      unitName: names.get(r.key) ?? r.key,
      received: r.received,
      resolved: r.resolved,
      late: r.late + r.openOverdue,
      lateRate: r.received ? Math.round(((r.late + r.openOverdue) / r.received) * 10000) / 100 : 0,
    }))
    .sort((a, b) => b.lateRate - a.lateRate || b.late - a.late);
  const officials = q.withOfficials
    ? (await dossierStats(s.db, { provinceCode: s.provinceCode, from: q.from, to: q.to, asOf, groupBy: 'official' }))
        .filter((r) => r.received >= q.minVolume && r.late > 0 && r.key !== '(không ghi)')
        .map((r) => ({ official: r.key, received: r.received, late: r.late, lateRate: Math.round((r.late / r.received) * 10000) / 100 }))
        .sort((a, b) => b.lateRate - a.lateRate)
        .slice(0, 50)
    : null;
  return {
    from: q.from,
    to: q.to,
    asOf,
    minVolume: q.minVolume,
    excluded: rows.filter((r) => r.received < q.minVolume).length,
    units,
    officials,
  };
}

export async function saveOfficial766(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  input: { unit: string; period: string; groups: { code: string; points: number }[]; source: string },
) {
  authorize(actor, 'dossier.official766');
  periodRange(input.period);
  const unit = await getUnitByCode(s, input.unit);
  const max: Record<string, number> = { G1: 18, G2: 20, G3: 22, G4: 22, G5: 18 };
  for (const g of input.groups) {
    if (!(g.code in max)) throw new AppError('UNKNOWN_GROUP', `Nhóm "${g.code}" không có trong Bộ chỉ số 766 (G1–G5).`);
    if (g.points < 0 || g.points > max[g.code]!) throw new AppError('OUT_OF_SCALE', `Điểm nhóm ${g.code} phải từ 0 đến ${max[g.code]}.`);
  }
  await inTransaction(s.db, async (tx) => {
    const before = await tx
      .selectFrom('dossierOfficial766')
      .selectAll()
      .where('unitCode', '=', unit.code)
      .where('period', '=', input.period)
      .execute();
    for (const g of input.groups) {
      await tx
        .insertInto('dossierOfficial766')
        .values({
          unitCode: unit.code,
          period: input.period,
          groupCode: g.code,
          points: g.points,
          source: input.source,
          enteredBy: actor.userId,
          enteredAt: s.now(),
        })
        .onConflict((oc) =>
          oc
            .columns(['unitCode', 'period', 'groupCode'])
            .doUpdateSet({ points: g.points, source: input.source, enteredBy: actor.userId, enteredAt: s.now() }),
        )
        .execute();
    }
    await recordAudit(tx, ctx, 'dossier.official766', {
      entityType: 'index766',
      entityId: `${unit.code}:${input.period}`,
      unitId: unit.id,
      before,
      after: input,
    });
  });
  return index766(s, actor, { unit: unit.code, period: input.period });
}

const IMPORT_STATUS: Record<string, string> = {
  running: 'Đang nhập',
  done: 'Hoàn tất',
  interrupted: 'Bị gián đoạn (máy chủ dừng giữa chừng; các lô đã ghi được giữ, nhập lại tệp để tiếp tục)',
  refused: 'Tệp bị từ chối',
};

/** The import history: Sở Nội vụ sees every import of the province, an importer their own. */
export async function listImports(s: AppServices, actor: Actor, q: { limit: number; offset: number }) {
  authorize(actor, 'dossier.import');
  let query = s.db
    .selectFrom('dossierImport as i')
    .leftJoin('appUser as u', 'u.id', 'i.userId')
    .where('i.provinceCode', '=', s.provinceCode);
  if (!can(actor, 'dossier.importReport', { userId: -1 })) query = query.where('i.userId', '=', actor.userId);
  const [rows, total] = await Promise.all([
    query
      .select([
        'i.id',
        'i.filename',
        'i.status',
        'i.startedAt',
        'i.finishedAt',
        'i.rowsRead',
        'i.inserted',
        'i.updated',
        'i.unchanged',
        'i.rejected',
        'u.fullName as userName',
      ])
      .orderBy('i.id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({
      ...r,
      id: Number(r.id),
      statusLabel: IMPORT_STATUS[r.status] ?? r.status,
      startedAt: formatLocalDateTime(r.startedAt),
      finishedAt: r.finishedAt ? formatLocalDateTime(r.finishedAt) : null,
    })),
  };
}

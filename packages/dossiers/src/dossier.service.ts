/**
 * The dossiers module's service: what a caller may ask, checked against the policy and the caller's unit
 * scope (dossiers are keyed by unit code: `unitFilter` turns the scope into codes), then the repository's
 * and statistics' queries, shaped by the presenter, written by the export.
 */
import {
  AppError,
  DATA_TOPIC,
  authorize,
  getUnitByCode,
  resolveScopedUnit,
  unitCodesInScope,
  type Actor,
  type AppServices,
} from '@cchc/core';
import { dossierStats, checkRange, type GroupBy, type StatsRow } from './dossier.stats';
import { apologyBreaches, lateCauses, lateResolvedCauses, periodReport } from './dossier.reports';
import { lateCauseCategory } from './dossier.domain';
import * as repo from './dossier.repository';
import { presentDossier, presentListRow } from './dossier.presenter';
import * as xlsx from './dossier.export';

/** The units a query may cover: the chosen one (inside the actor's scope) or all the actor sees (undefined = province). */
async function unitFilter(s: AppServices, actor: Actor, unit: string | undefined): Promise<string[] | undefined> {
  const scope = await unitCodesInScope(s.db, actor);
  if (unit) {
    const u = await resolveScopedUnit(s, actor, unit);
    if (u.code !== s.provinceCode) return [u.code];
  }
  return scope ?? undefined;
}

const CHANNELS = new Map([
  ['1', 'Trực tiếp'],
  ['2', 'Trực tuyến'],
  ['3', 'Bưu chính công ích'],
]);

async function labels(s: AppServices, groupBy: GroupBy, keys: string[]): Promise<Map<string, string>> {
  if (groupBy === 'unit') return repo.unitNames(s.db, keys);
  if (groupBy === 'procedure') return repo.procedureNames(s.db, s.provinceCode, keys);
  if (groupBy === 'channel') return CHANNELS;
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
  const q = {
    provinceCode: s.provinceCode,
    from: p.from,
    to: p.to,
    asOf: p.asOf ?? s.today(),
    groupBy: p.groupBy,
    unitCodes,
    procedureCode: p.procedure,
  };
  // Shared by the pages and the metrics (the on-time rate and apology compliance read the same figures,
  // often in one request): kept until the next change, like the replies the dashboards cache.
  const rows = await s.cache.get([DATA_TOPIC], `dossierStats|${JSON.stringify(q)}`, () => dossierStats(s.db, q));
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
  const page = await repo.dossierPage(s.db, { ...p, provinceCode: s.provinceCode, asOf, units }, p);
  return { total: page.total, rows: page.rows.map((r) => presentListRow(r, asOf)) };
}

export async function getDossier(s: AppServices, actor: Actor, code: string) {
  authorize(actor, 'dossier.read');
  const d = await repo.findDossier(s.db, s.provinceCode, code);
  const scope = await unitCodesInScope(s.db, actor);
  if (!d || (scope && !scope.includes(d.unitCode)))
    throw new AppError('NOT_FOUND', `Không có hồ sơ ${code} hoặc hồ sơ ngoài phạm vi của bạn.`, 404);
  return presentDossier(d, await repo.dossierHistory(s.db, d.id), s.today());
}

export async function exportStatsXlsx(s: AppServices, actor: Actor, p: StatsParams) {
  return xlsx.statsXlsx(await stats(s, actor, p), { ...p, asOf: p.asOf ?? s.today() });
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

export async function exportApologiesXlsx(s: AppServices, actor: Actor, p: Omit<StatsParams, 'groupBy'>) {
  return xlsx.apologiesXlsx(await apologies(s, actor, p), { ...p, asOf: p.asOf ?? s.today() });
}

/** The period report by unit in the shape of the official forms 06 and 07. */
export async function exportPeriodReportXlsx(s: AppServices, actor: Actor, p: { from: string; to: string; unit?: string }) {
  authorize(actor, 'dossier.read');
  const q = { provinceCode: s.provinceCode, from: p.from, to: p.to, unitCodes: await unitFilter(s, actor, p.unit) };
  const rows = await periodReport(s.db, q);
  const causes = await lateResolvedCauses(s.db, q);
  const names = await labels(s, 'unit', [...new Set([...rows.map((r) => r.key), ...causes.map((c) => c.unitCode)])]);
  return xlsx.periodReportXlsx(rows, causes, names, p);
}

/** Public list: units ranked by late dossiers, only units with at least `minVolume` dossiers. */
export async function publicLateUnits(s: AppServices, q: { from: string; to: string; minVolume: number }) {
  const asOf = s.today();
  const withOfficials = await repo.publishesOfficials(s.db);
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
  const officials = withOfficials
    ? (await dossierStats(s.db, { provinceCode: s.provinceCode, from: q.from, to: q.to, asOf, groupBy: 'official' }))
        .filter((r) => r.received >= q.minVolume && r.late > 0 && r.key !== '(không ghi)')
        .map((r) => ({ official: r.key, received: r.received, late: r.late, lateRate: Math.round((r.late / r.received) * 10000) / 100 }))
        .sort((a, b) => b.lateRate - a.lateRate)
        .slice(0, 50)
    : null;
  const province = await getUnitByCode(s, s.provinceCode);
  return {
    provinceName: province.name,
    from: q.from,
    to: q.to,
    asOf,
    minVolume: q.minVolume,
    excluded: rows.filter((r) => r.received < q.minVolume).length,
    units,
    officials,
  };
}

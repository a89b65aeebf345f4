/** Where the province stands in an index: gaps to the best and the median, peers, former parts, trend, what-if. */
import { AppError, authorize, getUnitByCode, unitOrigins, type Actor, type AppServices } from '@cchc/core';
import * as repo from './indices.repository';
import type { IndexCode } from './indices.tables';
import { INDEX_LABELS } from './scheme.catalogue';
import { componentGaps, mean, totalFromComponents, whatIf, type FieldEntry } from './indices.domain';
import { regionOf } from './regions';
import { present, schemeWithComponents, type ResultView } from './indices.service';
// ---- analysis -----------------------------------------------------------------------------------

export interface Subject {
  key: string;
  provinceCode: string;
  name: string;
  derived: boolean;
  value: number | null;
  rank: number | null;
  components: Record<string, number>;
}

/**
 * The province as it stood in `year`: itself when it existed then, or for a merged province the old
 * provinces it came from, plus their simple average clearly marked as derived.
 */
async function subjectsFor(
  s: AppServices,
  provinceCode: string,
  year: number,
  results: ResultView[],
): Promise<{ parts: Subject[]; main: Subject | null }> {
  const today = await getUnitByCode(s, provinceCode);
  const origins = year <= 2024 ? (await unitOrigins(s, provinceCode)).filter((u) => u.type === 'province').map((u) => u.code) : [];
  const codes = origins.length ? origins : [today.code];
  const parts: Subject[] = results
    .filter((r) => codes.includes(r.provinceCode))
    .map((r) => ({
      key: r.provinceCode,
      provinceCode: r.provinceCode,
      name: r.provinceName,
      derived: false,
      value: r.value,
      rank: r.rank ?? r.rankComputed,
      components: r.components,
    }));
  if (parts.length <= 1) return { parts, main: parts[0] ?? null };
  const compCodes = [...new Set(parts.flatMap((p) => Object.keys(p.components)))];
  const avg: Subject = {
    key: 'derived',
    provinceCode: today.code,
    name: `${today.name} (trung bình cộng ${parts.length} tỉnh cũ – số liệu suy ra)`,
    derived: true,
    value: mean(parts.map((p) => p.value).filter((v): v is number => v !== null)),
    rank: null,
    components: Object.fromEntries(
      compCodes.map((c) => [c, mean(parts.map((p) => p.components[c]).filter((v): v is number => v !== undefined))!]),
    ),
  };
  return { parts, main: avg };
}

/** A task protecting a component, as the directives module publishes it (metric `tasks.byIndexComponent`). */
export interface LinkedTask {
  id: string;
  label: string;
  status: string;
  statusLabel: string;
  unitName: string;
  link: string;
}

/** Per component: how many tasks protect it, how many are overdue or done, and the few to show (overdue first). */
export interface LinkedTasks {
  linked: number;
  overdue: number;
  done: number;
  items: LinkedTask[];
}

export type LinkedTasksProvider = (actor: Actor, index: IndexCode) => Promise<Map<string, LinkedTasks>>;

const LINKED_METRIC = 'tasks.byIndexComponent';

/**
 * The tasks protecting each component, read from the metrics registry: nothing when no module publishes
 * them (the directives module is not installed) or the caller may not read them.
 */
export const linkedTasksFromMetrics =
  (s: AppServices): LinkedTasksProvider =>
  async (actor, index) => {
    if (!s.metrics.canRead(actor, LINKED_METRIC)) return new Map();
    const points = await s.metrics.read(s, actor, LINKED_METRIC, { from: '1900-01-01', to: '2099-12-31', of: index });
    return new Map(
      points.map((p) => [
        p.key,
        {
          linked: p.value ?? 0,
          overdue: p.parts?.overdue ?? 0,
          done: p.parts?.done ?? 0,
          items: (p.items ?? []).map((i) => ({
            id: i.id,
            label: i.label,
            status: i.status ?? '',
            statusLabel: i.statusLabel ?? '',
            unitName: i.unitName ?? '',
            link: i.link,
          })),
        },
      ]),
    );
  };

export async function analysis(
  s: AppServices,
  actor: Actor,
  q: { index: IndexCode; year: number; provinceCode: string; subject?: string; peers?: string[] },
  linkedTasks?: LinkedTasksProvider,
) {
  authorize(actor, 'index_result.read');
  const scheme = await schemeWithComponents(s.db, q.index, q.year);
  const results = present(await repo.listResults(s.db, { index: q.index, year: q.year }));
  const previous = present(await repo.listResults(s.db, { index: q.index, year: q.year - 1 }));
  const { parts, main: defaultMain } = await subjectsFor(s, q.provinceCode, q.year, results);
  const main = (q.subject && parts.find((p) => p.provinceCode === q.subject)) || defaultMain;
  const top = (scheme?.components ?? []).filter((c) => !c.parentCode);
  const field: FieldEntry[] = results.map((r) => ({ key: r.provinceCode, value: r.value, components: r.components }));
  const formerParts = parts.map((p) => p.provinceCode);
  const region = regionOf(parts[0]?.provinceCode ?? q.provinceCode);
  const regionCodes = region ? results.map((r) => r.provinceCode).filter((c) => regionOf(c)?.key === region.key) : [];
  const peers = q.peers?.length ? q.peers : regionCodes;
  // Without the province's own result (a year it has none) the field's figures still show, with no gap.
  const gaps = componentGaps(
    main?.components ?? {},
    field,
    top.map((c) => c.code),
    main ? peers.filter((p) => p !== main.provinceCode || main.derived) : peers,
  );
  const values = results.map((r) => r.value).filter((v): v is number => v !== null);
  const links = linkedTasks ? await linkedTasks(actor, q.index) : new Map<string, LinkedTasks>();
  const prevOf = (code: string) => previous.find((p) => p.provinceCode === code);
  const mainPrev = main
    ? main.derived
      ? mean(parts.map((p) => prevOf(p.provinceCode)?.value).filter((v): v is number => v != null))
      : (prevOf(main.provinceCode)?.value ?? null)
    : null;
  return {
    index: q.index,
    year: q.year,
    scheme: scheme
      ? {
          id: scheme.id,
          name: scheme.name,
          decision: scheme.decision,
          totalMin: scheme.totalMin,
          totalMax: scheme.totalMax,
          unit: scheme.unit,
          isExample: scheme.isExample,
        }
      : null,
    fieldSize: values.length,
    best: values.length ? Math.max(...values) : null,
    median: values.length ? [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]! : null,
    parts: parts.map((p) => ({ ...p, previousValue: prevOf(p.provinceCode)?.value ?? null })),
    main: main
      ? { ...main, previousValue: mainPrev, change: main.value !== null && mainPrev !== null ? main.value - mainPrev : null }
      : null,
    peerGroups: { formerParts, region: region ? { name: region.name, codes: regionCodes } : null, used: peers },
    components: top.map((c, i) => {
      const linked = links.get(c.code) ?? { linked: 0, overdue: 0, done: 0, items: [] };
      return {
        name: c.name,
        maxPoints: c.maxPoints,
        ...gaps[i]!,
        code: c.code,
        tasks: linked,
      };
    }),
  };
}

/** The province's value and rank per year, through the merger. */
export async function trend(s: AppServices, actor: Actor, q: { index: IndexCode; provinceCode: string }) {
  authorize(actor, 'index_result.read');
  const all = present(await repo.listResults(s.db, { index: q.index }));
  const years = [...new Set(all.map((r) => r.year))].sort();
  const series: { year: number; parts: Subject[]; main: Subject | null; fieldSize: number; median: number | null }[] = [];
  for (const year of years) {
    const rs = all.filter((r) => r.year === year);
    const { parts, main } = await subjectsFor(s, q.provinceCode, year, rs);
    const vals = rs
      .map((r) => r.value)
      .filter((v): v is number => v !== null)
      .sort((a, b) => a - b);
    series.push({ year, parts, main, fieldSize: vals.length, median: vals.length ? vals[Math.floor((vals.length - 1) / 2)]! : null });
  }
  return series;
}

export async function whatIfFor(
  s: AppServices,
  actor: Actor,
  q: { index: IndexCode; year: number; provinceCode: string; targets: Record<string, number> },
) {
  authorize(actor, 'index_result.read');
  const scheme = await schemeWithComponents(s.db, q.index, q.year);
  if (!scheme) throw new AppError('NO_SCHEME', `Chưa có phương pháp ${INDEX_LABELS[q.index]} cho năm ${q.year}.`);
  const results = present(await repo.listResults(s.db, { index: q.index, year: q.year }));
  const { main, parts } = await subjectsFor(s, q.provinceCode, q.year, results);
  if (!main) throw new AppError('NO_RESULT', `Chưa có kết quả ${INDEX_LABELS[q.index]} năm ${q.year} của tỉnh ${q.provinceCode}.`, 404);
  const top = scheme.components.filter((c) => !c.parentCode).map((c) => c.code);
  for (const [code, v] of Object.entries(q.targets)) {
    const c = scheme.components.find((x) => x.code === code && !x.parentCode);
    if (!c) throw new AppError('UNKNOWN_COMPONENT', `Thành phần "${code}" không có trong phương pháp ${scheme.name}.`);
    if (v < (c.minPoints ?? 0) || (c.maxPoints !== null && v > c.maxPoints)) {
      throw new AppError('OUT_OF_SCALE', `Giá trị ${v} cho ${code} nằm ngoài thang ${c.minPoints ?? 0}–${c.maxPoints ?? '…'}.`);
    }
  }
  // A merged province competes as one: its former parts leave the field.
  const field = results
    .filter((r) => !(main.derived && parts.some((p) => p.provinceCode === r.provinceCode)))
    .map((r) => ({ key: r.provinceCode, value: r.value, components: r.components }));
  const key = main.derived ? '__derived__' : main.provinceCode;
  const res = whatIf(scheme.totalRule, top, key, main.components, q.targets, field);
  const computable = totalFromComponents(scheme.totalRule, main.components, top) !== null;
  return { ...res, subject: main.name, derived: main.derived, computable, rule: scheme.totalRule };
}

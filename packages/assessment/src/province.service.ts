/**
 * The province's own PAR INDEX self-assessment (the 'province' group): beside each criterion, the
 * directive tasks that protect its area (points at risk while they are overdue), and the official
 * results the Ministry published — both read through core's metrics registry from the other modules.
 */
import type { Actor, AppServices } from '@cchc/core';
import type * as repo from './assessment.repository';

export interface AtRisk {
  linked: number;
  overdue: number;
  href: string | null;
}

/** The index component of a criterion's area: L3 for 3, 3.2 and 3.2.1 (PAR INDEX areas are L1…L8). */
export const areaOf = (code: string) => `L${code.split('.')[0]!}`;

export async function provinceContext(s: AppServices, actor: Actor, round: repo.RoundRow) {
  const tasks = new Map<string, AtRisk>();
  if (s.metrics.canRead(actor, 'tasks.byIndexComponent')) {
    const points = await s.metrics.read(s, actor, 'tasks.byIndexComponent', {
      from: `${round.year}-01-01`,
      to: `${round.year}-12-31`,
      of: 'PAR_INDEX',
    });
    for (const p of points) tasks.set(p.key, { linked: p.value ?? 0, overdue: p.parts?.overdue ?? 0, href: p.link ?? null });
  }
  let official: {
    year: number;
    value: number | null;
    rank: number | null;
    href: string | null;
    components: Record<string, number>;
  } | null = null;
  if (s.metrics.canRead(actor, 'indices.officialResult')) {
    const points = await s.metrics.read(s, actor, 'indices.officialResult', {
      from: '2000-01-01',
      to: `${round.year}-12-31`,
      of: 'PAR_INDEX',
    });
    const last = points.at(-1);
    if (last) {
      const { rank, ...components } = last.parts ?? {};
      official = { year: Number(last.key), value: last.value, rank: rank ?? null, href: last.link ?? null, components };
    }
  }
  return { tasks, official };
}

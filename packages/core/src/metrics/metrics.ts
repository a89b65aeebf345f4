/**
 * The metrics registry: how modules exchange figures without importing each other. A module publishes
 * named measures (`tasks.onTimeRate`, `dossiers.onTimeRate`…) computed per unit (or per another
 * dimension, e.g. an index component) over a date range; each point carries the value, what it was
 * computed from and a link to the records behind it. The internal index scores criteria from these and
 * shows them as evidence; the home page and "points at risk" read them; the indices module reads
 * `tasks.byIndexComponent`.
 */
import { AppError } from '../errors';
import type { Actor } from '../policy/actor';
import { authorize, can } from '../policy/policy';
import type { AppServices } from '../http/types';

export interface MetricQuery {
  /** The unit (code) whose subtree is measured; default the whole province. Scope-checked by core. */
  unit?: string;
  /** Inclusive date range YYYY-MM-DD (a period: see periods.ts). */
  from: string;
  to: string;
  /** One point per unit directly under `unit` (true) or one point for `unit` itself (false). */
  byUnit?: boolean;
  /** A dimension filter some metrics take (e.g. the index code for tasks.byIndexComponent). */
  of?: string;
}

/** A record behind a point, shown as evidence. */
export interface MetricItem {
  id: string;
  label: string;
  /** A machine status (overdue, done_on_time…) and how users read it. */
  status?: string;
  statusLabel?: string;
  /** The unit responsible for the record. */
  unitName?: string;
  link: string;
}

export interface MetricPoint {
  /** The unit code (per-unit metrics) or the dimension key (e.g. a component code). */
  key: string;
  label?: string;
  /** The measure; null when there is nothing to measure (no dossiers resolved in the period). */
  value: number | null;
  /** What a rate was computed from. */
  numerator?: number;
  denominator?: number;
  /** Further named counts (overdue, done…). */
  parts?: Record<string, number>;
  /** The web page listing the records behind the point. */
  link?: string;
  /** The first few records, when the metric shows them. */
  items?: MetricItem[];
}

export interface MetricDefinition {
  key: string;
  label: string;
  /** percent: 0–100; count; score. */
  unit: 'percent' | 'count' | 'score';
  description: string;
  /** The policy action a caller needs to read it. */
  permission: string;
  compute(s: AppServices, actor: Actor, q: MetricQuery): Promise<MetricPoint[]>;
}

export class MetricsRegistry {
  private readonly defs = new Map<string, MetricDefinition>();

  register(def: MetricDefinition): void {
    const existing = this.defs.get(def.key);
    if (existing && existing !== def) throw new Error(`metric ${def.key} published twice`);
    this.defs.set(def.key, def);
  }

  has(key: string): boolean {
    return this.defs.has(key);
  }

  /** Whether the metric is published and the actor may read it. */
  canRead(actor: Actor, key: string): boolean {
    const def = this.defs.get(key);
    return !!def && can(actor, def.permission);
  }

  list(): MetricDefinition[] {
    return [...this.defs.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  /** The points of one metric for the caller (its permission and unit scope apply). */
  async read(s: AppServices, actor: Actor, key: string, q: MetricQuery): Promise<MetricPoint[]> {
    const def = this.defs.get(key);
    if (!def) throw new AppError('METRIC_UNKNOWN', `Không có chỉ tiêu đo "${key}" (có thể phân hệ cung cấp chưa được cài).`, 404);
    authorize(actor, def.permission);
    if (q.from > q.to) throw new AppError('BAD_RANGE', 'Khoảng thời gian không hợp lệ: ngày bắt đầu sau ngày kết thúc.');
    return def.compute(s, actor, q);
  }
}

/** A rate in percent with one decimal, or null when there is nothing to divide by. */
export function percent(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 1000) / 10 : null;
}

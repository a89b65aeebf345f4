/**
 * Answers of expensive read-only queries (dashboards, statistics, index analysis), kept until the data
 * behind them changes. Each answer is filed under the topics it reads ("tasks", "dossiers",
 * "indices"); a write bumps its topic and every answer filed under it is recomputed on next use.
 * Identical requests arriving together share one computation (a deadline morning's 200 dashboards are
 * one query). Entries also expire after `ttlMs`, which bounds staleness when several server instances
 * share one database (a write on one instance is seen by the others within that time).
 */
export interface ReadCacheOptions {
  ttlMs: number;
  /** Entries kept at most (least recently used go first). */
  maxEntries: number;
  now?: () => number;
}

interface Entry {
  at: number;
  stamp: string;
  value: Promise<unknown>;
}

export class ReadCache {
  private readonly versions = new Map<string, number>();
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly opts: ReadCacheOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The data of `topic` changed: answers that read it are stale. */
  bump(...topics: string[]): void {
    for (const t of topics) this.versions.set(t, (this.versions.get(t) ?? 0) + 1);
  }

  async get<T>(topics: string[], key: string, load: () => Promise<T>): Promise<T> {
    const stamp = topics.map((t) => `${t}:${this.versions.get(t) ?? 0}`).join('|');
    const id = `${topics.join(',')}|${key}`;
    const hit = this.entries.get(id);
    const now = this.now();
    if (hit && hit.stamp === stamp && now - hit.at < this.opts.ttlMs) {
      this.entries.delete(id); // most recently used last
      this.entries.set(id, hit);
      return hit.value as Promise<T>;
    }
    const value = load();
    this.entries.delete(id);
    this.entries.set(id, { at: now, stamp, value });
    value.catch(() => {
      if (this.entries.get(id)?.value === value) this.entries.delete(id); // failures are not kept
    });
    while (this.entries.size > this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A cache that keeps nothing (seeders, tools): every get loads. */
export const NO_CACHE = new ReadCache({ ttlMs: 0, maxEntries: 0 });

/** The part of a cache key that says whose view it is: the province, or the actor's unit subtree. */
export function scopeKey(actor: {
  scope: { kind: 'province'; provinceCode: string } | { kind: 'units'; unitIds: readonly number[] };
  unitId: number;
}): string {
  return actor.scope.kind === 'province' ? `p:${actor.scope.provinceCode}` : `u:${actor.unitId}`;
}

/** The topic every write invalidates (the server bumps it after each successful change of state). */
export const DATA_TOPIC = 'data';

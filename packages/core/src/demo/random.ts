/**
 * A small deterministic generator (mulberry32) for demo data and synthetic imports: the same seed gives
 * the same province every time. Not for anything secret (draws use node:crypto).
 */
export function seededRandom(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The first day of the demo's history: 1 January of this year, or of last year before April — a demo started
 * early in a year still has months of dossiers, surveys and reports behind it.
 */
export function demoHistoryStart(today: string): string {
  const year = Number(today.slice(0, 4));
  return today < `${year}-04-01` ? `${year - 1}-01-01` : `${year}-01-01`;
}

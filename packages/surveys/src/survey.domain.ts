/**
 * Surveys as pure functions: the questionnaire's shape and skip logic, checking a set of answers, the
 * sample size and the seeded draw, the satisfaction figures with their margins of error (simple and
 * stratified), quality flags and the comparison of a double-keyed paper form.
 */
import crypto from 'node:crypto';

export * from './survey.rules';
import { isShown, questionsOf, SCALE5, type Answers, type Definition, type Question } from './survey.rules';

const label = (q: Question) => `Câu "${q.id}" (${q.text.length > 60 ? q.text.slice(0, 57) + '…' : q.text})`;

/**
 * Checks a set of answers against the questionnaire: each value of its question's type, required answers
 * present, answers to questions the skip logic hides dropped. Returns the answers to store, or the errors.
 */
export function checkAnswers(d: Definition, raw: Record<string, unknown>): { answers: Answers } | { errors: string[] } {
  const errors: string[] = [];
  const answers: Answers = {};
  const known = new Set(questionsOf(d).map((q) => q.id));
  for (const key of Object.keys(raw)) if (!known.has(key)) errors.push(`Câu "${key}" không có trong bảng hỏi.`);
  for (const q of questionsOf(d)) {
    const v = raw[q.id];
    const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length);
    if (!isShown(q, answers)) continue;
    if (empty) {
      if (q.required) errors.push(`${label(q)}: bắt buộc trả lời.`);
      continue;
    }
    const allowed = new Set((q.type === 'scale5' ? SCALE5 : (q.options ?? [])).map((o) => o.value));
    switch (q.type) {
      case 'scale5':
      case 'single':
        if (typeof v !== 'number' || !allowed.has(v))
          errors.push(`${label(q)}: "${String(v)}" không phải phương án nào (${[...allowed].join(', ')}).`);
        else answers[q.id] = v;
        break;
      case 'multiple':
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' || !allowed.has(x)))
          errors.push(`${label(q)}: phải là danh sách các phương án (${[...allowed].join(', ')}).`);
        else answers[q.id] = [...new Set(v as number[])].sort((a, b) => a - b);
        break;
      case 'matrix': {
        if (typeof v !== 'object' || Array.isArray(v)) {
          errors.push(`${label(q)}: phải trả lời theo từng dòng.`);
          break;
        }
        const out: Record<string, number> = {};
        for (const [item, x] of Object.entries(v as Record<string, unknown>)) {
          if (!(q.items ?? []).some((i) => i.id === item)) errors.push(`${label(q)}: không có dòng "${item}".`);
          else if (typeof x !== 'number' || !allowed.has(x))
            errors.push(`${label(q)}, dòng "${item}": "${String(x)}" không phải phương án nào.`);
          else out[item] = x;
        }
        if (Object.keys(out).length) answers[q.id] = out;
        break;
      }
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) errors.push(`${label(q)}: phải là một số.`);
        else if ((q.min !== undefined && v < q.min) || (q.max !== undefined && v > q.max))
          errors.push(`${label(q)}: ${v} ngoài khoảng ${q.min ?? '…'}–${q.max ?? '…'}.`);
        else answers[q.id] = v;
        break;
      case 'text':
        if (typeof v !== 'string') errors.push(`${label(q)}: phải là văn bản.`);
        else if (v.length > 4000) errors.push(`${label(q)}: dài quá 4.000 ký tự.`);
        else answers[q.id] = v.trim();
        break;
    }
  }
  if (!errors.length && !Object.keys(answers).length) errors.push('Phiếu chưa có câu trả lời nào.');
  return errors.length ? { errors } : { answers };
}

/** n = N / (1 + N·e²), rounded up (Slovin / Yamane); never more than N. */
export function sampleSize(population: number, marginOfError: number): number {
  if (population <= 0) return 0;
  return Math.min(population, Math.ceil(population / (1 + population * marginOfError * marginOfError)));
}

export interface FrameEntry {
  key: string;
  /** The person (keyed hash of phone or ID), when known: one person is drawn at most once. */
  person: string | null;
}

/**
 * A reproducible draw: the frame ordered by SHA-256(seed, key), then the first `n` distinct people not
 * already drawn (`taken`, e.g. by another unit's stratum). The same frame and seed give the same draw.
 */
export function drawSample<T extends FrameEntry>(frame: readonly T[], n: number, seed: number, taken: Set<string> = new Set()): T[] {
  const ranked = frame
    .map((e) => ({ e, h: crypto.createHash('sha256').update(`${seed}:${e.key}`).digest('hex') }))
    .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0));
  const out: T[] = [];
  for (const { e } of ranked) {
    if (out.length >= n) break;
    if (e.person) {
      if (taken.has(e.person)) continue;
      taken.add(e.person);
    }
    out.push(e);
  }
  return out;
}

/** A digest of the frame the draw was made from, stored with it so an audit can tell the frame did not change. */
export const frameDigest = (keys: readonly string[]) => crypto.createHash('sha256').update(keys.join('\n')).digest('hex');

/** One-use tokens for links and QR codes, and short paper codes (no 0/O/1/I) keyed from returned forms. */
export const newToken = () => crypto.randomBytes(18).toString('base64url');
const PAPER = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function newPaperCode(): string {
  const b = crypto.randomBytes(8);
  let s = '';
  for (let i = 0; i < 8; i++) s += PAPER[b[i]! % PAPER.length];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}
export const normalisePaperCode = (code: string) =>
  code
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/^(.{4})(.{4})$/, '$1-$2');

const Z = 1.96;
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

export interface ShareFigure {
  /** Valid answers 1–5. */
  n: number;
  satisfied: number;
  /** Share of answers 4 or 5 among valid answers (0–1), null when there are none. */
  satisfiedShare: number | null;
  /** Mean score 1–5. */
  mean: number | null;
  /** 95 % margin of error of the share: 1,96·√(p(1−p)/n). */
  marginOfError: number | null;
}

export function shareFigure(n: number, satisfied: number, sum: number): ShareFigure {
  if (!n) return { n: 0, satisfied: 0, satisfiedShare: null, mean: null, marginOfError: null };
  const p = satisfied / n;
  return { n, satisfied, satisfiedShare: round(p), mean: round(sum / n, 3), marginOfError: round(Z * Math.sqrt((p * (1 - p)) / n)) };
}

export interface Stratum {
  /** People served in the stratum (the unit's population). */
  population: number;
  n: number;
  satisfied: number;
}

/**
 * The stratified estimate of a share: strata weighted by their populations, W_h = N_h / ΣN, with the
 * margin 1,96·√(Σ W_h² p_h(1−p_h)/n_h). Strata without answers are left out (and their weight with them).
 */
export function stratifiedShare(strata: readonly Stratum[]): {
  satisfiedShare: number | null;
  marginOfError: number | null;
  strata: number;
} {
  const used = strata.filter((s) => s.n > 0 && s.population > 0);
  const total = used.reduce((a, s) => a + s.population, 0);
  if (!total) return { satisfiedShare: null, marginOfError: null, strata: 0 };
  let p = 0;
  let v = 0;
  for (const s of used) {
    const w = s.population / total;
    const ph = s.satisfied / s.n;
    p += w * ph;
    v += (w * w * ph * (1 - ph)) / s.n;
  }
  return { satisfiedShare: round(p), marginOfError: round(Z * Math.sqrt(v)), strata: used.length };
}

/** The flags a response gets when stored: every scale item the same, or answered faster than anyone reads. */
export function qualityFlags(d: Definition, answers: Answers, durationS: number | null): string[] {
  const flags: string[] = [];
  const scale = questionsOf(d).filter((q) => q.type === 'scale5');
  const given = scale.map((q) => answers[q.id]).filter((v): v is number => typeof v === 'number');
  if (given.length >= 10 && given.every((v) => v === given[0])) flags.push('straight_line');
  const answered = Object.keys(answers).length;
  if (durationS !== null && answered >= 10 && durationS < answered * 2) flags.push('too_fast');
  return flags;
}

/** A digest of the answers, to find identical forms (duplicates). */
export const answersDigest = (answers: Answers) =>
  crypto
    .createHash('sha1')
    .update(
      JSON.stringify(
        Object.keys(answers)
          .sort()
          .map((k) => [k, answers[k]]),
      ),
    )
    .digest('base64url');

/** The second keying of a paper form against the first: how many answers differ, and which. */
export function compareEntries(first: Answers, second: Answers): { fields: number; mismatches: number; differing: string[] } {
  const keys = [...new Set([...Object.keys(first), ...Object.keys(second)])].sort();
  const differing = keys.filter((k) => JSON.stringify(first[k] ?? null) !== JSON.stringify(second[k] ?? null));
  return { fields: keys.length, mismatches: differing.length, differing };
}

/** The median of a list (null when empty). */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The public form's proof-of-work challenge (ALTCHA, computed by the sender's browser; no third-party
 * service, nothing to tick or read). An address may send a few cases an hour without one (a form posted
 * by a script of a partner system, a browser without JavaScript); past that each submission needs a
 * solved challenge, used once. The route's rate limit stops a flood in any case.
 */
import { createChallenge, randomInt, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { AppError, storedSecret, type AppServices, type Db } from '@cchc/core';

/** Submissions an address may make per hour without a challenge. */
export const FREE_PER_HOUR = 3;
/** The counter the browser searches up to (about 1 s on a cheap phone). */
const MAX_COUNTER = 30_000;
const VALID_MS = 20 * 60_000;

const secrets = new WeakMap<Db, Promise<string>>();
function secretOf(s: AppServices): Promise<string> {
  let p = secrets.get(s.db);
  if (!p) secrets.set(s.db, (p = storedSecret(s.db, 'feedback_challenge_secret')));
  return p;
}

export async function newChallenge(s: AppServices): Promise<Challenge> {
  return createChallenge({
    algorithm: 'SHA-256',
    cost: 1,
    counter: randomInt(MAX_COUNTER),
    deriveKey,
    hmacSignatureSecret: await secretOf(s),
    expiresAt: new Date(Date.now() + VALID_MS),
  });
}

/** Submissions without a challenge per address in the current hour (per process; a restart forgets). */
const free = new Map<string, { hour: number; n: number }>();

function takeFree(address: string, now: Date): boolean {
  const hour = Math.floor(now.getTime() / 3_600_000);
  const e = free.get(address);
  if (!e || e.hour !== hour) {
    if (free.size > 50_000) free.clear();
    free.set(address, { hour, n: 1 });
    return true;
  }
  e.n += 1;
  return e.n <= FREE_PER_HOUR;
}

/**
 * Lets the submission through, or throws 428 asking for a challenge, or 400 when the one sent is wrong,
 * expired or already used.
 */
export async function checkChallenge(s: AppServices, address: string, payload: string | undefined): Promise<void> {
  if (!payload) {
    if (takeFree(address, s.now())) return;
    throw new AppError(
      'CHALLENGE_REQUIRED',
      'Địa chỉ của bạn đã gửi nhiều phản ánh trong giờ qua: trình duyệt cần xác minh chống gửi tự động (trường "altcha") rồi gửi lại.',
      428,
    );
  }
  let parsed: { challenge: Challenge; solution: Solution };
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    throw new AppError('BAD_CHALLENGE', 'Mã xác minh chống gửi tự động (trường "altcha") không đọc được.', 400);
  }
  const result = await verifySolution({
    challenge: parsed.challenge,
    solution: parsed.solution,
    deriveKey,
    hmacSignatureSecret: await secretOf(s),
  }).catch(() => ({ verified: false, expired: false }));
  if (!result.verified)
    throw new AppError(
      'BAD_CHALLENGE',
      result.expired ? 'Mã xác minh đã hết hạn: hãy tải lại biểu mẫu.' : 'Mã xác minh chống gửi tự động không đúng.',
      400,
    );
  const used = await s.db
    .insertInto('feedbackChallenge')
    .values({ signature: String(parsed.challenge.signature), expiresAt: new Date(parsed.challenge.parameters.expiresAt! * 1000) })
    .onConflict((oc) => oc.column('signature').doNothing())
    .returning('signature')
    .executeTakeFirst();
  if (!used) throw new AppError('BAD_CHALLENGE', 'Mã xác minh này đã được dùng: hãy tải lại biểu mẫu.', 400);
}

/** Forgets used challenges that have expired (they could not be replayed anyway). */
export async function sweepChallenges(s: AppServices): Promise<number> {
  const r = await s.db.deleteFrom('feedbackChallenge').where('expiresAt', '<', new Date()).executeTakeFirst();
  return Number(r.numDeletedRows);
}

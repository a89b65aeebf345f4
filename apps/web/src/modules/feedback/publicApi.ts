/** What the public pages need beyond the typed client: the anti-robot challenge, solved in the browser. */
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import type { operations } from '@cchc/api-client';
import { api, unwrap } from '../../lib/api';

export type Tracked = operations['trackFeedback']['responses'][200]['content']['application/json'];

/** Fetches and solves the challenge (about a second on a cheap phone); the payload the form sends, or null. */
export async function solvedChallenge(): Promise<string | null> {
  try {
    const challenge = (await unwrap(api.GET('/api/public/feedback/challenge'))) as Parameters<typeof solveChallenge>[0]['challenge'];
    const solution = await solveChallenge({ challenge, deriveKey });
    return solution ? btoa(JSON.stringify({ challenge, solution })) : null;
  } catch {
    return null;
  }
}

import { describe, expect, it } from 'vitest';
import { ReadCache } from './read-cache';

describe('ReadCache', () => {
  it('shares one computation among identical requests and recomputes after a write to its topic', async () => {
    let clock = 0;
    const cache = new ReadCache({ ttlMs: 1000, maxEntries: 10, now: () => clock });
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get(['tasks'], 'k', load), cache.get(['tasks'], 'k', load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    cache.bump('dossiers');
    expect(await cache.get(['tasks'], 'k', load)).toBe(1); // another topic changed
    cache.bump('tasks');
    expect(await cache.get(['tasks'], 'k', load)).toBe(2);
    clock = 1500;
    expect(await cache.get(['tasks'], 'k', load)).toBe(3); // expired
  });

  it('does not keep failures and evicts the least recently used', async () => {
    const cache = new ReadCache({ ttlMs: 1000, maxEntries: 2, now: () => 0 });
    await expect(
      cache.get(['x'], 'bad', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await cache.get(['x'], 'bad', async () => 'ok')).toBe('ok');
    await cache.get(['x'], 'a', async () => 'a');
    await cache.get(['x'], 'b', async () => 'b');
    expect(cache.size).toBe(2);
    let reloaded = false;
    await cache.get(['x'], 'bad', async () => {
      reloaded = true;
      return 'again';
    });
    expect(reloaded).toBe(true);
  });
});

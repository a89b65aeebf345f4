import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/** The Node versions the product supports: the README's commands on 20, production on 22 and 24 LTS. */
const SUPPORTED = ['20.19.0', '22.12.0', '24.0.0'];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface LockEntry {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  engines?: { node?: string } | string[];
}

describe('production dependencies', () => {
  it('declare no Node engine outside 20, 22 and 24 LTS', () => {
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
    const offending: string[] = [];
    let checked = 0;
    for (const [where, p] of Object.entries(lock.packages)) {
      if (!where.includes('node_modules/') || p.dev || p.devOptional) continue;
      checked++;
      const range = !Array.isArray(p.engines) ? p.engines?.node : undefined;
      if (!range) continue;
      for (const v of SUPPORTED) if (!semver.satisfies(v, range)) offending.push(`${where}@${p.version} needs node ${range} (not ${v})`);
    }
    expect(checked).toBeGreaterThan(50);
    expect(offending).toEqual([]);
  });
});

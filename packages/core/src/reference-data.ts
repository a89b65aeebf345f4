import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the shared reference data lives: REFERENCE_DATA_DIR, else the repository's `reference-data`
 * copy, else ../shared/data beside the checkout.
 */
export function referenceDataDir(): string {
  if (process.env.REFERENCE_DATA_DIR) return process.env.REFERENCE_DATA_DIR;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const repoRoot = path.resolve(here, '../../..');
  const candidates = [path.join(repoRoot, 'reference-data'), path.resolve(repoRoot, '../shared/data')];
  const found = candidates.find((c) => fs.existsSync(path.join(c, 'units')));
  if (!found) throw new Error(`Không tìm thấy dữ liệu tham chiếu (đã tìm: ${candidates.join(', ')})`);
  return found;
}

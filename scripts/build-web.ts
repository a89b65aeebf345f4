/**
 * `npm run build:web`: builds the web app only when its sources changed since the last build (a hash of
 * every file it is built from is kept in dist/.source-hash), so a second `npm start` does not rebuild.
 * `--force` builds anyway.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'apps/web');
const stamp = path.join(web, 'dist', '.source-hash');
// The web app imports the generated client and core's formats: those count as its sources too.
const inputs = [
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'apps/web/tsconfig.json',
  'packages/api-client/src',
  'packages/core/src/text/format.ts',
  'package-lock.json',
];

function files(p: string): string[] {
  const abs = path.join(root, p);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [p];
  return fs
    .readdirSync(abs)
    .sort()
    .flatMap((f) => files(path.join(p, f)));
}

const hash = crypto.createHash('sha256');
for (const f of inputs.flatMap(files))
  hash
    .update(f)
    .update('\0')
    .update(fs.readFileSync(path.join(root, f)));
const digest = hash.digest('hex');
const force = process.argv.includes('--force');
if (!force && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digest && fs.existsSync(path.join(web, 'dist/index.html'))) {
  console.info('[build:web] giao diện không đổi từ lần dựng trước: bỏ qua.');
} else {
  execFileSync('npm', ['-w', '@cchc/web', 'run', 'build'], { cwd: root, stdio: 'inherit' });
  fs.writeFileSync(stamp, digest);
}

/**
 * `npm run build:web`: builds the web app only when its sources changed since the last build (a hash of
 * every file it is built from is kept in dist/.source-hash), so a second `npm start` does not rebuild.
 * `--force` builds anyway.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Each asset compressed once at build time, at the best levels (brotli 11: the first chunk is 236 kB
 * instead of 288 kB compressed on the fly at a fast level); the server sends the .br or .gz file as is.
 * On the thread pool, several at a time.
 */
async function precompress(dir: string): Promise<void> {
  const t0 = Date.now();
  const targets = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(js|css|html|svg|json)$/.test(f))
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).size >= 1024);
  await Promise.all(
    targets.map(async (f) => {
      const data = fs.readFileSync(f);
      const [br, gz] = await Promise.all([
        brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
        gzip(data, { level: 9 }),
      ]);
      fs.writeFileSync(`${f}.br`, br);
      fs.writeFileSync(`${f}.gz`, gz);
    }),
  );
  console.info(`[build:web] ${targets.length} tệp nén sẵn (brotli, gzip) trong ${Date.now() - t0} ms.`);
}

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
  await precompress(path.join(web, 'dist'));
  fs.writeFileSync(stamp, digest);
}

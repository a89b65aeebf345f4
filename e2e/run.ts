/**
 * Browser tests: `npm run test:e2e`. Each spec file exports `specs`, a list of named scenarios run in
 * order against one server. Prints a summary and exits non-zero when any scenario fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createContext, launchBrowser, startServer, type E2eContext } from './harness';

export interface Spec {
  name: string;
  run(ctx: E2eContext): Promise<void>;
}

const specDir = path.join(import.meta.dirname, 'specs');
const files = fs
  .readdirSync(specDir)
  .filter((f) => f.endsWith('.e2e.ts'))
  .sort();
const filter = process.argv[2];

const t0 = Date.now();
const server = await startServer();
console.log(`server ready at ${server.url} in ${Date.now() - t0} ms`);
const browser = await launchBrowser();
const ctx = createContext(server, browser);
let passed = 0;
const failed: string[] = [];
try {
  for (const file of files) {
    const { specs } = (await import(path.join(specDir, file))) as { specs: Spec[] };
    for (const spec of specs) {
      const name = `${file.replace('.e2e.ts', '')} › ${spec.name}`;
      if (filter && !name.includes(filter)) continue;
      const t = Date.now();
      try {
        await spec.run(ctx);
        passed++;
        console.log(`  ✓ ${name} (${Date.now() - t} ms)`);
      } catch (err) {
        failed.push(name);
        console.log(`  ✗ ${name}\n    ${(err as Error).stack?.split('\n').slice(0, 4).join('\n    ')}`);
      }
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(
  `\nBrowser tests: ${passed} passed, ${failed.length} failed (${((Date.now() - t0) / 1000).toFixed(1)} s). Screenshots in screenshots/.`,
);
if (failed.length) process.exit(1);

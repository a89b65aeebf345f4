/**
 * `npm run bench` (home page part): how soon the CCHC office's home page is usable, in Debian's chromium
 * (CHROMIUM_PATH, default /usr/bin/chromium), on the demo province through the real server (PGlite).
 *
 * Each run opens `/` as the office ("cchc", already signed in):
 *   cold — a new browser profile (nothing cached: every script downloaded, parsed and compiled);
 *   warm — the same profile again (scripts from the cache), as an official opening the page the next time.
 * "Usable" is the first frame in which every panel of the home page shows its figures (no loading
 * placeholder left), measured from the start of navigation; "interactive" adds the end of the last long
 * task (≥ 50 ms of script) still running then, so a click at that moment is answered at once.
 * Target: interactive ≤ 1.000 ms (p50, warm and cold).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { login, percentile, startServer } from './server';

const RUNS = Number(process.env.BENCH_HOME_RUNS ?? 7);
const TARGET_MS = 1000;
/** The office's home page shows this many figures (module panels and unit counts) when it is complete. */
const MIN_FIGURES = 11;

interface Timing {
  usable: number;
  interactive: number;
  longTasks: number;
  panels: number;
}

/**
 * Runs in the page (as text: the bundler's helpers do not exist there): resolves with the timings once every
 * panel shows its figures.
 */
const MEASURE = `new Promise((resolve) => {
  const tasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const ready = () =>
    !!document.querySelector('h3.page-title') &&
    document.querySelectorAll('.ant-statistic').length >= ${MIN_FIGURES} &&
    !document.querySelector('.ant-skeleton, .ant-spin-spinning, .ant-card-loading');
  const check = () => {
    if (!ready()) return requestAnimationFrame(check);
    const usable = performance.now();
    // Long tasks are reported after they end: wait a moment so the one running now is counted.
    setTimeout(() => {
      const running = tasks.filter((t) => t.start <= usable);
      resolve({
        usable,
        interactive: Math.max(usable, ...running.map((t) => t.end)),
        longTasks: running.length,
        panels: document.querySelectorAll('.ant-statistic').length,
      });
    }, 300);
  };
  check();
})`;

async function signedIn(context: BrowserContext, url: string) {
  const headers = await login(url);
  const { hostname } = new URL(url);
  await context.addCookies(
    headers.cookie!.split('; ').map((c) => {
      const [name, ...value] = c.split('=');
      return { name: name!, value: value.join('='), domain: hostname, path: '/' };
    }),
  );
}

async function main() {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) return console.log(`Chromium not found at ${executablePath}: home page part skipped.`);
  if (!fs.existsSync(path.resolve(import.meta.dirname, '../apps/web/dist/index.html')))
    return console.log('The web app is not built (npm run build:web): home page part skipped.');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-home-pglite-'));
  const server = await startServer({ DATA_DIR: dataDir });
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--lang=vi-VN'] });
  try {
    console.log(`\n== Home page of the CCHC office, demo province, chromium at 1440 px: ${RUNS} runs ==`);
    const cold: Timing[] = [];
    const warm: typeof cold = [];
    // One throw-away run: the server's first reads of each table from disk are not what officials see all day.
    for (let i = -1; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
      await signedIn(context, server.url);
      const page = await context.newPage();
      await page.goto(`${server.url}/`, { waitUntil: 'commit' });
      const first = await page.evaluate<Timing>(MEASURE);
      await page.goto(`${server.url}/`, { waitUntil: 'commit' });
      const second = await page.evaluate<Timing>(MEASURE);
      if (i >= 0) {
        cold.push(first);
        warm.push(second);
      }
      await context.close();
    }
    const line = (label: string, xs: typeof cold) => {
      const p = (key: 'usable' | 'interactive', q: number) =>
        percentile(
          xs.map((x) => x[key]),
          q,
        ).toFixed(0);
      const ratio =
        percentile(
          xs.map((x) => x.interactive),
          50,
        ) / TARGET_MS;
      console.log(
        `${label}  usable p50 ${p('usable', 50)} ms (p95 ${p('usable', 95)}), interactive p50 ${p('interactive', 50)} ms (p95 ${p('interactive', 95)}) → ${ratio.toFixed(2)} of the 1.000 ms target; ${xs[0]!.panels} figures, ${percentile(
          xs.map((x) => x.longTasks),
          50,
        )} long tasks before usable`,
      );
    };
    line('cold ', cold);
    line('warm ', warm);
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

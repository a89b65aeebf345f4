/**
 * A small browser-test harness: starts the real server (npm start's server) on a fresh embedded
 * database, drives Debian's chromium with playwright-core, takes screenshots into screenshots/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SERVER_NODE_ARGS } from '../apps/server/src/node-args';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SCREENSHOTS = path.join(ROOT, 'screenshots');
export const DEMO_PASSWORD = 'Cchc@2026';

export interface Server {
  url: string;
  proc: ChildProcess;
  dataDir: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function startServer(): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-e2e-'));
  const port = await freePort();
  const proc = spawn(process.execPath, [...SERVER_NODE_ARGS, 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(dataDir, 'db'),
      DATABASE_URL: '',
      REMINDER_FIRST_DELAY_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start in 120 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    proc,
    dataDir,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath))
    throw new Error(`Chromium not found at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=vi-VN',
    ],
  });
}

export interface E2eContext {
  server: Server;
  browser: Browser;
  /** A fresh browser context (own cookies) at desktop or phone size. */
  newPage(opts?: { phone?: boolean }): Promise<{ page: Page; context: BrowserContext }>;
  login(page: Page, username: string, password?: string): Promise<void>;
  screenshot(page: Page, name: string): Promise<void>;
}

export function createContext(server: Server, browser: Browser): E2eContext {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    server,
    browser,
    async newPage(opts = {}) {
      const context = await browser.newContext({
        baseURL: server.url,
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
        viewport: opts.phone ? { width: 390, height: 844 } : { width: 1440, height: 900 },
        deviceScaleFactor: 1,
        isMobile: !!opts.phone,
        hasTouch: !!opts.phone,
      });
      context.setDefaultTimeout(15_000);
      return { page: await context.newPage(), context };
    },
    async login(page, username, password = DEMO_PASSWORD) {
      await page.goto('/login');
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill(password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('button', { name: 'Tài khoản' }).waitFor();
    },
    async screenshot(page, name) {
      await page.waitForLoadState('networkidle');
      // Let loading placeholders finish, so the picture shows the data a user would see.
      await page
        .waitForFunction(() => !document.querySelector('.ant-skeleton, .ant-spin-spinning'), undefined, { timeout: 15_000 })
        .catch(() => undefined);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
  };
}

export class Failure extends Error {}

export function expectTrue(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Failure(message);
}

/** Picks an option in the open Ant Design select dropdown (its role=option nodes are hidden a11y copies). */
export async function chooseOption(page: Page, text: string | RegExp): Promise<void> {
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
}

/** The page is no wider than the phone it is shown on. */
export async function noOverflow(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expectTrue(overflow <= 1, `${what} wider than the phone by ${overflow}px`);
}

/** No English-format number ("2,100", "41.9%") and no code key (camelCase, dotted action) on the page. */
export async function readsVietnamese(page: Page, what: string): Promise<void> {
  const text = await page.locator('main, .ant-layout-content').first().innerText();
  const english = /\b\d{1,3},\d{3}\b|\d\.\d+ ?%/.exec(text);
  expectTrue(!english, `${what} shows an English-format number: "${english?.[0]}"`);
  const key = /\b[a-z]+[A-Z][a-zA-Z]*\b|\b[a-z]+\.[a-z]+[A-Z]?\w*\b/.exec(text.replace(/https?:\S+/g, ''));
  expectTrue(!key, `${what} shows a code key: "${key?.[0]}"`);
}

import type { Page } from 'playwright-core';
import type { Spec } from '../run';
import { expectTrue } from '../harness';

/** Every page of the product as the CCHC office opens it on a 390 px phone: nothing wider than the screen. */
const PAGES = [
  '/',
  '/directives',
  '/directives?tab=tasks',
  '/directives?tab=list',
  '/directives?tab=report',
  '/directives/1',
  '/directives/tasks/1',
  '/directives/import',
  '/dossiers',
  '/dossiers?tab=causes',
  '/dossiers?tab=766',
  '/indices',
  '/indices?index=PAR_INDEX',
  '/indices?tab=heatmap',
  '/surveys',
  '/assessment',
  '/feedback',
  '/feedback?tab=stats',
  '/inspections',
  '/inspections?tab=visits',
  '/inspections?tab=findings',
  '/initiatives',
  '/initiatives?tab=coverage',
  '/admin/units',
  '/admin/users',
  '/admin/calendar',
  '/admin/audit',
];
const PUBLIC = [
  '/login',
  '/public/late-units',
  '/public/assessment',
  '/public/feedback',
  '/public/feedback/answers',
  '/public/initiatives',
  '/public/surveys',
];

/** The demo's accounts and those the browser tests create (shown as "who" in the audit log, the users page). */
const ACCOUNTS = /\b(daumoi|giamdoc|chutich|thamdinh)\.[a-z0-9]+\b|\bnguyen\.van\.an\b/g;

/** What must never reach a user: a number in English format (2,100 · 41.9%), a code key (userCreate, user.create). */
function codeOrEnglish(text: string): string | null {
  const clean = text
    .replace(/https?:\S+/g, '')
    .replace(/\S+@\S+/g, '') // e-mail addresses
    .replace(/\S+\.(pdf|docx|xlsx|txt|csv|png|jpe?g)\b/gi, '') // file names
    .replace(ACCOUNTS, ''); // account names are what people type to sign in, not code keys
  const english = /(?<![\d.,])\d{1,3},\d{3}(?![\d,])|\d\.\d+ ?%/.exec(clean);
  if (english) return `an English-format number "${english[0]}"`;
  // Whole words only (a Vietnamese letter is a letter too): glued words in a document's text are not keys.
  const key = /(?<!\p{L})(?:[a-z]{2,}[A-Z][a-zA-Z]*|[a-z]+_[a-z_]+|[a-z]+\.[a-z]+[A-Z]?[a-zA-Z]*)(?!\p{L})/u.exec(clean);
  return key ? `a code key "${key[0]}"` : null;
}

export const specs: Spec[] = [
  {
    name: 'no page is wider than a 390 px phone',
    async run({ newPage, login, screenshot }) {
      const wide: string[] = [];
      const measure = async (page: Page, url: string) => {
        await page.goto(url);
        await page.waitForLoadState('networkidle');
        await page
          .waitForFunction(() => !document.querySelector('.ant-skeleton, .ant-spin-spinning'), undefined, { timeout: 15_000 })
          .catch(() => undefined);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (['/admin/calendar', '/dossiers?tab=causes', '/login', '/admin/audit'].includes(url))
          await screenshot(page, `phone${url.replace(/[^a-z0-9]+/gi, '-')}`);
        if (overflow > 1) {
          wide.push(`${url}: ${overflow} px`);
          await screenshot(page, `phone-overflow-${url.replace(/[^a-z0-9]+/gi, '-')}`);
        }
      };
      const anon = await newPage({ phone: true });
      for (const url of PUBLIC) await measure(anon.page, url);
      await anon.context.close();
      const { page, context } = await newPage({ phone: true });
      await login(page, 'cchc');
      for (const url of PAGES) await measure(page, url);
      await context.close();
      expectTrue(!wide.length, `wider than the phone: ${wide.join('; ')}`);
    },
  },
  {
    name: 'no page shows a code key or an English-format number',
    async run({ newPage, login }) {
      const bad: string[] = [];
      const read = async (page: Page, url: string) => {
        await page.goto(url);
        await page.waitForLoadState('networkidle');
        await page
          .waitForFunction(() => !document.querySelector('.ant-skeleton, .ant-spin-spinning'), undefined, { timeout: 15_000 })
          .catch(() => undefined);
        const text = await page.locator('body').innerText();
        const found = codeOrEnglish(text);
        if (found) bad.push(`${url}: ${found}`);
      };
      const anon = await newPage();
      for (const url of PUBLIC) await read(anon.page, url);
      await anon.context.close();
      for (const user of ['cchc', 'daumoi.stc']) {
        const { page, context } = await newPage();
        await login(page, user);
        for (const url of PAGES) await read(page, url);
        await context.close();
      }
      expectTrue(!bad.length, `pages show what a user should not read: ${bad.join('; ')}`);
    },
  },
];

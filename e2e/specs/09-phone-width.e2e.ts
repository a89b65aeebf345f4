import type { Page } from 'playwright-core';
import type { Spec } from '../run';
import { expectTrue } from '../harness';

/** Every page of the product as the CCHC office opens it on a 390 px phone: nothing wider than the screen. */
const PAGES = [
  '/',
  '/directives',
  '/directives?tab=tasks',
  '/dossiers',
  '/dossiers?tab=causes',
  '/dossiers?tab=766',
  '/indices',
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
];

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
];

import type { Spec } from '../run';
import { expectTrue } from '../harness';

export const specs: Spec[] = [
  {
    name: 'the home page shows each module’s panel (the dossier figure from the metrics registry), desktop and phone',
    async run({ newPage, login, screenshot }) {
      for (const phone of [false, true]) {
        const { page, context } = await newPage({ phone });
        await login(page, phone ? 'daumoi.stc' : 'cchc');
        await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
        await page.getByText('Nhiệm vụ CCHC hoàn thành').waitFor();
        const card = page.locator('.ant-card', { hasText: /Hồ sơ đúng hạn năm \d{4}/ });
        await card.waitFor();
        await page.waitForFunction(() => !document.querySelector('.ant-skeleton'));
        const text = await card.innerText();
        expectTrue(/\d+(,\d)?\s*% của [\d.]+/.test(text), `dossier figure not in Vietnamese format: ${text}`);
        if (phone) {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expectTrue(overflow <= 1, `home wider than the phone by ${overflow}px`);
        }
        await screenshot(page, phone ? 'home-modules-phone' : 'home-modules');
        await context.close();
      }
    },
  },
  {
    name: 'the home page opened directly is drawn whole at once, reading the task totals only',
    async run({ newPage, login }) {
      const { page, context } = await newPage();
      await login(page, 'cchc');
      // Every frame from the start: the shell never stands without its page (no ~300 ms fallback in between).
      await page.addInitScript(() => {
        const w = window as unknown as { shellAlone: boolean };
        w.shellAlone = false;
        new MutationObserver(() => {
          if (document.querySelector('.ant-layout') && !document.querySelector('h3.page-title')) w.shellAlone = true;
        }).observe(document, { childList: true, subtree: true });
      });
      // The page's code arrives after the session (a slow network): the shell still waits for it.
      await page.route(/\/assets\/HomePage-[^/]+\.js$/, async (route) => {
        await new Promise((r) => setTimeout(r, 600));
        await route.continue();
      });
      const asked: string[] = [];
      page.on('request', (r) => asked.push(new URL(r.url()).pathname));
      await page.goto('/');
      await page.getByText('Nhiệm vụ CCHC hoàn thành').waitFor();
      await page.waitForFunction(() => !document.querySelector('.ant-skeleton'));
      expectTrue(
        !(await page.evaluate(() => (window as unknown as { shellAlone: boolean }).shellAlone)),
        'the shell was drawn before the home page',
      );
      expectTrue(
        asked.includes('/api/directives/summary') && !asked.includes('/api/directives/dashboard'),
        `home asked ${asked.join(', ')}`,
      );
      expectTrue(asked.filter((p) => p === '/api/auth/me').length === 1, 'the session was asked more than once');
      await context.close();
    },
  },
  {
    name: 'a focal point attaches evidence and sees its SHA-256; the file downloads through the typed link',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'daumoi.stc');
      // A task of the unit with a report the focal point may still write.
      const csrf = (await (await page.request.get('/api/auth/csrf')).json()).token as string;
      const list = await (await page.request.get('/api/tasks?limit=50')).json();
      let target: { id: number; period: string } | null = null;
      for (const row of list.rows) {
        const d = await (await page.request.get(`/api/tasks/${row.id}`)).json();
        const o = d.obligations.find((x: { abilities: { report: boolean } }) => x.abilities.report);
        if (o) {
          target = { id: row.id, period: o.periodKey };
          break;
        }
      }
      expectTrue(target, 'no task the focal point may report on');
      const saved = await page.request.put(`/api/tasks/${target.id}/reports/${target.period}`, {
        headers: { 'x-csrf-token': csrf },
        data: { content: 'Đã triển khai, kèm biên bản.', percent: 60 },
      });
      expectTrue(saved.ok(), `report not saved: ${saved.status()}`);
      await page.goto(`/directives/tasks/${target.id}`);
      await page.getByRole('button', { name: 'Đính kèm minh chứng' }).first().waitFor();
      await page
        .locator('input[type=file]')
        .first()
        .setInputFiles({ name: 'bien-ban-kiem-tra.txt', mimeType: 'text/plain', buffer: Buffer.from('Biên bản kiểm tra CCHC e2e') });
      const item = page.locator('.ant-list-item', { hasText: 'bien-ban-kiem-tra.txt' });
      await item.waitFor();
      await item.getByText(/SHA-256 [0-9a-f]{12}…/).waitFor();
      const href = await item.locator('a').first().getAttribute('href');
      expectTrue(href && /^\/api\/evidence\/\d+$/.test(href), `evidence link ${href}`);
      const file = await page.request.get(href);
      expectTrue((await file.text()) === 'Biên bản kiểm tra CCHC e2e', 'downloaded bytes differ');
      await screenshot(page, 'task-evidence-sha256');
      await context.close();
    },
  },
];

import type { Spec } from '../run';
import { expectTrue } from '../harness';

export const specs: Spec[] = [
  {
    name: 'Sở Nội vụ sees the round’s ranking and the example framework',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'cchc');
      await page.getByRole('menuitem', { name: 'Chỉ số CCHC nội bộ' }).click();
      await page.getByText(/Kết quả của [\d.]+ đơn vị/).waitFor();
      const first = page.locator('.ant-table-tbody tr.ant-table-row').first();
      await first.waitFor();
      const text = await first.innerText();
      expectTrue(/^1\s/.test(text) && /(Tốt|Khá|Trung bình|Yếu)/.test(text), `first row: ${text}`);
      await screenshot(page, 'assessment-results');
      await page.getByRole('tab', { name: 'Bộ tiêu chí' }).click();
      await page.getByText('Bộ tiêu chí mẫu', { exact: true }).waitFor();
      await page.getByText('dossiers.onTimeRate').first().waitFor();
      await screenshot(page, 'assessment-framework');
      await context.close();
    },
  },
  {
    name: 'a department focal point scores its own sheet, on a phone too; computed criteria come from its data',
    async run({ newPage, login, screenshot }) {
      for (const phone of [false, true]) {
        const { page, context } = await newPage({ phone });
        await login(page, 'daumoi.stc');
        await page.goto('/assessment');
        await page.getByText('Sở Tài chính', { exact: false }).first().waitFor();
        await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
        const computed = await page.getByText(/%\s*→/).count();
        expectTrue(computed >= 1, 'no computed criterion shown');
        if (phone) {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expectTrue(overflow <= 1, `page wider than the phone by ${overflow}px`);
        }
        await screenshot(page, phone ? 'assessment-sheet-phone' : 'assessment-sheet');
        await context.close();
      }
    },
  },
];

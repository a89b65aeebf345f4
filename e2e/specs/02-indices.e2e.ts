import path from 'node:path';
import type { Spec } from '../run';
import { ROOT, expectTrue } from '../harness';

export const specs: Spec[] = [
  {
    name: 'leader sees where the province lost PAPI points, through the merger',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'lanhdao');
      await page.getByRole('menuitem', { name: 'Chỉ số PAR, SIPAS, PAPI' }).click();
      await page.getByText('tỉnh hiện nay gồm 3 tỉnh cũ').waitFor();
      await page.getByText('Mất điểm ở đâu').waitFor();
      await page.locator('canvas').first().waitFor();
      await screenshot(page, 'indices-analysis');
      // The briefing for the leaders, also as a PDF to print.
      const pdf = await page.request.get((await page.getByRole('link', { name: / PDF$/ }).getAttribute('href'))!);
      expectTrue(pdf.status() === 200 && (await pdf.body()).subarray(0, 5).toString() === '%PDF-', `briefing PDF: ${pdf.status()}`);
      await page.getByRole('tab', { name: 'Xu hướng' }).click();
      await page.getByText('Thứ hạng qua các năm').waitFor();
      await screenshot(page, 'indices-trend');
      await page.getByRole('tab', { name: 'Bản đồ nhiệt' }).click();
      await page.getByText(/tỉnh × 8 thành phần/).waitFor();
      await screenshot(page, 'indices-heatmap');
      expectTrue((await page.getByRole('tab', { name: 'Nhập dữ liệu' }).count()) === 0, 'the leader must not see the import tab');
      await context.close();
    },
  },
  {
    name: 'what-if: a target for D6 changes the total and the rank',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'cchc');
      await page.goto('/indices?tab=whatif');
      await page.getByLabel('Mục tiêu D6').fill('9');
      await page.getByText('Tổng điểm giả định').waitFor();
      await page.getByText(/Thứ hạng giả định/).waitFor();
      await screenshot(page, 'indices-whatif');
      await context.close();
    },
  },
  {
    name: 'the CCHC office re-imports the PAPI file and sees every rank confirmed',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'cchc');
      await page.goto('/indices?tab=import');
      await page.locator('input[type=file]').setInputFiles(path.join(ROOT, 'reference-data/papi/papi_provinces_2018_2022.csv'));
      await page.getByRole('button', { name: 'Nhập', exact: true }).click();
      await page.getByText('Kết quả nhập').waitFor();
      await page.locator('.ant-statistic', { hasText: 'Không đổi' }).getByText('315').waitFor();
      await screenshot(page, 'indices-import');
      await page.getByRole('tab', { name: 'Kết quả các tỉnh' }).click();
      await page.getByText('Thứ hạng công bố của mọi tỉnh khớp với thứ hạng tính lại từ điểm.').waitFor();
      await screenshot(page, 'indices-results');
      await page.getByRole('tab', { name: 'Phương pháp' }).click();
      await page.getByText('PAPI 2018+').waitFor();
      await screenshot(page, 'indices-schemes');
      await context.close();
    },
  },
  {
    name: 'analysis page at phone width',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage({ phone: true });
      await login(page, 'lanhdao');
      await page.goto('/indices');
      await page.getByText('Mất điểm ở đâu').waitFor();
      await screenshot(page, 'indices-phone');
      await context.close();
    },
  },
  {
    name: 'a year with only the province’s own PAR INDEX says what is missing instead of "58/1" and empty frames',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'cchc');
      await page.goto('/indices?index=PAR_INDEX&tab=analysis');
      await page.getByText('Năm 2021 mới có kết quả của tỉnh, chưa có kết quả các tỉnh khác.').waitFor();
      expectTrue(!(await page.locator('body').innerText()).includes('58/1'), 'a rank out of a field of one');
      await screenshot(page, 'indices-par-own-only');
      for (const tab of ['Bản đồ nhiệt', 'Giả định']) {
        await page.getByRole('tab', { name: tab }).click();
        await page.getByRole('tabpanel', { name: tab }).getByText('Năm 2021 chưa có điểm các thành phần.').waitFor();
      }
      await page.getByRole('tabpanel', { name: 'Giả định' }).getByRole('button', { name: 'Nhập dữ liệu' }).click();
      await page.getByRole('tab', { name: 'Nhập dữ liệu', selected: true }).waitFor();
      await context.close();
    },
  },
];

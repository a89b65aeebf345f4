import type { Spec } from '../run';
import { expectTrue } from '../harness';

/** The demo's year is the server's (today in Vietnam): its rounds are this year's, last year's published. */
const YEAR = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();

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
      // A framework in use is not edited in place: the server says to copy it into a new version.
      await page.getByRole('button', { name: 'Sửa bộ tiêu chí' }).click();
      await page.getByRole('dialog').getByText('Cách chấm').first().waitFor();
      await screenshot(page, 'assessment-framework-edit');
      await page.getByRole('button', { name: 'Lưu bộ tiêu chí' }).click();
      await page.getByText(/Bộ tiêu chí đã được dùng để chấm điểm/).waitFor();
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
  {
    name: 'the focal point attaches evidence to a criterion, with where the proof is',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'daumoi.stc');
      await page.goto('/assessment');
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      await page.getByRole('button', { name: 'Đính kèm' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('input[type=file]').setInputFiles({
        name: 'ke-hoach-cchc-2026.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4 kế hoạch'),
      });
      await dialog.getByPlaceholder(/Vị trí trong văn bản/).fill('Mục II, trang 3');
      await dialog.getByRole('button', { name: 'Đính kèm' }).click();
      await page.getByText('Đã đính kèm tài liệu kiểm chứng').waitFor();
      await page
        .getByRole('link', { name: /ke-hoach-cchc-2026\.pdf/ })
        .first()
        .waitFor();
      await page.getByText('(Mục II, trang 3)').first().waitFor();
      await screenshot(page, 'assessment-evidence');
      await context.close();
    },
  },
  {
    name: 'Sở Nội vụ sees where the group lost points, and assigns appraisers and deadlines, on a phone too',
    async run({ newPage, login, screenshot }) {
      for (const phone of [false, true]) {
        const { page, context } = await newPage({ phone });
        await login(page, 'cchc');
        await page.goto('/assessment?tab=analysis');
        await page.getByText(/Điểm bị mất theo tiêu chí – [\d.]+ đơn vị/).waitFor();
        await page.locator('canvas').first().waitFor();
        const rows = await page.locator('.ant-table-tbody tr.ant-table-row').count();
        expectTrue(rows >= 5, `analysis rows: ${rows}`);
        if (phone) {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expectTrue(overflow <= 1, `page wider than the phone by ${overflow}px`);
        }
        await screenshot(page, phone ? 'assessment-analysis-phone' : 'assessment-analysis');
        if (!phone) {
          await page.getByRole('tab', { name: 'Phân công, hạn' }).click();
          await page.getByText('Phân công thẩm định').waitFor();
          await page.getByText('Hạn thẩm định lần 2').waitFor();
          await screenshot(page, 'assessment-round');
        }
        await context.close();
      }
    },
  },
  {
    name: 'anyone sees the published index without login, on a phone too; Sở Nội vụ sees the round as published',
    async run({ newPage, login, screenshot }) {
      for (const phone of [false, true]) {
        const { page, context } = await newPage({ phone });
        await page.goto('/login');
        await page.getByRole('link', { name: 'Chỉ số CCHC của sở, ngành, xã, phường' }).click();
        await page.getByText(`Chỉ số CCHC năm ${YEAR - 1} của các sở, ban, ngành tỉnh`).waitFor();
        await page.getByText(`Quyết định số 215/QĐ-UBND ngày 20/01/${YEAR} của Ủy ban nhân dân tỉnh`).waitFor();
        const first = await page.locator('.ant-table-tbody tr.ant-table-row').first().innerText();
        expectTrue(/^1\s/.test(first) && /\d+,\d{2}/.test(first), `first public row: ${first}`);
        if (phone) {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expectTrue(overflow <= 1, `page wider than the phone by ${overflow}px`);
        }
        await screenshot(page, phone ? 'assessment-public-phone' : 'assessment-public');
        await context.close();
      }
      const { page, context } = await newPage();
      await login(page, 'cchc');
      await page.goto('/assessment');
      await page
        .locator('.ant-select', { hasText: `${YEAR} – ` })
        .first()
        .click();
      await page.locator('.ant-select-item-option', { hasText: `${YEAR - 1} – Sở, ban, ngành (đã công bố)` }).click();
      await page.getByText(`Đã công bố – QĐ 215/QĐ-UBND ngày 20/01/${YEAR}`).waitFor();
      await screenshot(page, 'assessment-results-published');
      await context.close();
    },
  },
  {
    name: 'Sở Nội vụ scores the province’s PAR INDEX self-assessment beside the tasks protecting each area',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'cchc');
      await page.goto('/assessment?tab=sheet');
      await page
        .locator('.ant-select', { hasText: `${YEAR} – ` })
        .first()
        .click();
      await page.locator('.ant-select-item-option', { hasText: 'Tỉnh tự đánh giá PAR INDEX' }).click();
      await page.getByText(/Kết quả chính thức gần nhất: năm 2021, 82,82 %, hạng 58/).waitFor();
      await page.getByRole('columnheader', { name: 'Nhiệm vụ bảo vệ lĩnh vực' }).waitFor();
      const risks = await page.getByText(/\d+ nhiệm vụ/).count();
      expectTrue(risks >= 1, 'no area shows its protecting tasks');
      await page.getByRole('link', { name: /Biểu tổng hợp \(XLSX\)/ }).waitFor();
      await screenshot(page, 'assessment-province');
      await context.close();
    },
  },
];

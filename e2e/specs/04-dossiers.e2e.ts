import type { Spec } from '../run';
import { expectTrue } from '../harness';

const CSV = [
  'ma_ho_so,ma_tthc,ten_tthc,ma_don_vi,kenh,ngay_tiep_nhan,ngay_hen_tra,ngay_ket_thuc,trang_thai,thoi_han,don_vi_thoi_han',
  'E2E-1,1.000001,Chứng thực bản sao,86.STP,1,2026-09-03T14:59:00,,2026-09-05T10:00:00,10,3,ngay_lam_viec',
  'E2E-2,1.000001,Chứng thực bản sao,86.STP,1,31/09/2026 09:00,,,4,3,ngay_lam_viec',
].join('\n');

export const specs: Spec[] = [
  {
    name: 'overview by unit, drill-down to late dossiers and one dossier',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'lanhdao');
      await page.getByRole('menuitem', { name: 'Hồ sơ TTHC' }).click();
      await page.getByText('Quá hạn chưa giải quyết').first().waitFor();
      await page.locator('canvas').first().waitFor();
      await screenshot(page, 'dossiers-overview');
      await page.locator('.ant-table-row').first().locator('a.drill-late').first().click();
      const code = (await page.locator('.ant-drawer .ant-table-row').first().locator('td').first().innerText()).trim();
      await page.locator('.ant-drawer .ant-table-row').first().click();
      await page.getByText('Lịch sử thay đổi qua các lần nhập').waitFor();
      await screenshot(page, 'dossiers-detail');
      // The same dossier found by its code, whatever its date.
      await page.goto('/dossiers');
      await page.getByLabel('Tìm hồ sơ theo mã').fill(code);
      await page.keyboard.press('Enter');
      await page.getByText(`Hồ sơ có mã chứa "${code}"`).waitFor();
      await page.locator('.ant-card', { hasText: 'Hồ sơ có mã chứa' }).getByText(code).first().waitFor();
      await context.close();
    },
  },
  {
    name: 'late causes with apology breaches, and the 06/07 report for the period',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'cchc');
      await page.goto('/dossiers');
      const href = await page.getByRole('link', { name: /Báo cáo mẫu 06, 07/ }).getAttribute('href');
      const report = await page.request.get(href!);
      expectTrue(
        report.status() === 200 && report.headers()['content-type']!.includes('spreadsheetml'),
        `06/07 report: ${report.status()}`,
      );
      // The dashboard as a report: DOCX to sign, PDF to print, for the period on the screen.
      for (const [name, type] of [
        [/Báo cáo DOCX/, 'wordprocessingml'],
        [/ PDF$/, 'application/pdf'],
      ] as const) {
        const link = await page.getByRole('link', { name }).getAttribute('href');
        expectTrue(/from=\d{4}-01-01&to=\d{4}-\d{2}-\d{2}/.test(link!), `report link without the period: ${link}`);
        const file = await page.request.get(link!);
        expectTrue(file.status() === 200 && file.headers()['content-type']!.includes(type), `${name}: ${file.status()}`);
        if (type === 'application/pdf') expectTrue((await file.body()).subarray(0, 5).toString() === '%PDF-', 'not a PDF');
      }
      await page.goto('/dossiers?tab=causes');
      const breaches = page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: 'Vi phạm về thư xin lỗi' }) });
      await breaches.locator('.ant-table-row').first().waitFor();
      await page.locator('canvas').first().waitFor();
      await screenshot(page, 'dossiers-causes');
      await context.close();
    },
  },
  {
    name: 'the 766 index for a unit with what cannot be computed',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'cchc');
      await page.goto('/dossiers?tab=766');
      await page.getByText('G2 Tiến độ giải quyết').waitFor();
      await page.getByText('không tính').first().waitFor();
      await page
        .getByText(/kết thúc trong kỳ: /)
        .first()
        .waitFor();
      const body = await page.locator('main, .ant-layout-content').first().innerText();
      expectTrue(!/[a-z][A-Z]/.test(body.replace(/\b(?:PAPI|SIPAS|TTHC)\b/g, '')), 'a camelCase key is shown to the user on the 766 tab');
      await screenshot(page, 'dossiers-766');
      // Official points typed with the Vietnamese comma: 15,5 is 15.5 (up to each group's maximum).
      await page.getByRole('button', { name: 'Nhập điểm chính thức' }).click();
      await page.getByText('G2 (tối đa 20)').waitFor();
      await page.locator('#G2').fill('15,5');
      await page.locator('#source').fill('Trang công khai 766, ngày 01/12/2026');
      await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      await page.getByText('Đã lưu điểm chính thức').waitFor();
      await page
        .getByText(/chính thức 15,5 /)
        .first()
        .waitFor();
      // By quarter and by year too (Decision 766 is assessed for each).
      const quarter = page.waitForResponse((r) => /\/api\/indices\/766\?.*period=\d{4}-Q[1-4]/.test(r.url()) && r.status() === 200);
      await page.getByText('Quý', { exact: true }).click();
      await quarter;
      expectTrue(
        /^Quý (I|II|III|IV)\/\d{4}$/.test(await page.getByLabel('Kỳ đánh giá').inputValue()),
        'the quarter is written Quý IV/2026',
      );
      await page.getByText('G2 Tiến độ giải quyết').waitFor();
      await screenshot(page, 'dossiers-766-quarter');
      const year = page.waitForResponse((r) => /\/api\/indices\/766\?.*period=\d{4}(&|$)/.test(r.url()) && r.status() === 200);
      await page.getByText('Năm', { exact: true }).click();
      await year;
      await context.close();
    },
  },
  {
    name: 'import with a bad row: the good row is kept and the bad one explained',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'cchc');
      await page.goto('/dossiers?tab=import');
      // The template with the allowed values of every column downloads from the page.
      const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Tải tệp mẫu/ }).click()]);
      expectTrue(template.suggestedFilename() === 'mau-nhap-ho-so.xlsx', `got ${template.suggestedFilename()}`);
      await page.locator('input[type=file]').setInputFiles({ name: 'mot-cua.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
      await page.getByRole('button', { name: 'Nhập', exact: true }).click();
      await page.getByText('Kết quả nhập').waitFor();
      await page.getByText('"31/09/2026 09:00" không phải ngày giờ hợp lệ').waitFor();
      await screenshot(page, 'dossiers-import');
      await context.close();
    },
  },
  {
    name: 'the public page of late units needs no login',
    async run({ newPage, screenshot }) {
      const { page, context } = await newPage();
      await page.goto('/login');
      await page.getByText('Công khai tình hình hồ sơ trễ hạn').click();
      // It names the province, the period and the minimum-volume rule.
      await page.getByText('Công khai hồ sơ thủ tục hành chính trễ hạn – Tỉnh Vĩnh Long').waitFor();
      await page.getByText(/^Hồ sơ tiếp nhận từ ngày 01\/01\/\d{4} đến ngày/).waitFor();
      await page.getByText('Chỉ xếp hạng đơn vị tiếp nhận từ 50 hồ sơ trở lên trong kỳ').waitFor();
      await page.locator('.ant-table-row').first().waitFor();
      await screenshot(page, 'public-late-units');
      const phone = await newPage({ phone: true });
      await phone.page.goto('/public/late-units');
      await phone.page.locator('.ant-table-row').first().waitFor();
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expectTrue(overflow <= 1, `public page wider than the phone by ${overflow}px`);
      await screenshot(phone.page, 'public-late-units-phone');
      await phone.context.close();
      await context.close();
    },
  },
];

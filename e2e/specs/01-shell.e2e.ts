import type { Spec } from '../run';
import { chooseOption, expectTrue } from '../harness';

export const specs: Spec[] = [
  {
    name: 'wrong password shows a Vietnamese error',
    async run({ newPage, screenshot }) {
      const { page, context } = await newPage();
      await page.goto('/');
      await page.waitForURL('**/login');
      await page.getByLabel('Tên đăng nhập').fill('admin');
      await page.getByLabel('Mật khẩu').fill('sai-mat-khau-1');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng').waitFor();
      await screenshot(page, 'login-error');
      await context.close();
    },
  },
  {
    name: 'administrator sees the shell in Vietnamese with the unit picker',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'admin');
      await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
      for (const item of ['Chỉ đạo, điều hành', 'Hồ sơ TTHC', 'Chỉ số PAR, SIPAS, PAPI', 'Người dùng', 'Nhật ký thao tác']) {
        await page.getByRole('menuitem', { name: item }).waitFor();
      }
      await page.getByText('Xã, phường, đặc khu').first().waitFor();
      await screenshot(page, 'home-admin-desktop');
      // The unit picker lists the province's communes; choosing one changes what the page shows.
      await page.getByLabel('Chọn đơn vị').click();
      await page.keyboard.type('long chau');
      await chooseOption(page, 'Phường Long Châu');
      await page.getByText('Đang xem: Phường Long Châu').waitFor();
      await screenshot(page, 'home-admin-unit-chosen');
      // The exact name typed and Enter picks that unit, not one whose name merely contains it (Xã Long Hòa).
      await page.getByLabel('Chọn đơn vị').click();
      await page.keyboard.type('Xã Long Hồ');
      await page.keyboard.press('Enter');
      await page.getByText('Đang xem: Xã Long Hồ').waitFor();
      await context.close();
    },
  },
  {
    name: 'shell works at phone width',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage({ phone: true });
      await login(page, 'lanhdao');
      await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expectTrue(overflow <= 1, `page wider than the phone by ${overflow}px`);
      await screenshot(page, 'home-phone');
      await page.getByRole('button', { name: 'Mở menu' }).click();
      await page.getByRole('menuitem', { name: 'Hồ sơ TTHC' }).waitFor();
      await screenshot(page, 'menu-phone');
      await context.close();
    },
  },
  {
    name: 'a commune focal point sees only their unit and no administration',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'daumoi.xa');
      await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
      expectTrue((await page.getByLabel('Chọn đơn vị').count()) === 0, 'focal point must not get a unit picker');
      expectTrue((await page.getByRole('menuitem', { name: 'Người dùng' }).count()) === 0, 'focal point must not see the users menu');
      await screenshot(page, 'home-focal-point');
      await page.goto('/admin/users');
      await page.getByText('Không có quyền').waitFor();
      await context.close();
    },
  },
  {
    name: 'units page: search, lineage of a merged commune',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'admin');
      await page.getByRole('menuitem', { name: 'Đơn vị' }).click();
      await page.getByPlaceholder('Tìm theo tên hoặc mã').fill('Sở Nội vụ');
      await page.getByRole('cell', { name: 'Sở Nội vụ' }).waitFor();
      await page.getByPlaceholder('Tìm theo tên hoặc mã').fill('Long Châu');
      await page.getByRole('cell', { name: 'Phường Long Châu' }).click();
      await page.getByText('Hình thành từ (trước 01/7/2025)').waitFor();
      await page.locator('.ant-drawer').getByText('Sáp nhập toàn bộ').first().waitFor();
      await screenshot(page, 'units-lineage');
      await context.close();
    },
  },
  {
    name: 'administrator creates a user, which shows in the audit log',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'admin');
      await page.goto('/admin/users');
      await page.getByRole('button', { name: 'Thêm người dùng' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Tên đăng nhập').fill('nguyen.van.an');
      await dialog.getByLabel('Họ và tên').fill('Nguyễn Văn An');
      await dialog.getByLabel('Đơn vị').click();
      await page.keyboard.type('Sở Y tế');
      await chooseOption(page, 'Sở Y tế');
      await dialog.getByLabel('Mật khẩu ban đầu').fill('Tam@thoi2026');
      await screenshot(page, 'users-create');
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await page.getByRole('cell', { name: 'nguyen.van.an', exact: true }).waitFor();
      await screenshot(page, 'users-list');
      await page.getByRole('menuitem', { name: 'Nhật ký thao tác' }).click();
      // The log reads in Vietnamese, the change as a table of fields.
      await page.getByRole('cell', { name: 'Tạo tài khoản', exact: true }).first().waitFor();
      await page.locator('.ant-table-row-expand-icon').first().click();
      await page.getByRole('cell', { name: 'Tên đăng nhập', exact: true }).first().waitFor();
      await page.getByRole('cell', { name: 'nguyen.van.an', exact: true }).first().waitFor();
      await screenshot(page, 'audit-log');
      await context.close();
    },
  },
  {
    name: 'calendar page shows Tết 2025 and computes a deadline over it',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'admin');
      await page.goto('/admin/calendar');
      await page.getByRole('heading', { name: 'Lịch làm việc' }).waitFor();
      await page.locator('.ant-card-head .ant-select').first().click();
      await chooseOption(page, '2025');
      // Administrators edit the dates in place, so the day appears as a date input's value.
      await page.locator('input[value="28/01/2025"]').waitFor();
      await screenshot(page, 'calendar-2025');
      // 24/01/2025 (Friday before Tết) + 1 working day = 03/02/2025.
      const calc = page.locator('.ant-card', { hasText: 'Tính hạn theo ngày làm việc' });
      await calc.locator('.ant-picker input').fill('24/01/2025');
      await calc.locator('.ant-picker input').press('Enter');
      await calc.locator('.ant-input-number input').fill('1');
      await calc.getByText('03/02/2025').waitFor();
      await context.close();
    },
  },
  {
    name: 'logout returns to the login page',
    async run({ newPage, login }) {
      const { page, context } = await newPage();
      await login(page, 'cchc');
      await page.getByRole('button', { name: 'Tài khoản' }).click();
      await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
      await page.waitForURL('**/login');
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      await page.goto('/admin/units');
      await page.waitForURL('**/login');
      await context.close();
    },
  },
  {
    name: 'the first page downloads at most 300 kB of JavaScript, compressed at build time and cached for good',
    async run({ newPage }) {
      const { page, context } = await newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      const js = new Map<string, { url: string; encoding: string; cache: string }>();
      let bytes = 0;
      cdp.on('Network.responseReceived', (e) => {
        if (/\.js(\?|$)/.test(e.response.url))
          js.set(e.requestId, {
            url: e.response.url,
            encoding: String(e.response.headers['content-encoding'] ?? ''),
            cache: String(e.response.headers['cache-control'] ?? ''),
          });
      });
      cdp.on('Network.loadingFinished', (e) => {
        if (js.has(e.requestId)) bytes += e.encodedDataLength;
      });
      await page.goto('/login');
      await page.waitForLoadState('networkidle');
      expectTrue(js.size > 0, 'no JavaScript seen');
      expectTrue(bytes <= 300 * 1024, `the login page downloads ${Math.round(bytes / 1024)} kB of JavaScript`);
      for (const f of js.values()) {
        expectTrue(f.encoding === 'br', `${f.url} sent as "${f.encoding}", not the brotli file made at build time`);
        expectTrue(f.cache.includes('immutable'), `${f.url} cached as "${f.cache}"`);
      }
      // The home page's code comes with the first keystroke, not with the login page.
      expectTrue(![...js.values()].some((f) => /\/HomePage-/.test(f.url)), 'the login page fetched the home page at load');
      const home = page.waitForResponse((r) => /\/HomePage-.*\.js$/.test(r.url()));
      await page.getByLabel('Tên đăng nhập').pressSequentially('c');
      await home;
      await context.close();
    },
  },
  {
    name: 'the administrator creates the accounts of several units from one workbook and prints their temporary passwords',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'admin');
      await page.goto('/admin/users');
      await page.getByRole('button', { name: 'Tạo hàng loạt từ tệp' }).click();
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Người dùng');
      ws.addRow(['ten_dang_nhap', 'ho_ten', 'ma_don_vi', 'vai_tro', 'email']);
      ws.addRow(['daumoi.syt', 'Lê Thị Hoa', '86.SYT', 'Cán bộ đầu mối CCHC', '']);
      ws.addRow(['giamdoc.syt', 'Phan Văn Đức', '86.SYT', 'unit_head', '']);
      await page
        .locator('.ant-modal input[type=file]')
        .setInputFiles({ name: 'nguoi-dung.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(await wb.xlsx.writeBuffer()) });
      await page.getByText('Đã tạo 2 tài khoản').waitFor();
      await page.getByRole('dialog').getByRole('cell', { name: 'giamdoc.syt', exact: true }).waitFor();
      await screenshot(page, 'users-import');
      // Printed, only the list of accounts and passwords shows.
      await page.emulateMedia({ media: 'print' });
      await screenshot(page, 'users-import-print');
      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).or(page.locator('.ant-modal-close')).first().click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      // The list filtered by role.
      const filtered = page.waitForResponse((r) => /\/api\/users\?.*role=unit_head/.test(r.url()) && r.status() === 200);
      await page.getByLabel('Vai trò').click();
      await chooseOption(page, 'Thủ trưởng đơn vị');
      await filtered;
      await page.getByRole('cell', { name: 'giamdoc.syt', exact: true }).waitFor();
      expectTrue((await page.getByRole('cell', { name: 'daumoi.syt', exact: true }).count()) === 0, 'the role filter kept a focal point');
      await context.close();
    },
  },
];

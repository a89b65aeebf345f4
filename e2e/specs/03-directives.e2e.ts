import type { Spec } from '../run';
import { chooseOption, expectTrue } from '../harness';

const TEXT = `ỦY BAN NHÂN DÂN TỈNH VĨNH LONG
Số: 21/CT-UBND
Vĩnh Long, ngày 20 tháng 11 năm 2026
CHỈ THỊ
Về việc chấn chỉnh tình trạng hồ sơ thủ tục hành chính trễ hạn
1. Sở Tài chính
a) Rà soát toàn bộ hồ sơ trễ hạn trong năm 2026, làm rõ nguyên nhân
và trách nhiệm của từng bộ phận.
b) Gửi thư xin lỗi đúng hạn cho mọi hồ sơ trễ hạn.
2. Các sở, ban, ngành tỉnh
a) Công khai danh sách hồ sơ trễ hạn trên trang thông tin điện tử.
3. Hội Doanh nhân trẻ tỉnh
a) Phản ánh kịp thời vướng mắc của doanh nghiệp.`;

export const specs: Spec[] = [
  {
    name: 'the leader sees the dashboard in 10 seconds',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'lanhdao');
      await page.getByRole('menuitem', { name: 'Chỉ đạo, điều hành' }).click();
      await page.getByText('Tỷ lệ hoàn thành', { exact: true }).waitFor();
      await page.getByText('20 đơn vị có tỷ lệ hoàn thành thấp nhất').waitFor();
      await screenshot(page, 'directives-dashboard');
      await page.getByRole('tab', { name: 'Nhiệm vụ quá hạn' }).click();
      await page.locator('.ant-tag', { hasText: 'Quá hạn chưa hoàn thành' }).first().waitFor();
      await screenshot(page, 'directives-overdue');
      await context.close();
    },
  },
  {
    name: 'a commune focal point pages and searches its tasks on the server, on a phone too',
    async run({ newPage, login, screenshot }) {
      for (const phone of [false, true]) {
        const { page, context } = await newPage({ phone });
        await login(page, 'daumoi.xa');
        await page.goto('/directives?tab=tasks');
        const total = page.locator('.ant-pagination-total-text');
        await total.waitFor();
        const before = await total.innerText();
        expectTrue(/nhiệm vụ/.test(before), `no total in the pager: ${before}`);
        await page.getByPlaceholder('Tìm nội dung, ký hiệu, số văn bản').fill('công khai');
        await page.getByPlaceholder('Tìm nội dung, ký hiệu, số văn bản').press('Enter');
        await page.waitForFunction(
          (b) =>
            document.querySelector('.ant-pagination-total-text')?.textContent !== b ||
            !document.querySelector('.ant-pagination-total-text'),
          before,
        );
        // A table on the desktop, cards on the phone.
        const rows = await page.locator(phone ? '.ant-list-item' : '.ant-table-tbody tr.ant-table-row').allInnerTexts();
        expectTrue(rows.length > 0 && rows.every((r) => /công khai/i.test(r)), `search did not filter: ${rows.slice(0, 2).join(' | ')}`);
        if (phone) {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expectTrue(overflow <= 1, `page wider than the phone by ${overflow}px`);
        }
        await screenshot(page, phone ? 'tasks-search-phone' : 'tasks-search');
        await context.close();
      }
    },
  },
  {
    name: 'the CCHC office imports a directive, resolves an unknown unit and saves',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'cchc');
      await page.goto('/directives/import');
      await page.getByLabel('Nội dung văn bản').fill(TEXT);
      await page.getByRole('button', { name: 'Phân tích văn bản' }).click();
      await page.getByText('Các mục (3)').waitFor();
      expectTrue((await page.getByLabel('Số, ký hiệu').inputValue()) === '21/CT-UBND', 'number proposed');
      await page.getByText('Không khớp đơn vị nào').waitFor();
      // The preview counts what saving would create, per unit, and names what is still missing.
      await page.getByText(/^Sẽ giao \d+ nhiệm vụ cho \d+ đơn vị chủ trì$/).waitFor();
      await page.getByText('Cần sửa trước khi lưu').waitFor();
      await screenshot(page, 'directives-import-review');
      // The unknown body is shown for the user to choose: assign it to Sở Công Thương.
      await page.getByLabel('Đơn vị chủ trì mục 3.').click();
      await page.keyboard.type('Công Thương');
      await chooseOption(page, 'Sở Công Thương');
      // Section 1 is coordinated with Sở Nội vụ.
      await page.locator('.ant-table-row-expand-icon').first().click();
      await page.locator('.ant-select', { hasText: 'Đơn vị phối hợp' }).click();
      await page.keyboard.type('Nội vụ');
      await chooseOption(page, 'Sở Nội vụ');
      await page.keyboard.press('Escape');
      await screenshot(page, 'directives-import-section');
      await page.getByRole('button', { name: /^Lưu văn bản và giao nhiệm vụ/ }).click();
      await page.getByText('Chỉ thị số 21/CT-UBND').waitFor();
      await page.getByText('Tiến độ theo đơn vị chủ trì').waitFor();
      await screenshot(page, 'directives-detail');
      await context.close();
    },
  },
  {
    name: 'report workflow as each role: focal point writes, head submits, Sở Nội vụ returns then accepts',
    async run({ newPage, login, screenshot }) {
      const focal = await newPage();
      await login(focal.page, 'daumoi.stc');
      await focal.page.goto('/directives?tab=tasks');
      await focal.page.getByText('Gửi thư xin lỗi đúng hạn').first().click();
      await focal.page.locator('.ant-descriptions-item', { hasText: 'Phối hợp' }).getByText('Sở Nội vụ').waitFor();
      await focal.page.getByLabel('Kết quả thực hiện').fill('Đã gửi 14/14 thư xin lỗi trước hạn trả kết quả.');
      await focal.page.getByRole('button', { name: 'Lưu bản nháp' }).click();
      await focal.page.getByText('Đã lưu bản nháp').waitFor();
      await focal.page
        .locator('input[type=file]')
        .setInputFiles({ name: 'danh-sach-thu-xin-loi.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 danh sách') });
      await focal.page.getByText('danh-sach-thu-xin-loi.pdf').waitFor();
      expectTrue((await focal.page.getByRole('button', { name: 'Duyệt và gửi Sở Nội vụ' }).count()) === 0, 'a focal point cannot submit');
      await screenshot(focal.page, 'task-focal-point');
      const taskUrl = focal.page.url();
      await focal.context.close();

      const head = await newPage();
      await login(head.page, 'giamdoc.stc');
      await head.page.goto(taskUrl);
      await head.page.getByRole('button', { name: 'Duyệt và gửi Sở Nội vụ' }).click();
      await head.page.getByText('Đã gửi, chờ Sở Nội vụ').waitFor();
      await head.context.close();

      // Sở Nội vụ hears of it, and finds it in what waits for it.
      const office = await newPage();
      await login(office.page, 'cchc');
      await office.page.goto('/directives');
      await office.page.getByText('Việc đang chờ bạn').waitFor();
      await screenshot(office.page, 'directives-waiting');
      await office.page.getByRole('link', { name: /nhiệm vụ có báo cáo chờ Sở Nội vụ thẩm định/ }).click();
      await office.page.getByText('Gửi thư xin lỗi đúng hạn').first().waitFor();
      await office.page.goto(taskUrl);
      await office.page.getByRole('button', { name: 'Trả lại' }).click();
      await office.page.getByPlaceholder('Lý do trả lại (bắt buộc)').fill('Đề nghị gửi kèm danh sách hồ sơ trễ hạn.');
      await office.page.getByRole('button', { name: 'Trả lại', exact: true }).click();
      await office.page.getByText('Sở Nội vụ trả lại: Đề nghị gửi kèm danh sách hồ sơ trễ hạn.').waitFor();
      await screenshot(office.page, 'task-returned');
      await office.context.close();

      // The unit is told; the returned version stays readable after it rewrites the report.
      const focal2 = await newPage();
      await login(focal2.page, 'daumoi.stc');
      await focal2.page.goto(taskUrl);
      await focal2.page.getByRole('button', { name: 'Thông báo' }).click();
      await focal2.page
        .getByText(/^Báo cáo bị trả lại/)
        .first()
        .waitFor();
      await focal2.page.keyboard.press('Escape');
      await focal2.page.getByText('Các lần gửi đã thẩm định (1)').click();
      await focal2.page.getByText('Lý do: Đề nghị gửi kèm danh sách hồ sơ trễ hạn.', { exact: true }).waitFor();
      await screenshot(focal2.page, 'task-history');
      await focal2.context.close();

      const head2 = await newPage();
      await login(head2.page, 'giamdoc.stc');
      await head2.page.goto(taskUrl);
      await head2.page.getByRole('button', { name: 'Duyệt và gửi Sở Nội vụ' }).click();
      await head2.page.getByText('Đã gửi, chờ Sở Nội vụ').waitFor();
      await head2.context.close();

      const office2 = await newPage();
      await login(office2.page, 'cchc');
      await office2.page.goto(taskUrl);
      await office2.page.getByRole('button', { name: 'Chấp nhận' }).click();
      await office2.page.locator('.ant-tag', { hasText: 'Hoàn thành đúng hạn' }).first().waitFor();
      await screenshot(office2.page, 'task-accepted');
      await office2.context.close();
    },
  },
  {
    name: 'the compiled report downloads as DOCX, and reminders reach the office',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'cchc');
      await page.goto('/directives?tab=report');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Tải DOCX/ }).click()]);
      expectTrue(download.suggestedFilename().endsWith('.docx'), `got ${download.suggestedFilename()}`);
      await screenshot(page, 'directives-report');
      await page.getByRole('button', { name: 'Thông báo' }).click();
      await page
        .getByText(/nhiệm vụ quá hạn chưa hoàn thành/)
        .first()
        .waitFor();
      await screenshot(page, 'notifications');
      await context.close();
    },
  },
  {
    name: 'the directive of 1.831 tasks opens with its sections counted; a section’s tasks come a page at a time, as cards on a phone',
    async run({ newPage, login, screenshot }) {
      for (const phone of [false, true]) {
        const { page, context } = await newPage({ phone });
        await login(page, 'cchc');
        const list = (await (await page.request.get('/api/directives?limit=200')).json()).rows as { id: number; tasks: number }[];
        const big = list.reduce((a, b) => (b.tasks > a.tasks ? b : a));
        const detail = page.waitForResponse((r) => r.url().endsWith(`/api/directives/${big.id}`));
        await page.goto(`/directives/${big.id}`);
        const body = await (await detail).text();
        expectTrue(body.length < 100_000, `the directive page read ${body.length} bytes (every task?)`);
        const header = page.locator('.ant-collapse-header').first();
        await header.getByText('1.820 nhiệm vụ').waitFor();
        const section = page.waitForResponse((r) => /\/api\/tasks\?.*section=/.test(r.url()));
        await header.click();
        await section;
        const item = page.locator(phone ? '.ant-collapse-item-active .ant-list-item' : '.ant-collapse-item-active .ant-table-row');
        await item.first().waitFor();
        expectTrue((await item.count()) === 20, `the section shows ${await item.count()} tasks, not a page of 20`);
        const second = page.waitForResponse((r) => /\/api\/tasks\?.*section=.*offset=20/.test(r.url()));
        await page.locator('.ant-collapse-item-active').getByRole('listitem', { name: '2' }).click();
        await second;
        await screenshot(page, phone ? 'directive-sections-phone' : 'directive-sections');
        await context.close();
      }
    },
  },
  {
    name: 'dashboard at phone width',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage({ phone: true });
      await login(page, 'lanhdao');
      await page.goto('/directives');
      await page.getByText('Tỷ lệ hoàn thành', { exact: true }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expectTrue(overflow <= 1, `page wider than the phone by ${overflow}px`);
      await screenshot(page, 'directives-phone');
      await context.close();
    },
  },
  {
    name: 'the same directive pasted again is flagged with a link; the office edits a task, then withdraws the directive',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'cchc');
      await page.goto('/directives/import');
      await page.getByLabel('Nội dung văn bản').fill(TEXT);
      await page.getByRole('button', { name: 'Phân tích văn bản' }).click();
      await page.getByText('Các mục (3)').waitFor();
      await page.getByText('Đã có 1 văn bản số 21/CT-UBND của cùng cơ quan ban hành').waitFor();
      await screenshot(page, 'directives-import-duplicate');
      await page.goto('/directives?tab=list&q=21');
      await page.getByText('21/CT-UBND').first().click();
      await page.getByText('Chỉ thị số 21/CT-UBND').waitFor();
      // A task's page: Sở Nội vụ may correct it.
      await page.getByText('Các mục và nhiệm vụ').waitFor();
      await page.locator('.ant-collapse-header').first().click();
      await page.getByText('Rà soát toàn bộ hồ sơ trễ hạn').first().click();
      await page.getByRole('button', { name: 'Sửa nhiệm vụ' }).click();
      await page.getByRole('dialog').getByText('Đơn vị chủ trì', { exact: true }).waitFor();
      await page.getByRole('dialog').getByLabel('Nội dung').fill('Rà soát toàn bộ hồ sơ trễ hạn năm 2026 và làm rõ trách nhiệm.');
      await screenshot(page, 'task-edit');
      await page.getByRole('button', { name: 'Lưu' }).click();
      await page.getByRole('heading', { name: /Rà soát toàn bộ hồ sơ trễ hạn năm 2026 và làm rõ trách nhiệm/ }).waitFor();
      await page.getByRole('link', { name: '21/CT-UBND' }).click();
      await page.getByRole('button', { name: 'Thu hồi' }).click();
      await page.getByLabel('Lý do thu hồi').fill('Thay thế bằng Chỉ thị mới của UBND tỉnh.');
      await page.getByRole('dialog').getByRole('button', { name: 'Thu hồi' }).click();
      await page.getByText(/^Văn bản đã được thu hồi/).waitFor();
      await page.locator('.ant-collapse-header').first().click();
      await page.locator('.ant-tag', { hasText: 'Đã hủy' }).first().waitFor();
      await screenshot(page, 'directive-withdrawn');
      await context.close();
    },
  },
];

import type { Spec } from '../run';
import { chooseOption, expectTrue, noOverflow } from '../harness';

/** The code of the case a citizen sends in the first scenario, followed through the others. */
let code = '';

export const specs: Spec[] = [
  {
    name: 'a citizen sends feedback with a photo on a phone, without logging in, and gets a tracking code',
    async run({ newPage, screenshot }) {
      const { page, context } = await newPage({ phone: true });
      await page.goto('/public/feedback');
      await page.getByRole('heading', { name: 'Gửi phản ánh, kiến nghị' }).waitFor();
      await noOverflow(page, 'the public form');
      await screenshot(page, 'feedback-public-form-phone');
      await page.locator('#title').fill('Đèn đường hỏng trên đường Phạm Thái Bường');
      await page.locator('#content').fill('Ba cột đèn trước số nhà 120 không sáng từ tuần trước, buổi tối rất tối, dễ xảy ra tai nạn.');
      await page.locator('#place').fill('Số 120 đường Phạm Thái Bường');
      await page.locator('input[type=file]').setInputFiles({
        name: 'den-duong.png',
        mimeType: 'image/png',
        // A 1×1 PNG.
        buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
      });
      await page.locator('#name').fill('Nguyễn Thị Mai');
      // Neither phone nor e-mail: the form says what is missing before anything is sent.
      await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
      await page.getByText('Cần số điện thoại hoặc thư điện tử để trả lời bạn.').waitFor();
      await page.locator('#phone').fill('0907 123 456');
      await page.getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
      await page.getByText('Đã tiếp nhận phản ánh của bạn').waitFor();
      const text = await page.locator('.ant-result').innerText();
      code = /PAKN\.\d{8}\.\d{4}/.exec(text)?.[0] ?? '';
      expectTrue(code, `no tracking code in: ${text}`);
      expectTrue(/Hạn trả lời: \d{2}\/\d{2}\/\d{4}/.test(text), `no due date in Vietnamese format: ${text}`);
      await screenshot(page, 'feedback-public-sent-phone');
      await page.getByRole('button', { name: 'Theo dõi phản ánh' }).click();
      await page.getByText('Mới tiếp nhận, chờ phân loại').waitFor();
      expectTrue(!(await page.getByText('Nguyễn Thị Mai').count()), 'the tracking page shows the sender');
      await noOverflow(page, 'the tracking page');
      await screenshot(page, 'feedback-public-track-phone');
      await context.close();
    },
  },
  {
    name: 'the office sees the sender and assigns the case; the unit sees it without the sender and answers',
    async run({ newPage, login, screenshot }) {
      const office = await newPage();
      await login(office.page, 'cchc');
      await office.page.goto(`/feedback?q=${code}`);
      await office.page.getByRole('link', { name: code }).click();
      await office.page.getByText('Người gửi (chỉ bộ phận tiếp nhận thấy)').waitFor();
      await office.page.getByText('0907123456').waitFor();
      await office.page.getByRole('combobox', { name: 'Đơn vị chủ trì' }).click();
      await office.page.keyboard.type('Sở Xây dựng');
      await chooseOption(office.page, 'Sở Xây dựng');
      await office.page.getByRole('button', { name: 'Giao xử lý' }).click();
      await office.page.getByText('Đang xử lý').first().waitFor();
      await screenshot(office.page, 'feedback-case-office');
      await office.context.close();

      // The demo has no Sở Xây dựng users: the office moves it to Sở Tài chính, whose people answer.
      const again = await newPage();
      await login(again.page, 'cchc');
      await again.page.goto(`/feedback?q=${code}`);
      await again.page.getByRole('link', { name: code }).click();
      await again.page.getByRole('combobox', { name: 'Đơn vị chủ trì' }).click();
      await again.page.keyboard.type('Sở Tài chính');
      await chooseOption(again.page, 'Sở Tài chính');
      await again.page.getByRole('button', { name: 'Chuyển đơn vị' }).click();
      await again.page.getByText('(đã chuyển 1 lần)').waitFor();
      await again.context.close();

      for (const phone of [false, true]) {
        const focal = await newPage({ phone });
        await login(focal.page, 'daumoi.stc');
        await focal.page.goto(`/feedback?q=${code}`);
        await focal.page.getByText(code).first().click();
        await focal.page.getByText('Thông tin người gửi chỉ bộ phận tiếp nhận được xem.').waitFor();
        expectTrue(!(await focal.page.getByText('0907123456').count()), 'the unit sees the sender’s phone');
        if (phone) await noOverflow(focal.page, 'the case page');
        else {
          await focal.page.getByLabel('Nội dung trả lời').fill('Đơn vị quản lý chiếu sáng đã thay ba bóng đèn trước số 120 ngày hôm nay.');
          await focal.page.getByRole('button', { name: 'Lưu dự thảo, trình thủ trưởng' }).click();
          await focal.page.getByText('Đã dự thảo trả lời, chờ thủ trưởng duyệt').first().waitFor();
        }
        await screenshot(focal.page, phone ? 'feedback-case-unit-phone' : 'feedback-case-unit');
        await focal.context.close();
      }
      const head = await newPage();
      await login(head.page, 'giamdoc.stc');
      await head.page.goto(`/feedback?q=${code}`);
      await head.page.getByRole('link', { name: code }).click();
      await head.page.getByRole('button', { name: 'Duyệt trả lời' }).click();
      await head.page.getByText('Thủ trưởng đã duyệt, chờ công khai').first().waitFor();
      await head.context.close();
    },
  },
  {
    name: 'the office publishes the answer, the citizen rates it, and the list and statistics read in Vietnamese',
    async run({ newPage, login, screenshot }) {
      const office = await newPage();
      await login(office.page, 'cchc');
      await office.page.goto(`/feedback?q=${code}`);
      await office.page.getByRole('link', { name: code }).click();
      // Controlled by the server's answer: clicked, then saved.
      await office.page.getByRole('checkbox', { name: /Công khai/ }).click();
      await office.page.getByText('Đã lưu.').first().waitFor();
      await office.page.getByRole('button', { name: 'Công khai trả lời' }).click();
      await office.page.getByText('Đã trả lời, công khai').first().waitFor();
      // "You said, we did": the case becomes a task of the unit, due in three weeks (from the server's today).
      const due = new Date(Date.now() + 7 * 3_600_000 + 21 * 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('/');
      await office.page.getByLabel('Nội dung nhiệm vụ').fill('Rà soát, thay thế toàn bộ bóng đèn hư trên tuyến Phạm Thái Bường.');
      await office.page.getByLabel('Hạn nhiệm vụ').fill(due);
      await office.page.getByLabel('Hạn nhiệm vụ').press('Enter');
      await office.page.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
      await office.page.getByText('Chưa thực hiện').waitFor();
      await screenshot(office.page, 'feedback-case-task');
      await office.page.goto('/feedback');
      await office.page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      const total = await office.page
        .getByText(/[\d.]+ phản ánh/)
        .first()
        .innerText();
      expectTrue(/^\d{1,3}(\.\d{3})* phản ánh$/.test(total), `total not in Vietnamese format: ${total}`);
      await screenshot(office.page, 'feedback-list');
      await office.page.getByRole('tab', { name: 'Thống kê' }).click();
      await office.page
        .getByText(/trả lời đúng hạn/)
        .first()
        .waitFor();
      const summary = await office.page
        .getByText(/^Tiếp nhận/)
        .first()
        .innerText();
      expectTrue(/\d+,\d %|\d+ %/.test(summary) && !/\d\.\d %/.test(summary), `rates not in Vietnamese format: ${summary}`);
      await screenshot(office.page, 'feedback-stats');
      await office.context.close();

      const { page, context } = await newPage({ phone: true });
      await page.goto(`/public/feedback/track?code=${code}`);
      await page.getByText('Đơn vị quản lý chiếu sáng đã thay ba bóng đèn').waitFor();
      await page.getByRole('img', { name: 'Ảnh hiện trường' }).first().waitFor();
      await page.getByRole('radio', { name: '4 stars' }).or(page.locator('.ant-rate-star').nth(3)).first().click();
      await page.getByRole('radio', { name: 'Vấn đề đã được giải quyết' }).check();
      await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await page.getByText('Bạn đã đánh giá 4/5 sao.').waitFor();
      await screenshot(page, 'feedback-public-rated-phone');
      await page.goto('/public/feedback/answers');
      await page.getByText('Kết quả trả lời phản ánh, kiến nghị').waitFor();
      await page.getByText(code).first().waitFor();
      expectTrue(!(await page.getByText('0907123456').count()), 'a phone number on the public answers page');
      await noOverflow(page, 'the public answers');
      await screenshot(page, 'feedback-public-answers-phone');
      await context.close();
    },
  },
];

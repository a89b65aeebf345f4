import type { Spec } from '../run';
import { chooseOption, expectTrue, noOverflow, readsVietnamese } from '../harness';

/** The initiative registered in the second scenario, followed to the public catalogue. */
const TITLE = 'Hẹn giờ nộp hồ sơ qua Zalo tại Sở Tài chính';
let initiativeUrl = '';

export const specs: Spec[] = [
  {
    name: 'the office sees coverage, schedules a visit, fills the checklist offline and online, records a finding that becomes the unit’s task',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'cchc');
      await page.goto('/inspections');
      await page.getByText('Đơn vị đã được kiểm tra năm').waitFor();
      await page.getByText(/Chưa được kiểm tra \(\d+ đơn vị\)/).waitFor();
      await readsVietnamese(page, 'the coverage tab');
      await screenshot(page, 'inspections-coverage');
      await page.getByRole('tab', { name: 'Đề xuất theo rủi ro, bốc thăm' }).click();
      await page.getByText('Đơn vị nên kiểm tra').waitFor();
      await page
        .getByText(/Hạt giống [0-9a-f]{32} · bốc lại cho cùng kết quả/)
        .first()
        .waitFor();
      await readsVietnamese(page, 'the risk tab');
      await screenshot(page, 'inspections-risk');

      await page.getByRole('tab', { name: 'Lịch, kết quả kiểm tra' }).click();
      await page.getByRole('button', { name: 'Lên lịch kiểm tra' }).click();
      await page.locator('#unitCode').click();
      await page.keyboard.type('Sở Tài chính');
      await chooseOption(page, 'Sở Tài chính');
      await page.locator('#date').click();
      await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-cell-today').click();
      await page.locator('#teamLeader').fill('Trần Thị Thu Hà');
      await page.getByRole('button', { name: 'Lưu lịch' }).click();
      await page.getByRole('link', { name: 'Sở Tài chính' }).first().click();
      await page.getByText('Kết quả kiểm tra từng nội dung').waitFor();
      const url = page.url();

      // Offline at the unit: the answers stay on the tablet and go when the signal is back.
      await page.getByText('Đạt', { exact: true }).first().click();
      await context.setOffline(true);
      await page.evaluate(() => window.dispatchEvent(new Event('offline')));
      await page.getByText('Mất kết nối: đang lưu trên máy').waitFor();
      await page.getByText('Chưa đạt', { exact: true }).nth(2).click();
      await context.setOffline(false);
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await page.getByText('Đã lưu.').first().waitFor();
      await page.reload();
      await page.getByText('Kết quả kiểm tra từng nội dung').waitFor();
      const checked = await page.locator('.ant-radio-button-wrapper-checked').count();
      expectTrue(checked === 2, `the synced checklist shows ${checked} answers, not 2`);

      await page.locator('#text').fill('Còn hồ sơ quá hạn chưa gửi phiếu xin lỗi và hẹn lại ngày trả kết quả');
      await page.locator('#remedy').fill('Rà soát, gửi phiếu xin lỗi đầy đủ; báo cáo kèm danh sách');
      await page.locator('#dueDate').click();
      await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-cell-today').click();
      await page.getByRole('button', { name: 'Ghi kiến nghị và giao nhiệm vụ khắc phục' }).click();
      await page
        .getByRole('link', { name: /Nhiệm vụ khắc phục/ })
        .first()
        .waitFor();
      await page.locator('#recordText').fill('Đoàn kiểm tra hồ sơ tại Bộ phận Một cửa của Sở, làm việc với lãnh đạo Sở.');
      await page.locator('#conclusion').fill('Sở triển khai kế hoạch CCHC đúng tiến độ; còn hồ sơ quá hạn chưa gửi phiếu xin lỗi.');
      await page.getByRole('button', { name: 'Ban hành kết luận' }).click();
      await page.getByText('Đã có kết luận').first().waitFor();
      await screenshot(page, 'inspection-visit-office');
      await context.close();

      // The unit sees the visit and the remedy task in its own task list, on a phone too.
      for (const phone of [false, true]) {
        const unit = await newPage({ phone });
        await login(unit.page, 'daumoi.stc');
        await unit.page.goto(url);
        await unit.page.getByText('Còn hồ sơ quá hạn chưa gửi phiếu xin lỗi').first().waitFor();
        expectTrue(
          !(await unit.page.getByRole('button', { name: 'Ban hành kết luận' }).count()),
          'the unit may conclude its own inspection',
        );
        if (phone) await noOverflow(unit.page, 'the inspection page');
        await screenshot(unit.page, phone ? 'inspection-visit-unit-phone' : 'inspection-visit-unit');
        if (!phone) {
          await unit.page
            .getByRole('link', { name: /Nhiệm vụ khắc phục/ })
            .first()
            .click();
          await unit.page
            .getByText(/Khắc phục tồn tại sau kiểm tra CCHC/)
            .first()
            .waitFor();
        } else {
          await unit.page.goto('/inspections?tab=findings');
          await unit.page.getByText('Còn hồ sơ quá hạn chưa gửi phiếu xin lỗi').first().waitFor();
          await noOverflow(unit.page, 'the findings list');
          await screenshot(unit.page, 'inspections-findings-unit-phone');
        }
        await unit.context.close();
      }
    },
  },
  {
    name: 'a unit registers an initiative, its head sends it, the office checks it, the council scores it and it is recognised',
    async run({ newPage, login, screenshot }) {
      const focal = await newPage();
      await login(focal.page, 'daumoi.stc');
      await focal.page.goto('/initiatives?tab=new');
      await focal.page.locator('#title').fill(TITLE);
      await focal.page.locator('#summary').fill('Người dân đặt giờ nộp hồ sơ qua Zalo, Bộ phận Một cửa phân luồng theo lĩnh vực.');
      await focal.page.locator('#problem').fill('Người dân chờ lâu vào đầu tuần.');
      await focal.page.locator('#solution').fill('Hẹn giờ qua Zalo OA, nhắc trước một ngày.');
      await focal.page.locator('#area').click();
      await chooseOption(focal.page, 'Cải cách thủ tục hành chính');
      await focal.page.locator('#startedOn').click();
      await focal.page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-cell-today').click();
      await focal.page.locator('#cost').fill('12.500.000');
      await focal.page.getByRole('button', { name: 'Lưu bản đăng ký' }).click();
      await focal.page.getByRole('heading', { name: TITLE }).waitFor();
      await focal.page.getByText('12.500.000 đồng').waitFor();
      initiativeUrl = focal.page.url();
      await screenshot(focal.page, 'initiative-draft-unit');
      await focal.context.close();

      const head = await newPage();
      await login(head.page, 'giamdoc.stc');
      await head.page.goto(initiativeUrl);
      await head.page.getByRole('button', { name: 'Gửi Sở Nội vụ' }).click();
      await head.page.getByText('Đã gửi, chờ Sở Nội vụ kiểm tra').first().waitFor();
      await head.context.close();

      const office = await newPage();
      await login(office.page, 'cchc');
      await office.page.goto(initiativeUrl);
      await office.page.getByRole('button', { name: 'Hồ sơ đầy đủ, chuyển Hội đồng' }).click();
      await office.page.getByText('Hồ sơ đầy đủ, chờ Hội đồng đánh giá').first().waitFor();
      await office.context.close();

      const council = await newPage();
      await login(council.page, 'thamdinh');
      await council.page.goto(initiativeUrl);
      for (const [name, points] of [
        ['Tính mới, sáng tạo', '24,5'],
        ['Hiệu quả, lợi ích mang lại', '32'],
        ['Khả năng nhân rộng, áp dụng ở đơn vị khác', '15'],
        ['Tính khả thi, chi phí hợp lý', '8'],
      ] as const)
        await council.page.getByLabel(name).fill(points);
      await council.page.getByRole('button', { name: 'Lưu điểm' }).click();
      await council.page.getByText(/Điểm bình quân 79,5\/100/).waitFor();
      await readsVietnamese(council.page, 'the initiative page');
      await screenshot(council.page, 'initiative-council');
      await council.context.close();

      const again = await newPage();
      await login(again.page, 'cchc');
      await again.page.goto(initiativeUrl);
      await again.page.getByLabel('Công nhận cấp tỉnh').check();
      await again.page.getByLabel('Số quyết định').fill('25/QĐ-UBND');
      await again.page.getByLabel('Ngày quyết định').click();
      await again.page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-cell-today').click();
      await again.page.getByRole('button', { name: 'Ghi quyết định' }).click();
      await again.page.getByText('Được công nhận').first().waitFor();
      await again.page.getByRole('link', { name: 'Quyết định công nhận (DOCX)' }).waitFor();
      await again.page.goto('/initiatives?tab=coverage');
      await again.page.getByText(/Chưa có sáng kiến \(\d+ đơn vị\)/).waitFor();
      await readsVietnamese(again.page, 'the initiatives coverage');
      await screenshot(again.page, 'initiatives-coverage');
      await again.context.close();
    },
  },
  {
    name: 'anyone finds the recognised initiative in the public catalogue on a phone',
    async run({ newPage, screenshot }) {
      const { page, context } = await newPage({ phone: true });
      await page.goto('/public/initiatives');
      await page.getByRole('heading', { name: 'Sáng kiến cải cách hành chính' }).waitFor();
      await page.getByLabel('Tìm sáng kiến').fill('Zalo tại Sở Tài chính');
      await page.keyboard.press('Enter');
      await page.getByText(TITLE).first().click();
      await page.getByText('Hẹn giờ qua Zalo OA, nhắc trước một ngày.').waitFor();
      await noOverflow(page, 'the public catalogue');
      await screenshot(page, 'initiatives-public-phone');
      await context.close();
    },
  },
];

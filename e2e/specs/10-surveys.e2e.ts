import type { Spec } from '../run';
import { DEMO_PASSWORD, expectTrue, noOverflow, readsVietnamese } from '../harness';

/** The demo's open survey and one of its unanswered tokens, found by the office in the first scenario. */
let openId = 0;
let token = '';

export const specs: Spec[] = [
  {
    name: 'the office reads the finished survey: results with margins, sample with seeds, quality control, questionnaire',
    async run({ newPage, login, screenshot }) {
      const { page } = await newPage();
      await login(page, 'cchc');
      await page.goto('/surveys');
      await page.getByRole('link', { name: /\(đợt 1\)/ }).click();
      await page.getByText('Tỷ lệ hài lòng chung').waitFor();
      await page.getByText('Tỷ lệ hài lòng theo khía cạnh').waitFor();
      await page.getByText('Có trọng số theo số người được phục vụ').waitFor();
      await readsVietnamese(page, 'the results tab');
      await screenshot(page, 'surveys-results');
      await page.getByRole('tab', { name: 'Mẫu khảo sát' }).click();
      await page.getByRole('columnheader', { name: 'Tổng thể N (hồ sơ đã giải quyết)' }).waitFor();
      await page.getByText('20260601 ·').first().waitFor();
      await screenshot(page, 'surveys-sample');
      await page.getByRole('tab', { name: 'Kiểm soát chất lượng' }).click();
      await page.getByText('Điều tra viên', { exact: true }).first().waitFor();
      await page.getByText('Tỷ lệ lỗi nhập liệu').waitFor();
      await readsVietnamese(page, 'the quality tab');
      await screenshot(page, 'surveys-quality');
      await page.getByRole('tab', { name: 'Bảng hỏi' }).click();
      await page.getByText('Câu 9. Mức độ hài lòng của Ông/Bà').waitFor();
      await screenshot(page, 'surveys-questionnaire');

      await page.goto('/surveys?status=published');
      await page.getByRole('link', { name: /\(đợt 2\)/ }).click();
      await page.getByText('Tỷ lệ hài lòng chung').waitFor();
      openId = Number(/\/surveys\/(\d+)/.exec(page.url())![1]);
      const tokens = await (await page.request.get(`/api/surveys/${openId}/tokens?status=issued&pageSize=1`)).json();
      token = tokens.rows[0].link.split('/').pop();
      expectTrue(token, 'the open survey has no issued token');
    },
  },
  {
    name: 'a sampled citizen answers on a 390 px phone: a light, accessible page, once only',
    async run({ newPage, screenshot }) {
      const { page } = await newPage({ phone: true });
      let scriptBytes = 0;
      page.on('response', async (r) => {
        if (r.request().resourceType() === 'script') scriptBytes += (await r.body()).length;
      });
      await page.goto(`/khao-sat/${token}`);
      await page.getByRole('heading', { name: /Phiếu khảo sát sự hài lòng/ }).waitFor();
      expectTrue(scriptBytes > 0 && scriptBytes <= 100_000, `the form page loads ${scriptBytes} bytes of JavaScript (at most 100 kB)`);
      const unlabelled = await page.evaluate(
        () =>
          Array.from(document.querySelectorAll('input, textarea')).filter(
            (i) => !i.closest('label') && !document.querySelector(`label[for="${i.id}"]`),
          ).length,
      );
      expectTrue(unlabelled === 0, `${unlabelled} form controls have no label`);
      // Skip logic: "Dân tộc khác (ghi rõ)" appears only after choosing "Dân tộc khác".
      expectTrue(!(await page.getByText('Dân tộc khác (ghi rõ)').isVisible()), 'the follow-up question shows before its condition');
      await page.getByText('Dân tộc khác', { exact: true }).click();
      await page.getByText('Dân tộc khác (ghi rõ)').waitFor();
      // Keyboard: the first satisfaction item answered with the keyboard.
      await page.locator('fieldset[data-q="C9_01"] input').first().focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      for (const q of ['C9_15', 'C9_23', 'C9_28']) await page.locator(`fieldset[data-q="${q}"] label`).nth(4).click();
      await noOverflow(page, 'the public form');
      await screenshot(page, 'surveys-public-form-phone');
      await page.getByRole('button', { name: 'Gửi phiếu' }).click();
      await page.getByText('Đã gửi phiếu. Xin trân trọng cảm ơn').waitFor();
      await page.goto(`/khao-sat/${token}`);
      await page.getByText('Phiếu này đã được trả lời').waitFor();
    },
  },
  {
    name: 'an interviewer keeps a form offline and it is stored once when the signal returns; the counter kiosk takes one rating',
    async run({ newPage, login, screenshot }) {
      const { page, context } = await newPage();
      await login(page, 'cchc');
      const before = (await (await page.request.get(`/api/surveys/${openId}/responses?channel=interview&pageSize=1`)).json())
        .total as number;
      await page.goto(`/surveys/${openId}?tab=entry`);
      await page.getByText('Phỏng vấn (dùng được khi mất mạng)').click();
      await page.getByLabel('Đơn vị được đánh giá').click();
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().click();
      await context.setOffline(true);
      await page.evaluate(() => window.dispatchEvent(new Event('offline')));
      await page.getByText('Đang mất mạng').waitFor();
      await page.locator('[aria-labelledby="q-C9_23"] label').nth(3).click();
      await page.locator('[aria-labelledby="q-C9_28"] label').nth(4).click();
      await page.getByRole('button', { name: 'Lưu phiếu phỏng vấn' }).click();
      await page.getByText('1 phiếu chờ gửi').waitFor();
      await screenshot(page, 'surveys-interview-offline');
      await context.setOffline(false);
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await page.getByText('Đã đồng bộ 1 phiếu.').first().waitFor();
      const after = (await (await page.request.get(`/api/surveys/${openId}/responses?channel=interview&pageSize=1`)).json())
        .total as number;
      expectTrue(after === before + 1, `interview forms went from ${before} to ${after}, not one more`);

      const counter = await newPage();
      await login(counter.page, 'motcua');
      const kiosk = counter.page;
      await kiosk.goto(`/surveys/${openId}/kiosk`);
      await kiosk.getByRole('button', { name: 'Bắt đầu nhận đánh giá' }).click();
      await kiosk.getByText('Ông/Bà hài lòng với việc giải quyết hồ sơ hôm nay?').waitFor();
      // Locked: no staff menu, and Back stays on the kiosk.
      expectTrue((await kiosk.locator('.ant-layout-sider, .ant-menu').count()) === 0, 'the kiosk shows the staff menu');
      await kiosk.goBack();
      await kiosk.getByText('Ông/Bà hài lòng với việc giải quyết hồ sơ hôm nay?').waitFor();
      expectTrue(kiosk.url().endsWith('/kiosk'), `Back left the kiosk for ${kiosk.url()}`);
      await kiosk.locator('[aria-labelledby="q-C9_23"] label').nth(4).click();
      await screenshot(kiosk, 'surveys-kiosk');
      await kiosk.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await kiosk.getByText('Xin cảm ơn Ông/Bà đã đánh giá!').waitFor();
      // Leaving asks for the officer's password; a wrong one keeps the kiosk locked.
      await kiosk.getByRole('button', { name: 'Cán bộ thoát' }).click();
      const dialog = kiosk.getByRole('dialog', { name: 'Thoát chế độ máy tại quầy' });
      await dialog.getByLabel('Mật khẩu').fill('sai-mat-khau');
      await dialog.getByRole('button', { name: 'Thoát' }).click();
      await dialog.getByText('Mật khẩu không đúng.').waitFor();
      await screenshot(kiosk, 'surveys-kiosk-exit');
      await dialog.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
      await dialog.getByRole('button', { name: 'Thoát' }).click();
      await kiosk.waitForURL(`**/surveys/${openId}`);
      await kiosk.getByRole('button', { name: 'Chế độ máy tại quầy' }).waitFor();
    },
  },
  {
    name: 'anyone reads the published results on the public page, on a phone',
    async run({ newPage, screenshot }) {
      const { page } = await newPage({ phone: true });
      await page.goto('/public/surveys');
      await page.getByText('Tỷ lệ hài lòng chung:').waitFor();
      await page.getByText('Theo cơ quan, đơn vị').waitFor();
      await readsVietnamese(page, 'the public results');
      await noOverflow(page, 'the public results');
      await screenshot(page, 'surveys-public-results-phone');
    },
  },
];

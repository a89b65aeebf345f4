/**
 * Imports of other systems' exports (idempotent by their code, per-row reasons), the categories and
 * their clocks, and the figures: statistics, the metrics the internal index reads, and group 5 of the 766
 * page computed from this data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReminders } from '@cchc/core';
import { startTestApp, type TestApp, type TestClient } from '@cchc/server/testing';
import { feedbackModule } from './index';

let t: TestApp;
let office: TestClient;

const CSV = `Mã PAKN,Ngày gửi,Người gửi,Điện thoại,Lĩnh vực,Nội dung,Kênh
CDV-001,02/11/2026 09:15,Trần Thị Bình,0987654321,moi_truong,Nước thải tràn ra đường tại khu dân cư số 3.,Cổng Dịch vụ công quốc gia
CDV-002,03/11/2026 16:40,Lê Văn Cường,,giao_thong,Đèn tín hiệu giao thông ngã tư bị hỏng.,zalo
CDV-003,31/02/2026,Phạm Văn Dũng,0912000111,khac,Nội dung hợp lệ nhưng ngày sai.,
CDV-004,04/11/2026 08:00,Võ Thị Hạnh,0912000222,khac,Đề nghị sửa cầu khỉ ấp 4 đã xuống cấp.,hotline
`;

beforeAll(async () => {
  t = await startTestApp();
  office = await t.login('cchc');
});
afterAll(() => t.close());

describe('import', () => {
  it('imports the valid rows, names each refused row, and changes nothing when the same file comes again', async () => {
    const first = await office.upload('/api/feedback/import', { name: 'pakn.csv', data: CSV }, { source: 'cong-dvc-quoc-gia' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ rows: 4, created: 2, unchanged: 0, errors: 2 });
    expect(first.json().errorRows).toEqual([
      { row: 3, field: 'Số điện thoại', message: expect.stringContaining('"phone"') },
      { row: 4, field: 'Thời điểm tiếp nhận', message: expect.stringContaining('31/02/2026') },
    ]);
    const again = await office.upload('/api/feedback/import', { name: 'pakn.csv', data: CSV }, { source: 'cong-dvc-quoc-gia' });
    expect(again.json()).toMatchObject({ created: 0, unchanged: 2 });
    const rows = await t.db.db
      .selectFrom('feedbackCase')
      .select(['externalCode', 'channel', 'dueDate', 'status'])
      .where('source', '=', 'cong-dvc-quoc-gia')
      .orderBy('externalCode')
      .execute();
    expect(rows).toEqual([
      { externalCode: 'CDV-001', channel: 'portal', dueDate: '2026-11-23', status: 'received' },
      { externalCode: 'CDV-004', channel: 'phone', dueDate: '2026-11-25', status: 'received' },
    ]);
    const focal = await t.login('daumoi.stc');
    expect((await focal.upload('/api/feedback/import', { name: 'pakn.csv', data: CSV }, { source: 'x-y' })).statusCode).toBe(403);
  });

  it('refuses a file without a required column, naming it', async () => {
    const res = await office.upload(
      '/api/feedback/import',
      { name: 'x.csv', data: 'Mã PAKN,Nội dung\nA,Nội dung đủ dài để nhận.\n' },
      { source: 'hue-s' },
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('Thời điểm tiếp nhận');
  });
});

describe('categories', () => {
  it('lets the office set a category’s clock, which applies to cases received afterwards (audited)', async () => {
    const cats = (await office.get('/api/feedback/categories')).json();
    const changed = cats.map((c: { code: string }) => (c.code === 'thu_tuc' ? { ...c, processDays: 10 } : c));
    const res = await office.send('PUT', '/api/feedback/categories', changed);
    expect(res.statusCode, res.body).toBe(200);
    const sub = await t.app.inject({
      method: 'POST',
      url: '/api/public/feedback',
      payload: { name: 'Ngô Văn Em', phone: '0911222333', category: 'thu_tuc', content: 'Hồ sơ cấp đổi giấy phép lái xe trễ hẹn.' },
      remoteAddress: '10.5.0.1',
    });
    expect(sub.json().dueDate).toBe('2026-12-07');
    const removed = await office.send('PUT', '/api/feedback/categories', changed.slice(1));
    expect(removed.statusCode).toBe(409);
    expect((await (await t.login('daumoi.stc')).send('PUT', '/api/feedback/categories', changed)).statusCode).toBe(403);
  });
});

describe('figures', () => {
  const Y = { from: '2025-12-01', to: '2026-11-30' };

  it('counts the group-5 measures in SQL per unit, and the total agrees with the rows', async () => {
    const res = await office.get(`/api/feedback/stats?from=${Y.from}&to=${Y.to}&groupBy=unit`);
    expect(res.statusCode, res.body).toBe(200);
    const { rows, total } = res.json();
    expect(total.received).toBeGreaterThan(500);
    expect(rows.reduce((a: number, r: { judged: number }) => a + r.judged, 0)).toBe(total.judged);
    expect(total.onTimeRate).toBeGreaterThan(50);
    expect(total.onTimeRate).toBeLessThan(100);
    expect(total.satisfactionRate).toBeLessThan(total.onTimeRate + 30);
    const byChannel = (await office.get(`/api/feedback/stats?from=${Y.from}&to=${Y.to}&groupBy=channel`)).json();
    expect(byChannel.rows.map((r: { label: string }) => r.label)).toContain('Zalo');
    // A unit sees only its own.
    const mine = (await (await t.login('daumoi.stc')).get(`/api/feedback/stats?from=${Y.from}&to=${Y.to}`)).json();
    expect(mine.rows.every((r: { key: string }) => r.key === '86.STC')).toBe(true);
  });

  it('publishes on-time and satisfaction through the metrics registry, as the internal index reads them', async () => {
    const res = await office.get(`/api/metrics/feedback.onTimeRate?from=${Y.from}&to=${Y.to}&byUnit=true`);
    expect(res.statusCode, res.body).toBe(200);
    const points = res.json();
    expect(points.length).toBeGreaterThan(5);
    const p = points[0];
    expect(p.value).toBeCloseTo((p.numerator / p.denominator) * 100, 0);
    const stats = (await office.get(`/api/feedback/stats?from=${Y.from}&to=${Y.to}&groupBy=unit`)).json();
    const row = stats.rows.find((r: { key: string }) => r.key === p.key);
    expect([p.numerator, p.denominator]).toEqual([row.onTime, row.judged]);
  });

  it('fills group 5 of the 766 page with feedback handled on time', async () => {
    const res = await office.get('/api/indices/766?unit=86&period=2026');
    expect(res.statusCode, res.body).toBe(200);
    const g52 = res
      .json()
      .groups.find((g: { code: string }) => g.code === 'G5')
      .indicators.find((i: { code: string }) => i.code === 'G5.2');
    expect(g52).toMatchObject({ status: 'computed', data: { dungHan: expect.any(Number), denKyXet: expect.any(Number) } });
    expect(g52.rate).toBeGreaterThan(0);
  });
});

describe('reminders', () => {
  it('tells the lead unit about each overdue case and the office once, with the counts', async () => {
    await runReminders(t.app.services, [feedbackModule], { remindDays: 3, email: false });
    const office = await t.db.db.selectFrom('appUser').select('id').where('username', '=', 'cchc').executeTakeFirstOrThrow();
    const mine = (userId: number | string) =>
      t.db.db
        .selectFrom('notification')
        .select(['kind', 'title'])
        .where('userId', '=', Number(userId))
        .where('kind', 'like', 'feedback%')
        .execute();
    const toOffice = await mine(office.id);
    expect(toOffice).toHaveLength(1);
    expect(toOffice[0]).toMatchObject({ kind: 'feedback_office_digest', title: expect.stringMatching(/\d+ phản ánh quá hạn trả lời/) });
    // The lead units' people are told case by case.
    const perCase = await t.db.db.selectFrom('notification').select('userId').distinct().where('kind', '=', 'feedback_overdue').execute();
    expect(perCase.length).toBeGreaterThan(0);
    expect(perCase.map((r) => Number(r.userId))).not.toContain(Number(office.id));
    // Once: a second pass the same day adds nothing.
    await runReminders(t.app.services, [feedbackModule], { remindDays: 3, email: false });
    expect(await mine(office.id)).toHaveLength(1);
  });
});

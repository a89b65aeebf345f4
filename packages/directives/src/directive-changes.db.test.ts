/**
 * Correcting what was saved (duplicate warning, preview, edit, withdraw, delete), who hears of reports,
 * what waits for whom, the history of reviewed versions, and the task list's filters and export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber, readFirstSheet, runReminders } from '@cchc/core';
import { startTestApp, type TestApp, type TestClient } from '@cchc/server/testing';
import { directivesModule } from './index';

let t: TestApp;
let office: TestClient;
let admin: TestClient;
beforeAll(async () => {
  t = await startTestApp(); // today is 2026-11-23 (Monday)
  office = await t.login('cchc');
  admin = await t.login('admin');
});
afterAll(() => t.close());

let n = 0;
const directive = (over: Record<string, unknown> = {}) => ({
  number: `${++n}/KH-TEST`,
  kind: 'ke_hoach',
  date: '2026-11-02',
  issuer: 'Ủy ban nhân dân tỉnh',
  title: 'Kế hoạch thử sửa đổi',
  sections: [
    {
      number: '1.',
      heading: 'Sở Tài chính',
      leadUnitCode: '86.STC',
      isGroup: false,
      tasks: [
        { label: 'a)', text: 'Rà soát kinh phí số hóa hồ sơ.', dueDate: '2026-11-30', coordinatingUnitCodes: ['86.STP'] },
        { label: 'b)', text: 'Báo cáo tình hình hằng quý.', recurrence: 'quarterly', reportDays: 5, recurUntil: '2026-12-31' },
      ],
    },
    {
      number: '2.',
      heading: 'Các sở, ban, ngành',
      leadUnitCode: null,
      isGroup: true,
      group: 'departments',
      tasks: [{ label: 'a)', text: 'Niêm yết công khai thủ tục hành chính.', dueDate: '2026-12-15' }],
    },
  ],
  ...over,
});

const save = async (body = directive()) => {
  const res = await office.send('POST', '/api/directives', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; tasks: number };
};
const tasksOf = async (id: number, who = office) =>
  (await who.get(`/api/tasks?directive=${id}&limit=200`)).json().rows as {
    id: number;
    content: string;
    leadUnitCode: string;
    status: string;
  }[];
const notes = async (who: TestClient) =>
  (await who.get('/api/notifications?limit=100')).json().items as { kind: string; title: string; body: string; link: string }[];
const audit = async (entityType: string, entityId: number | string) =>
  (await admin.get(`/api/audit?entityType=${entityType}&entityId=${entityId}`)).json().rows as {
    action: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  }[];

describe('before saving', () => {
  it('warns of a directive with the same number and issuer (any year), with a link, and previews the tasks per unit', async () => {
    const first = directive({ number: '8123/UBND-NV', date: '2025-06-02' });
    await save(first);
    // Same number a year later: a warning, not a refusal (numbers restart each year).
    const again = directive({ number: '8123/ubnd-nv', date: '2026-11-02', issuer: 'Chủ tịch Ủy ban nhân dân tỉnh' });
    const preview = (await office.send('POST', '/api/directives/preview', again)).json();
    expect(preview.similar).toHaveLength(1);
    expect(preview.similar[0]).toMatchObject({ number: '8123/UBND-NV', issuedOn: '2025-06-02', tasks: expect.any(Number) });
    expect(preview.errors).toEqual([]);
    const departments = preview.perUnit.filter((u: { lead: number }) => u.lead > 0).length;
    expect(preview.tasks).toBe(2 + departments); // STC's two tasks + one per department (STC included)
    expect(preview.perUnit.find((u: { unitCode: string }) => u.unitCode === '86.STC')).toMatchObject({ lead: 3, coordinating: 0 });
    expect(preview.perUnit.find((u: { unitCode: string }) => u.unitCode === '86.STP')).toMatchObject({ lead: 1, coordinating: 1 });
    // Another issuer's document of the same number is not the same document.
    const other = (
      await office.get(`/api/directives/similar?number=${encodeURIComponent('8123/UBND-NV')}&issuer=${encodeURIComponent('Sở Y tế')}`)
    ).json();
    expect(other).toEqual([]);
    const saved = await save(again);
    expect(saved.tasks).toBe(preview.tasks);
    // The parse reply warns too.
    const parsed = (
      await office.send('POST', '/api/directives/parse', {
        text: 'ỦY BAN NHÂN DÂN TỈNH VĨNH LONG\nSố: 8123/UBND-NV\nVĩnh Long, ngày 02 tháng 11 năm 2026\nKẾ HOẠCH\nThử nghiệm\n1. Sở Tài chính\na) Rà soát kinh phí.',
      })
    ).json();
    expect(parsed.similar.length).toBe(2);
    expect(parsed.warnings[0]).toMatch(/^Đã có 2 văn bản số 8123\/UBND-NV/);
  });

  it('names the missing number and lead unit in the preview, without saving', async () => {
    const before = (await office.get('/api/directives')).json().total;
    const bad = directive({
      number: ' ',
      sections: [
        {
          number: '1.',
          heading: 'Ban Không Có',
          leadUnitCode: null,
          isGroup: false,
          tasks: [{ label: 'a)', text: 'X.', dueDate: '2026-12-01' }],
        },
      ],
    });
    const preview = (await office.send('POST', '/api/directives/preview', bad)).json();
    expect(preview.errors.join(' ')).toContain('số, ký hiệu');
    expect(preview.errors.join(' ')).toContain('Mục 1. "Ban Không Có": chưa chọn đơn vị chủ trì');
    // Saving it says the same in Vietnamese (not a schema error naming the field `number`), and saves nothing.
    const saved = await office.send('POST', '/api/directives', { ...bad, number: '' });
    expect(saved.statusCode).toBe(400);
    expect(saved.json().message).toContain('Trường "số, ký hiệu" trống');
    expect((await office.get('/api/directives')).json().total).toBe(before);
  });
});

describe('correcting a saved directive', () => {
  it('edits the header with before/after in the audit log and tells the units', async () => {
    const { id } = await save();
    const res = await office.send('PATCH', `/api/directives/${id}`, { title: 'Kế hoạch đã sửa trích yếu', number: '555/KH-UBND' });
    expect(res.json()).toEqual({ id, changed: 2 });
    const d = (await office.get(`/api/directives/${id}`)).json();
    expect(d).toMatchObject({
      title: 'Kế hoạch đã sửa trích yếu',
      number: '555/KH-UBND',
      abilities: { edit: true, withdraw: true, delete: true },
    });
    const [row] = await audit('directive', id).then((r) => r.filter((x) => x.action === 'directive.update'));
    expect(row!.before).toEqual({ number: expect.stringMatching(/KH-TEST$/), title: 'Kế hoạch thử sửa đổi' });
    expect(row!.after).toEqual({ number: '555/KH-UBND', title: 'Kế hoạch đã sửa trích yếu' });
    // The log reads in Vietnamese: the action, the record, the fields before and after.
    expect(row).toMatchObject({ actionLabel: 'Sửa thông tin văn bản chỉ đạo', entityLabel: 'Văn bản chỉ đạo' });
    expect((row as unknown as { changes: unknown[] }).changes).toContainEqual({
      field: 'title',
      label: 'Tiêu đề, trích yếu',
      before: 'Kế hoạch thử sửa đổi',
      after: 'Kế hoạch đã sửa trích yếu',
    });
    const stc = await notes(await t.login('daumoi.stc'));
    expect(stc.some((x) => x.kind === 'directive_changed' && x.link === `/directives/${id}` && x.body.includes('trích yếu'))).toBe(true);
    // Nothing changed: nothing audited.
    expect((await office.send('PATCH', `/api/directives/${id}`, { title: 'Kế hoạch đã sửa trích yếu' })).json().changed).toBe(0);
    // Units may not edit.
    expect((await (await t.login('giamdoc.stc')).send('PATCH', `/api/directives/${id}`, { title: 'Khác' })).statusCode).toBe(403);
  });

  it('edits a task: new lead unit and deadline, both units told, the status follows', async () => {
    const { id } = await save();
    const task = (await tasksOf(id)).find((x) => x.content.startsWith('Rà soát'))!;
    const res = await office.send('PATCH', `/api/tasks/${task.id}`, {
      leadUnitCode: '86.SCT',
      dueDate: '2026-11-10',
      content: 'Rà soát kinh phí số hóa (sửa).',
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await office.get(`/api/tasks/${task.id}`)).json();
    expect(after).toMatchObject({
      leadUnitCode: '86.SCT',
      dueDate: '2026-11-10',
      status: 'overdue',
      content: 'Rà soát kinh phí số hóa (sửa).',
    });
    expect(after.obligations.map((o: { dueDate: string }) => o.dueDate)).toEqual(['2026-11-10']);
    const [row] = (await audit('task', task.id)).filter((x) => x.action === 'task.update');
    expect(row!.after).toMatchObject({ dueDate: '2026-11-10', content: 'Rà soát kinh phí số hóa (sửa).' });
    expect(row!.before).toMatchObject({ dueDate: '2026-11-30' });
    for (const user of ['daumoi.stc']) {
      const mine = await notes(await t.login(user));
      expect(mine.some((x) => x.kind === 'task_changed' && x.body.includes('đơn vị chủ trì'))).toBe(true);
    }
    // A deadline before the directive's date is refused, naming the field.
    const bad = await office.send('PATCH', `/api/tasks/${task.id}`, { dueDate: '2026-10-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('trước ngày ban hành');
    const unknown = await office.send('PATCH', `/api/tasks/${task.id}`, { leadUnitCode: '99.XX' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('"99.XX"');
  });

  it('adds a task to a section, and removes tasks: deleted without reports, cancelled (kept, out of the figures) with one', async () => {
    const { id } = await save();
    const detail = (await office.get(`/api/directives/${id}`)).json();
    const section = detail.sections[0];
    const added = await office.send('POST', `/api/directives/${id}/tasks`, {
      sectionId: section.id,
      label: 'c)',
      content: 'Tổng hợp số liệu.',
      dueDate: '2026-12-20',
      leadUnitCode: '86.STC',
    });
    expect(added.statusCode, added.body).toBe(200);
    const before = (await office.get(`/api/directives/${id}`)).json().counts.tasks;
    // Without a report: deleted.
    const gone = await office.send('POST', `/api/tasks/${added.json().id}/remove`, { reason: 'Giao trùng nhiệm vụ.' });
    expect(gone.json()).toMatchObject({ deleted: true, cancelled: false });
    expect((await office.get(`/api/tasks/${added.json().id}`)).statusCode).toBe(404);
    // With a report: cancelled, still readable with its report, out of the counts and lists.
    const focal = await t.login('daumoi.stc');
    const task = (await tasksOf(id)).find((x) => x.content.startsWith('Rà soát'))!;
    await focal.send('PUT', `/api/tasks/${task.id}/reports/once`, { content: 'Đang rà soát.', percent: 30 });
    expect((await office.send('POST', `/api/tasks/${task.id}/remove`, { reason: '' })).json().message).toContain('lý do');
    const cancelled = await office.send('POST', `/api/tasks/${task.id}/remove`, { reason: 'Không còn phù hợp.' });
    expect(cancelled.json()).toMatchObject({ cancelled: true, deleted: false });
    const view = (await office.get(`/api/tasks/${task.id}`)).json();
    expect(view).toMatchObject({ status: 'cancelled', statusLabel: 'Đã hủy', cancelReason: 'Không còn phù hợp.' });
    expect(view.obligations[0].report.content).toBe('Đang rà soát.');
    const counts = (await office.get(`/api/directives/${id}`)).json().counts.tasks;
    expect(counts).toBe(before - 2); // the added one deleted, the reported one cancelled
    expect((await tasksOf(id)).some((x) => x.id === task.id)).toBe(false);
    expect((await office.get(`/api/tasks?directive=${id}&status=cancelled`)).json().rows.map((r: { id: number }) => r.id)).toEqual([
      task.id,
    ]);
    const write = await focal.send('PUT', `/api/tasks/${task.id}/reports/once`, { content: 'Tiếp.', percent: 40 });
    expect(write.statusCode).toBe(409);
    expect((await audit('task', task.id)).map((r) => r.action)).toContain('task.cancel');
  });

  it('withdraws a directive: every task cancelled and told, the totals drop, reports kept', async () => {
    const { id, tasks } = await save();
    const totals = (await office.get('/api/directives/dashboard')).json().totals.tasks;
    const focal = await t.login('daumoi.stc');
    const task = (await tasksOf(id)).find((x) => x.content.startsWith('Rà soát'))!;
    await focal.send('PUT', `/api/tasks/${task.id}/reports/once`, { content: 'Đã làm một phần.', percent: 50 });
    const res = await office.send('POST', `/api/directives/${id}/withdraw`, { reason: 'Thay bằng kế hoạch mới.' });
    expect(res.json()).toEqual({ id, cancelledTasks: tasks });
    expect((await office.get('/api/directives/dashboard')).json().totals.tasks).toBe(totals - tasks);
    const d = (await office.get(`/api/directives/${id}`)).json();
    expect(d).toMatchObject({ status: 'withdrawn', withdrawReason: 'Thay bằng kế hoạch mới.', counts: { tasks: 0 } });
    expect(d.sections.map((s: { taskCount: number; cancelled: number }) => [s.taskCount, s.cancelled > 0])).toEqual(
      d.sections.map(() => [0, true]),
    );
    expect((await office.get(`/api/tasks/${task.id}`)).json().obligations[0].report.content).toBe('Đã làm một phần.');
    expect((await notes(focal)).some((x) => x.kind === 'directive_withdrawn' && x.body.includes('Thay bằng kế hoạch mới.'))).toBe(true);
    expect((await office.send('PATCH', `/api/directives/${id}`, { title: 'X' })).statusCode).toBe(409);
    // Withdrawn tasks raise no reminders.
    await runReminders(t.app.services, [directivesModule], { remindDays: 3, email: false });
    expect((await notes(focal)).some((x) => x.kind !== 'directive_withdrawn' && x.link === `/directives/tasks/${task.id}`)).toBe(false);
    // With a report, it cannot be deleted.
    const del = await office.send('DELETE', `/api/directives/${id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().message).toContain('thu hồi');
  });

  it('deletes a directive saved by mistake while no unit has reported, audited', async () => {
    const { id, tasks } = await save();
    const res = await office.send('DELETE', `/api/directives/${id}`);
    expect(res.json()).toEqual({ id, tasks });
    expect((await office.get(`/api/directives/${id}`)).statusCode).toBe(404);
    const [row] = await audit('directive', id).then((r) => r.filter((x) => x.action === 'directive.delete'));
    expect(row!.before).toMatchObject({ title: 'Kế hoạch thử sửa đổi', tasks });
    expect((await (await t.login('daumoi.stc')).send('DELETE', `/api/directives/${id}`)).statusCode).toBe(403);
  });
});

describe('reports: who hears, what waits, what stays readable', () => {
  it('tells the office of a submission and the unit of the decision; lists what waits for each; keeps the returned version with its evidence', async () => {
    const { id } = await save();
    const focal = await t.login('daumoi.stc');
    const head = await t.login('giamdoc.stc');
    const task = (await tasksOf(id)).find((x) => x.content.startsWith('Rà soát'))!;
    const url = `/api/tasks/${task.id}/reports/once`;
    const waiting0 = (await office.get('/api/tasks/waiting')).json();
    await focal.send('PUT', url, { content: 'Bản đầu.', percent: 60 });
    const withFile = (await focal.upload(`${url}/evidence`, { name: 'bang-ke.pdf', data: Buffer.from('%PDF-1.4 bảng kê') })).json();
    const fileId = withFile.obligations[0].evidence[0].id;
    expect((await head.get('/api/tasks/waiting')).json().toSubmit).toBeGreaterThanOrEqual(1);
    expect((await head.get(`/api/tasks?reportState=draft&directive=${id}`)).json().rows.map((r: { id: number }) => r.id)).toEqual([
      task.id,
    ]);
    await head.send('POST', `${url}/submit`);
    expect((await office.get('/api/tasks/waiting')).json().toReview).toBe(waiting0.toReview + 1);
    expect((await notes(office)).some((x) => x.kind === 'report_submitted' && x.link === `/directives/tasks/${task.id}`)).toBe(true);
    // Once sent, the evidence cannot be removed.
    expect((await focal.send('DELETE', `${url}/evidence/${fileId}`)).statusCode).toBe(403);
    await office.send('POST', `${url}/review`, { decision: 'return', note: 'Thiếu bảng kê chi tiết.' });
    const told = await notes(focal);
    expect(told.some((x) => x.kind === 'report_returned' && x.body.includes('Thiếu bảng kê chi tiết.'))).toBe(true);
    expect((await focal.get('/api/tasks/waiting')).json().returned).toBeGreaterThanOrEqual(1);
    // The unit removes the file from its rewritten draft; the returned version still has it.
    const removed = (await focal.send('DELETE', `${url}/evidence/${fileId}`)).json();
    expect(removed.obligations[0].evidence).toEqual([]);
    expect((await audit('task', `${task.id}:once`)).map((r) => r.action)).toContain('task.evidence.remove');
    await focal.send('PUT', url, { content: 'Bản thứ hai.', percent: 100 });
    const ob = (await office.get(`/api/tasks/${task.id}`)).json().obligations[0];
    expect(ob.report.content).toBe('Bản thứ hai.');
    expect(ob.reviews).toHaveLength(1);
    expect(ob.reviews[0]).toMatchObject({ content: 'Bản đầu.', percent: 60, decision: 'returned', reviewNote: 'Thiếu bảng kê chi tiết.' });
    const old = await focal.get(`/api/evidence/${ob.reviews[0].evidence[0].id}`);
    expect(old.statusCode).toBe(200);
    expect(old.rawPayload.toString()).toBe('%PDF-1.4 bảng kê');
    await head.send('POST', `${url}/submit`);
    await office.send('POST', `${url}/review`, { decision: 'accept' });
    expect((await notes(focal)).some((x) => x.kind === 'report_accepted')).toBe(true);
    expect((await office.get(`/api/tasks/${task.id}`)).json().obligations[0].reviews.map((r: { decision: string }) => r.decision)).toEqual([
      'accepted',
      'returned',
    ]);
  });

  it('a report sent by the deadline and not reviewed waits for review, not late; the digest counts overdue tasks as the dashboard does', async () => {
    const { id } = await save(directive({ date: '2026-10-01' }));
    const group = (await tasksOf(id)).find((x) => x.leadUnitCode === '86.STC' && x.content.startsWith('Rà soát'))!;
    // Due 30/11; sent on 23/11 (today); judged on 10/12 before the office reviews it.
    await (await t.login('daumoi.stc')).send('PUT', `/api/tasks/${group.id}/reports/once`, { content: 'Xong.', percent: 100 });
    await (await t.login('giamdoc.stc')).send('POST', `/api/tasks/${group.id}/reports/once/submit`);
    const later = (await office.get(`/api/tasks?directive=${id}&unit=86.STC`)).json().rows.find((r: { id: number }) => r.id === group.id);
    expect(later).toMatchObject({ status: 'in_progress', statusLabel: 'Đã báo cáo, chờ thẩm định' });
    // On 10/12 the report still waits for Sở Nội vụ: Sở Tài chính is not late for it.
    const progress = (await office.get(`/api/directives/${id}/progress?asOf=2026-12-10`)).json();
    expect(progress.find((p: { unitCode: string }) => p.unitCode === '86.STC')).toMatchObject({ overdue: 0, inProgress: 1 });
    await t.app.services.db.deleteFrom('notification').where('kind', '=', 'overdue_digest').execute(); // an earlier pass today made one
    await runReminders(t.app.services, [directivesModule], { remindDays: 3, email: false });
    const today = (await office.get('/api/directives/dashboard')).json();
    const digest = (await notes(office)).find((x) => x.kind === 'overdue_digest')!;
    expect(digest.title).toBe(
      `${formatNumber(today.totals.overdue)} nhiệm vụ quá hạn chưa hoàn thành (${formatNumber(today.byUnit.filter((u: { overdue: number }) => u.overdue > 0).length)} đơn vị)`,
    );
  });

  it('a recurring task names the period of its deadline and of its status', async () => {
    const { id } = await save(directive({ date: '2026-04-01' }));
    const rows = (await office.get(`/api/tasks?directive=${id}&unit=86.STC`)).json().rows as {
      content: string;
      periodLabel: string;
      statusPeriodLabel: string;
      status: string;
      nextDueDate: string;
    }[];
    const quarterly = rows.find((r) => r.content.startsWith('Báo cáo'))!;
    expect(quarterly.status).toBe('overdue');
    expect(quarterly.statusPeriodLabel).toMatch(/^Quý II/);
    expect(quarterly.periodLabel).toMatch(/^Quý II/);
    expect(rows.find((r) => r.content.startsWith('Rà soát'))!.statusPeriodLabel).toBeNull();
  });
});

describe('the task list', () => {
  it('filters by deadline range, index component and report state, sorts by unit, and exports the filtered list', async () => {
    const { id } = await save(
      directive({
        sections: [
          {
            number: '1.',
            heading: 'Sở Tư pháp',
            leadUnitCode: '86.STP',
            isGroup: false,
            tasks: [
              { label: 'a)', text: 'Nâng chỉ số PAPI D6.', dueDate: '2026-12-05', indexLinks: [{ index: 'PAPI', component: 'D6' }] },
              { label: 'b)', text: 'Việc khác.', dueDate: '2027-01-15' },
            ],
          },
        ],
      }),
    );
    const q = (s: string) => office.get(`/api/tasks?directive=${id}&${s}`).then((r) => r.json());
    expect((await q('dueFrom=2026-12-01&dueTo=2026-12-31')).rows.map((r: { label: string }) => r.label)).toEqual(['a)']);
    expect((await q('index=PAPI:D6')).total).toBe(1);
    expect((await q('index=PAPI:D5')).total).toBe(0);
    expect((await q('reportState=none')).total).toBe(2);
    const bad = await office.get('/api/tasks?dueFrom=2026-12-31&dueTo=2026-12-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('từ ngày');
    // Sorted by unit: each unit's tasks come together.
    const sorted = (await office.get('/api/tasks?sort=unit&limit=200')).json().rows.map((r: { leadUnitName: string }) => r.leadUnitName);
    const runs = sorted.filter((u: string, i: number) => i === 0 || sorted[i - 1] !== u);
    expect(new Set(runs).size).toBe(runs.length);
    const xlsx = await office.get(`/api/tasks.xlsx?directive=${id}&dueFrom=2026-12-01`);
    expect(xlsx.statusCode).toBe(200);
    const sheet = await readFirstSheet(xlsx.rawPayload);
    const body = sheet.filter((r) => r.includes('Nâng chỉ số PAPI D6.'));
    expect(body).toHaveLength(1);
    expect(body[0]).toEqual(expect.arrayContaining(['Sở Tư pháp', '05/12/2026', 'Chưa thực hiện', 'Chưa báo cáo', 'PAPI D6']));
    expect(sheet.some((r) => r.includes('Việc khác.'))).toBe(true); // due 15/01/2027 ≥ 01/12
  });
});

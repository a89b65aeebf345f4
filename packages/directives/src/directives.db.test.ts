import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceDataDir, type AppServices } from '@cchc/core';
import { startTestApp, type TestApp, type TestClient } from '@cchc/server/testing';
import { runReminders, sendPendingEmails, smtpMailer } from '@cchc/core';
import { directivesModule } from './index';

let t: TestApp;
let office: TestClient;
beforeAll(async () => {
  t = await startTestApp(); // today is 2026-11-23 (Monday)
  office = await t.login('cchc');
});
afterAll(() => t.close());

const seed = (name: string) => fs.readFileSync(path.join(referenceDataDir(), 'seeds', name), 'utf8');

const directive = (over: Record<string, unknown> = {}) => ({
  number: '99/CT-UBND',
  kind: 'chi_thi',
  date: '2026-11-02',
  issuer: 'Chủ tịch UBND tỉnh',
  title: 'Về việc thử nghiệm',
  sections: [
    {
      number: '1.',
      heading: 'Sở Tài chính',
      leadUnitCode: '86.STC',
      isGroup: false,
      tasks: [
        { label: 'a)', text: 'Rà soát kinh phí số hóa.', dueDate: '2026-11-20', indexLinks: [{ index: 'SIPAS', component: 'A2' }] },
        { label: 'b)', text: 'Báo cáo quý.', recurrence: 'quarterly', reportDays: 5, recurUntil: '2026-12-31' },
      ],
    },
    {
      number: '2.',
      heading: 'Các sở, ban, ngành',
      leadUnitCode: null,
      isGroup: true,
      group: 'departments',
      tasks: [{ label: 'a)', text: 'Công khai thủ tục hành chính.', dueDate: '2026-11-26' }],
    },
  ],
  ...over,
});

describe('POST /api/directives/parse', () => {
  it('proposes the structure of a seed without saving anything', async () => {
    const before = (await office.get('/api/directives')).json().total;
    const res = await office.send('POST', '/api/directives/parse', { text: seed('002_113563b5a82f84bb.txt') });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ number: '08/CT-UBND', kind: 'chi_thi', date: '2022-07-14' });
    expect(body.sections[1]).toMatchObject({
      number: '2.1.',
      heading: 'Sở Nội vụ',
      leadUnitName: 'Sở Nội vụ',
      leadUnitCode: '86.SNV',
      isGroup: false,
    });
    expect(body.sections[1].tasks[0]).toMatchObject({ label: 'a)' });
    expect((await office.get('/api/directives')).json().total).toBe(before);
  });

  it('reads a DOCX upload', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            'Số: 15/KH-UBND',
            'Vĩnh Long, ngày 5 tháng 1 năm 2026',
            'KẾ HOẠCH',
            'Về cải cách hành chính',
            '1. Sở Y tế',
            'a) Số hóa hồ sơ bệnh án.',
            '2. Sở Tư pháp',
            'a) Rà soát văn bản.',
          ].map((x) => new Paragraph(x)),
        },
      ],
    });
    const res = await office.upload('/api/directives/parse', { name: 'ke-hoach.docx', data: await Packer.toBuffer(doc) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      number: '15/KH-UBND',
      kind: 'ke_hoach',
      date: '2026-01-05',
      sections: [{ leadUnitCode: '86.SYT' }, { leadUnitCode: '86.STP' }],
    });
  });

  it('explains an empty file, an unreadable file and a text without sections', async () => {
    const empty = await office.upload('/api/directives/parse', { name: 'x.docx', data: Buffer.alloc(0) });
    expect([empty.statusCode, empty.json().message]).toEqual([400, 'Tệp "x.docx" rỗng.']);
    const broken = await office.upload('/api/directives/parse', { name: 'x.docx', data: Buffer.from('PK\u0003\u0004 not really a zip') });
    expect(broken.json().message).toContain('không phải DOCX hợp lệ');
    const none = await office.send('POST', '/api/directives/parse', { text: 'Kính gửi các đồng chí. Trân trọng cảm ơn.' });
    expect(none.statusCode).toBe(422);
    expect(none.json().message).toContain('Không nhận ra mục nhiệm vụ nào');
  });

  it('is for the CCHC office', async () => {
    const focal = await t.login('daumoi.stc');
    expect((await focal.send('POST', '/api/directives/parse', { text: 'x' })).statusCode).toBe(403);
  });
});

describe('saving a directive', () => {
  it('refuses a section without a lead unit and a deadline before the directive date, saving nothing', async () => {
    const before = (await office.get('/api/directives')).json().total;
    const bad = directive({
      number: '98/CT-UBND',
      sections: [
        {
          number: '1.',
          heading: 'Bảo hiểm xã hội tỉnh',
          leadUnitCode: null,
          isGroup: false,
          tasks: [{ label: 'a)', text: 'Việc A.', dueDate: '2026-12-01' }],
        },
        {
          number: '2.',
          heading: 'Sở Y tế',
          leadUnitCode: '86.SYT',
          isGroup: false,
          tasks: [{ label: 'a)', text: 'Việc B.', dueDate: '2026-10-01' }],
        },
      ],
    });
    const res = await office.send('POST', '/api/directives', bad);
    expect(res.statusCode).toBe(400);
    const msg = res.json().message;
    expect(msg).toContain('Mục 1. "Bảo hiểm xã hội tỉnh": chưa chọn đơn vị chủ trì');
    expect(msg).toContain('Mục 2. "Sở Y tế", nhiệm vụ a): thời hạn 01/10/2026 trước ngày ban hành văn bản 02/11/2026');
    expect((await office.get('/api/directives')).json().total).toBe(before);
  });

  let id: number;
  it('saves, expands a group into one task per unit and reports progress per unit', async () => {
    const res = await office.send('POST', '/api/directives', directive());
    expect(res.statusCode).toBe(200);
    id = res.json().id;
    const departments = (await office.get('/api/units?parent=86'))
      .json()
      .filter((u: { type: string }) => ['department', 'service_centre'].includes(u.type)).length;
    expect(res.json().tasks).toBe(2 + departments);
    const progress = (await office.get(`/api/directives/${id}/progress`)).json() as {
      unitCode: string;
      tasks: number;
      done: number;
      doneOnTime: number;
      overdue: number;
    }[];
    const stc = progress.find((p) => p.unitCode === '86.STC')!;
    // Today 23/11: task a) was due 20/11 with no report → overdue; b) Q4 is due in January; the group task is due 26/11.
    expect(stc).toMatchObject({ unitName: 'Sở Tài chính', tasks: 3, done: 0, doneOnTime: 0, overdue: 1 });
    expect(progress).toHaveLength(departments);
  });

  it('runs the report workflow: focal point writes, head submits, Sở Nội vụ returns, then accepts', async () => {
    const focal = await t.login('daumoi.stc');
    const head = await t.login('giamdoc.stc');
    const tasks = (await focal.get(`/api/tasks?directive=${id}&unit=86.STC`)).json().rows as {
      id: number;
      label: string;
      content: string;
    }[];
    const groupTask = tasks.find((x) => x.content.startsWith('Công khai'))!;
    const url = `/api/tasks/${groupTask.id}/reports/once`;
    expect((await focal.send('PUT', url, { content: 'Đã công khai 120/120 thủ tục.', percent: 100 })).statusCode).toBe(200);
    const ev = await focal.upload(`${url}/evidence`, { name: 'bien-ban.pdf', data: Buffer.from('%PDF-1.4 minh chứng') });
    expect(ev.json().obligations[0].evidence[0]).toMatchObject({ filename: 'bien-ban.pdf' });
    expect((await focal.send('POST', `${url}/submit`)).statusCode).toBe(403); // only the head submits
    expect((await head.send('POST', `${url}/submit`)).json().obligations[0].report.state).toBe('submitted');
    const noReason = await office.send('POST', `${url}/review`, { decision: 'return' });
    expect(noReason.json().message).toContain('lý do trả lại');
    const returned = (await office.send('POST', `${url}/review`, { decision: 'return', note: 'Thiếu danh mục thủ tục.' })).json();
    expect(returned.obligations[0]).toMatchObject({
      status: 'in_progress',
      report: { state: 'returned', reviewNote: 'Thiếu danh mục thủ tục.' },
    });
    await focal.send('PUT', url, { content: 'Đã bổ sung danh mục.', percent: 100 });
    await head.send('POST', `${url}/submit`);
    const accepted = (await office.send('POST', `${url}/review`, { decision: 'accept' })).json();
    expect(accepted).toMatchObject({ status: 'done_on_time', statusLabel: 'Hoàn thành đúng hạn' });
    const stc = (await office.get(`/api/directives/${id}/progress`)).json().find((p: { unitCode: string }) => p.unitCode === '86.STC');
    expect(stc).toMatchObject({ tasks: 3, done: 1, doneOnTime: 1, overdue: 1 });
    const audit = (await (await t.login('admin')).get(`/api/audit?entityType=task&entityId=${groupTask.id}:once`)).json();
    expect(audit.rows.map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining(['task.report', 'task.evidence.add', 'task.submit', 'task.review.return', 'task.review.accept']),
    );
  });

  it('shows the task on the index page of the component it protects', async () => {
    // SIPAS A2 (procedures) is linked by no demo task, so the only task there is ours.
    const a = (await office.get('/api/indices/analysis?index=SIPAS&year=2021&province=86')).json();
    const a2 = a.components.find((c: { code: string }) => c.code === 'A2');
    expect(a2.tasks).toMatchObject({ linked: 1, overdue: 1, done: 0 });
    expect(a2.tasks.items[0]).toMatchObject({
      label: expect.stringContaining('Rà soát kinh phí số hóa.'),
      unitName: 'Sở Tài chính',
      statusLabel: 'Quá hạn chưa hoàn thành',
      link: expect.stringMatching(/^\/directives\/tasks\/\d+$/),
    });
  });

  it("keeps a unit out of other units' tasks", async () => {
    const xa = await t.login('daumoi.xa');
    const stcTask = (await office.get(`/api/tasks?directive=${id}&unit=86.STC`)).json().rows[0];
    expect((await xa.get(`/api/tasks/${stcTask.id}`)).statusCode).toBe(404);
    expect((await xa.send('PUT', `/api/tasks/${stcTask.id}/reports/once`, { content: 'x', percent: 1 })).statusCode).toBe(404);
  });

  it("the home page's summary has the dashboard's totals, for the province, a unit and a unit's own staff", async () => {
    const dash = (await office.get('/api/directives/dashboard?asOf=2026-11-23')).json();
    const sum = (await office.get('/api/directives/summary?asOf=2026-11-23')).json();
    expect(sum).toEqual({ asOf: '2026-11-23', totals: dash.totals });
    const stc = dash.byUnit.find((u: { unitCode: string }) => u.unitCode === '86.STC');
    const { unitCode: _code, unitName: _name, ...stcCounts } = stc;
    expect((await office.get('/api/directives/summary?asOf=2026-11-23&unit=86.STC')).json().totals).toEqual(stcCounts);
    // A commune's focal point counts only the commune's tasks, and cannot ask for another unit's.
    const xa = await t.login('daumoi.xa');
    const own = (await xa.get('/api/directives/dashboard?asOf=2026-11-23')).json().totals;
    expect((await xa.get('/api/directives/summary?asOf=2026-11-23')).json().totals).toEqual(own);
    expect(own.tasks).toBeLessThan(sum.totals.tasks);
    expect((await xa.get('/api/directives/summary?unit=86.STC')).statusCode).toBe(404);
  });

  it("the compiled report has the dashboard's numbers", async () => {
    const dash = (await office.get('/api/directives/dashboard?asOf=2026-11-23')).json();
    expect(dash.totals.tasks).toBeGreaterThan(0);
    const docx = await office.get('/api/directives/report.docx?from=2026-07-01&to=2026-11-23&label=6%20th%C3%A1ng');
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    // Summary by unit first, then the overdue tasks grouped by unit, each quoted in whole sentences.
    const { unzipSync, strFromU8 } = await import('fflate');
    const xml = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!);
    const text = xml.replace(/<[^>]+>/g, '');
    const at = (s: string) => text.indexOf(s);
    expect(at('2. Kết quả theo cơ quan, đơn vị chủ trì')).toBeGreaterThan(0);
    expect(at('2. Kết quả theo cơ quan, đơn vị chủ trì')).toBeLessThan(at('3. Kết quả theo văn bản chỉ đạo'));
    const worst = [...dash.byUnit].sort((a: { overdue: number }, b: { overdue: number }) => b.overdue - a.overdue)[0];
    expect(text).toContain(
      `4.1. ${worst.unitName}: ${worst.overdue.toLocaleString('vi-VN')} nhiệm vụ (10 nhiệm vụ quá hạn lâu nhất dưới đây)`,
    );
    expect(xml).not.toMatch(/\p{L}…<\/w:t>/u); // no text run ends cut mid-word: whole sentences, then " …"
    // The same report as a PDF to print.
    const pdf = await office.get('/api/directives/report.pdf?from=2026-07-01&to=2026-11-23&label=6%20th%C3%A1ng');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(5_000);
    const xlsx = await office.get('/api/directives/report.xlsx?from=2026-07-01&to=2026-11-23');
    const { readFirstSheet } = await import('@cchc/core');
    const rows = await readFirstSheet(xlsx.rawPayload);
    const total = rows.slice(3).reduce((a, r) => a + Number(r[2] ?? 0), 0);
    // Every overdue task is in the workbook, with its whole text.
    const { unzipSync: unzip, strFromU8: str } = await import('fflate');
    const sheets = unzip(new Uint8Array(xlsx.rawPayload));
    expect(str(sheets['xl/sharedStrings.xml']!)).toContain('Rà soát kinh phí số hóa.');
    expect(total).toBe(dash.byUnit.reduce((a: number, u: { tasks: number }) => a + u.tasks, 0));
  });
});

describe('reminders', () => {
  it('notifies once each, and sends each e-mail once through SMTP', async () => {
    const received: { to: string; body: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, cb) {
        let body = '';
        stream.on('data', (c: Buffer) => (body += c.toString()));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    const port = (smtp.server.address() as { port: number }).port;
    try {
      const s = t.app.services as AppServices;
      const created = await office.send(
        'POST',
        '/api/directives',
        directive({
          number: '97/CT-UBND',
          sections: [
            {
              number: '1.',
              heading: 'Sở Tài chính',
              leadUnitCode: '86.STC',
              isGroup: false,
              tasks: [{ label: 'a)', text: 'Nhắc việc thử.', dueDate: '2026-11-25' }],
            },
          ],
        }),
      );
      expect(created.statusCode).toBe(200);
      await s.db.updateTable('appUser').set({ email: 'daumoi.stc@vinhlong.gov.vn' }).where('username', '=', 'daumoi.stc').execute();
      await s.db.updateTable('appUser').set({ email: 'cchc@vinhlong.gov.vn' }).where('username', '=', 'cchc').execute();
      const first = await runReminders(s, [directivesModule], { remindDays: 3, email: true });
      expect(first).toBeGreaterThan(0);
      expect(await runReminders(s, [directivesModule], { remindDays: 3, email: true })).toBe(0); // a second pass creates nothing
      const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'CCHC <no-reply@cchc.local>');
      const sent = await sendPendingEmails(s, mailer, 'http://cchc.test');
      expect(sent.sent).toBeGreaterThan(0);
      expect((await sendPendingEmails(s, mailer, 'http://cchc.test')).sent).toBe(0);
      expect(received.length).toBe(sent.sent);
      // The focal point of Sở Tài chính is reminded of the task due on 25/11 (2 working days away).
      const focal = await t.login('daumoi.stc');
      const mine = (await focal.get('/api/notifications')).json();
      expect(mine.items.some((n: { kind: string; title: string }) => n.kind === 'due_soon' && n.title.includes('97/CT-UBND'))).toBe(true);
      expect(received.some((m) => m.to === 'daumoi.stc@vinhlong.gov.vn')).toBe(true);
      // Sở Nội vụ hears of the overdue task a).
      const office2 = (await office.get('/api/notifications')).json();
      const digest = office2.items.filter((n: { kind: string }) => n.kind === 'overdue_digest');
      expect(digest).toHaveLength(1); // one digest a day, not one message per task
      expect(digest[0].title).toMatch(/^\d{1,3}(\.\d{3})* nhiệm vụ quá hạn chưa hoàn thành/);
      expect(received.filter((m) => m.to === 'cchc@vinhlong.gov.vn')).toHaveLength(1);
    } finally {
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  });
});

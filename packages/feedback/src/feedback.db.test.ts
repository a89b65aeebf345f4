/**
 * Citizen feedback end to end on the database: the public intake (clocks, photos without metadata,
 * Vietnamese reasons), privacy (the sender only for the receiving office, never public), routing and the
 * answer workflow, publication, ratings and repeats, and the audit trail.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '@cchc/server/testing';
import { cleanPendingPhotos } from './photos';

let t: TestApp;
let office: TestClient;
let address = 0;

/** A public submission from its own address (the per-address limits are tested apart). */
async function submit(fields: Record<string, string>, photos: Buffer[] = [], from?: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [i, p] of photos.entries()) form.append('photos', new Blob([p]), `anh-${i}.jpg`);
  return t.app.inject({
    method: 'POST',
    url: '/api/public/feedback',
    payload: form as never,
    remoteAddress: from ?? `10.1.${Math.floor(address / 250)}.${address++ % 250}`,
  });
}

const CASE = {
  name: 'Nguyễn Văn An',
  phone: '0912 345 678',
  category: 'moi_truong',
  content: 'Rác thải tồn đọng nhiều ngày tại đầu hẻm 12, bốc mùi.',
};
const audit = (action: string) =>
  t.db.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id', 'desc').executeTakeFirst();
const caseId = async (code: string) =>
  Number((await t.db.db.selectFrom('feedbackCase').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id);

beforeAll(async () => {
  t = await startTestApp();
  office = await t.login('cchc');
});
afterAll(() => t.close());

describe('public intake', () => {
  it('gives a tracking code and a due date 15 working days after the day of receipt, from the next working day after 15:00', async () => {
    // The fixed clock: Monday 23/11/2026 09:00.
    const morning = await submit(CASE);
    expect(morning.statusCode, morning.body).toBe(201);
    expect(morning.json()).toEqual({ code: expect.stringMatching(/^PAKN\.20261123\.\d{4}$/), dueDate: '2026-12-14' });
    t.setNow(new Date('2026-11-23T16:10:00+07:00'));
    const late = await submit(CASE);
    expect(late.json().dueDate).toBe('2026-12-15');
    t.setNow(null);
  });

  it('refuses a case without content or contact with a Vietnamese reason naming the field', async () => {
    const noContent = await submit({ ...CASE, content: '' });
    expect(noContent.statusCode).toBe(400);
    expect(noContent.json().message).toContain('"content"');
    const noContact = await submit({ name: CASE.name, content: CASE.content });
    expect(noContact.statusCode).toBe(400);
    expect(noContact.json().message).toMatch(/"phone".*"email"/);
    const badPhone = await submit({ ...CASE, phone: '12345' });
    expect(badPhone.json().message).toContain('"phone"');
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/public/feedback',
      payload: { ...CASE, email: 'an@example.vn' },
      remoteAddress: '10.2.0.1',
    });
    expect(json.statusCode, json.body).toBe(201);
  });

  it('stores photos without their metadata (EXIF location) and refuses a file that is not an image', async () => {
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 200, g: 100, b: 50 } } })
      .jpeg()
      .withExif({ IFD0: { ImageDescription: 'GPS 10.2537 105.9722', Artist: 'Nguyen Van An' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const res = await submit(CASE, [photo]);
    expect(res.statusCode, res.body).toBe(201);
    const id = await caseId(res.json().code);
    // Until the background job has removed its metadata, nobody is shown the photo.
    expect((await office.get(`/api/feedback/${id}`)).json().photos).toHaveLength(0);
    expect(await cleanPendingPhotos(t.app.services)).toBeGreaterThanOrEqual(1);
    const detail = (await office.get(`/api/feedback/${id}`)).json();
    expect(detail.photos).toHaveLength(1);
    expect(detail.photos[0]).toMatchObject({ width: 1200, height: 900 });
    const raw = await t.db.db
      .selectFrom('fileLink')
      .select('id')
      .where('ownerType', '=', 'feedback_photo_raw')
      .where('ownerId', '=', String(detail.photos[0].id))
      .execute();
    expect(raw).toEqual([]);
    const stored = await office.get(`/api/feedback/${id}/photos/${detail.photos[0].id}`);
    expect(stored.statusCode).toBe(200);
    const meta = await sharp(stored.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.format).toBe('jpeg');
    const notImage = await submit(CASE, [Buffer.from('<html>not an image</html>')]);
    expect(notImage.statusCode).toBe(400);
    expect(notImage.json().message).toContain('Ảnh thứ 1');
  });

  it('never shows the sender on the tracking page', async () => {
    const { code } = (await submit({ ...CASE, email: 'an.nguyen@example.vn' })).json();
    const res = await t.app.inject({ method: 'GET', url: `/api/public/feedback/${code}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code, status: 'received', dueDate: '2026-12-14', receivedAt: expect.stringMatching(/\+07:00$/) });
    expect(res.body).not.toContain('0912345678');
    expect(res.body).not.toContain('Nguyễn Văn An');
    expect(res.body).not.toContain('an.nguyen@example.vn');
    expect((await t.app.inject({ method: 'GET', url: '/api/public/feedback/PAKN.20261123.9999' })).statusCode).toBe(404);
  });
});

describe('routing, answer and publication', () => {
  let code: string;
  let id: number;

  it('shows the sender to the receiving office only; the lead unit sees the case without it, other units not at all', async () => {
    code = (await submit(CASE)).json().code;
    id = await caseId(code);
    const listed = (await office.get(`/api/feedback?q=${code}`)).json();
    expect(listed.total).toBe(1);
    expect(listed.items[0].sender).toEqual({ name: 'Nguyễn Văn An', phone: '0912345678', email: null });
    const assigned = await office.send('POST', `/api/feedback/${id}/assign`, { unitCode: '86.STC' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ status: 'assigned', unit: { code: '86.STC' } });
    const focal = await t.login('daumoi.stc');
    const mine = (await focal.get(`/api/feedback?q=${code}`)).json();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0].sender).toBeNull();
    const detail = await focal.get(`/api/feedback/${id}`);
    expect(detail.json().sender).toBeNull();
    expect(detail.body).not.toContain('0912345678');
    const commune = await t.login('daumoi.xa');
    expect((await commune.get(`/api/feedback/${id}`)).statusCode).toBe(404);
    expect((await commune.get(`/api/feedback?q=${code}`)).json().total).toBe(0);
    expect(await audit('feedback.assign')).toMatchObject({ entityId: code });
    // The unit was told.
    const bell = await t.db.db
      .selectFrom('notification')
      .select('title')
      .where('kind', '=', 'feedback_assigned')
      .where('subjectId', '=', String(id))
      .execute();
    expect(bell.length).toBeGreaterThan(0);
  });

  it('takes a draft from the focal point, the approval from the head, and publication from the office', async () => {
    const focal = await t.login('daumoi.stc');
    const head = await t.login('giamdoc.stc');
    expect((await focal.send('POST', `/api/feedback/${id}/publish`)).statusCode).toBe(403);
    const draft = await focal.send('POST', `/api/feedback/${id}/answer`, { text: 'Đơn vị đã chỉ đạo thu gom rác tại hẻm 12 trong ngày.' });
    expect(draft.json().status).toBe('drafted');
    const approved = await head.send('POST', `/api/feedback/${id}/answer`, {});
    expect(approved.json()).toMatchObject({ status: 'approved', answer: 'Đơn vị đã chỉ đạo thu gom rác tại hẻm 12 trong ngày.' });
    const returned = await office.send('POST', `/api/feedback/${id}/return`, { note: 'Trả lời chưa nêu thời gian thu gom định kỳ.' });
    expect(returned.json().status).toBe('returned');
    await head.send('POST', `/api/feedback/${id}/answer`, { text: 'Đã thu gom rác tại hẻm 12; từ nay thu gom hằng ngày lúc 17 giờ.' });
    const published = await office.send('POST', `/api/feedback/${id}/publish`);
    expect(published.json()).toMatchObject({ status: 'published', timeliness: 'on_time' });
    const pub = (await t.app.inject({ method: 'GET', url: `/api/public/feedback/${code}` })).json();
    expect(pub).toMatchObject({
      status: 'published',
      unitName: 'Sở Tài chính',
      answer: expect.stringContaining('hằng ngày'),
      canRate: true,
    });
    const answers = (await t.app.inject({ method: 'GET', url: `/api/public/feedback?q=${encodeURIComponent('hẻm 12')}` })).json();
    expect(answers.items.map((a: { code: string }) => a.code)).toContain(code);
    expect(JSON.stringify(answers)).not.toContain('0912345678');
    const ap = await audit('feedback.approve');
    expect(ap!.after).toMatchObject({ status: 'approved' });
    expect(ap!.before).toMatchObject({ status: 'returned' });
  });

  it('takes one rating; "not solved" opens a repeat case for the same unit', async () => {
    const rate = (body: object) =>
      t.app.inject({ method: 'POST', url: `/api/public/feedback/${code}/rating`, payload: body, remoteAddress: '10.3.0.1' });
    const r = await rate({ stars: 2, solved: false });
    expect(r.statusCode, r.body).toBe(200);
    const repeatCode = r.json().repeatCode;
    expect(repeatCode).toMatch(/^PAKN\./);
    expect((await rate({ stars: 5, solved: true })).statusCode).toBe(409);
    const repeat = (await office.get(`/api/feedback/${await caseId(repeatCode)}`)).json();
    expect(repeat).toMatchObject({ status: 'assigned', unit: { code: '86.STC' }, repeatOfCode: code });
    expect((await office.get(`/api/feedback/${id}`)).json().repeats).toEqual([repeatCode]);
  });

  it('extends an open case once, with a reason shown to the sender', async () => {
    const { code: c2 } = (await submit(CASE)).json();
    const id2 = await caseId(c2);
    await office.send('POST', `/api/feedback/${id2}/assign`, { unitCode: '86.STC' });
    const ext = await office.send('POST', `/api/feedback/${id2}/extend`, { days: 5, reason: 'Cần lấy ý kiến Sở Xây dựng.' });
    expect(ext.json()).toMatchObject({ dueDate: '2026-12-21', extendedDays: 5 });
    expect((await office.send('POST', `/api/feedback/${id2}/extend`, { days: 5, reason: 'Lần nữa.' })).statusCode).toBe(403);
    const pub = (await t.app.inject({ method: 'GET', url: `/api/public/feedback/${c2}` })).json();
    expect(pub.extension).toEqual({ days: 5, reason: 'Cần lấy ý kiến Sở Xây dựng.' });
  });

  it('lists what is overdue once the due date has passed, and refuses with a reason', async () => {
    const { code: c3 } = (await submit(CASE)).json();
    await office.send('POST', `/api/feedback/${await caseId(c3)}/assign`, { unitCode: '86.STC' });
    t.setNow(new Date('2026-12-16T09:00:00+07:00'));
    // A session does not last three weeks: log in again on the later day.
    const res = await (await t.login('cchc')).get(`/api/feedback?overdue=true&q=${c3}`);
    expect(res.statusCode, res.body).toBe(200);
    const overdue = res.json();
    expect(overdue.items[0]).toMatchObject({ code: c3, timeliness: 'overdue', daysLeft: -2 });
    t.setNow(null);
    const { code: c4 } = (await submit(CASE)).json();
    const noReason = await office.send('POST', `/api/feedback/${await caseId(c4)}/reject`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const rejected = await office.send('POST', `/api/feedback/${await caseId(c4)}/reject`, {
      reason: 'Nội dung trùng phản ánh đã được trả lời.',
    });
    expect(rejected.json().status).toBe('rejected');
    expect((await t.app.inject({ method: 'GET', url: `/api/public/feedback/${c4}` })).json().reason).toContain('trùng');
  });
});

describe('you said, we did', () => {
  it('turns a case into a task of the lead unit, which the unit sees in its task list, and shows its state on the case', async () => {
    const { code } = (await submit(CASE)).json();
    const id = await caseId(code);
    await office.send('POST', `/api/feedback/${id}/assign`, { unitCode: '86.STC' });
    const focal = await t.login('daumoi.stc');
    expect(
      (await focal.send('POST', `/api/feedback/${id}/task`, { content: 'Bố trí điểm tập kết rác.', dueDate: '2026-12-20' })).statusCode,
    ).toBe(403);
    const res = await office.send('POST', `/api/feedback/${id}/task`, {
      content: 'Bố trí điểm tập kết rác có mái che tại hẻm 12.',
      dueDate: '2026-12-20',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().task).toMatchObject({ id: expect.any(Number), statusLabel: 'Chưa thực hiện' });
    const taskId = res.json().task.id;
    const tasks = (await focal.get('/api/tasks?limit=100&q=' + encodeURIComponent('tập kết rác'))).json();
    expect(tasks.rows.map((r: { id: number }) => r.id)).toContain(taskId);
    const task = (await focal.get(`/api/tasks/${taskId}`)).json();
    expect(task.content).toContain(code);
    expect(
      (await office.send('POST', `/api/feedback/${id}/task`, { content: 'Lần hai cho cùng phản ánh.', dueDate: '2026-12-20' })).statusCode,
    ).toBe(409);
    const listed = (await office.get('/api/feedback?withTask=true')).json();
    expect(listed.items.map((i: { code: string }) => i.code)).toContain(code);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/public/feedback/${code}` })).json().events.map((e: { kind: string }) => e.kind),
    ).toContain('task');
    expect(await audit('task.create')).toMatchObject({ entityId: String(taskId) });
  });
});

describe('abuse', () => {
  it('asks an address for a solved challenge after a few submissions, takes it once, and limits a flood without blocking others', async () => {
    const from = '10.9.0.1';
    for (let i = 0; i < 3; i++) expect((await submit(CASE, [], from)).statusCode).toBe(201);
    const asked = await submit(CASE, [], from);
    expect(asked.statusCode).toBe(428);
    const challenge = (await t.app.inject({ method: 'GET', url: '/api/public/feedback/challenge' })).json();
    const { solveChallenge } = await import('altcha-lib');
    const { deriveKey } = await import('altcha-lib/algorithms/sha');
    const solution = await solveChallenge({ challenge, deriveKey });
    const altcha = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
    expect((await submit({ ...CASE, altcha }, [], from)).statusCode).toBe(201);
    expect((await submit({ ...CASE, altcha }, [], from)).statusCode).toBe(400);
    let limited = 0;
    for (let i = 0; i < 25; i++) if ((await submit(CASE, [], from)).statusCode === 429) limited++;
    expect(limited).toBeGreaterThan(0);
    expect((await submit(CASE, [], '10.9.0.2')).statusCode).toBe(201);
  });
});

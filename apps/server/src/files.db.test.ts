/**
 * Core's file store as the modules use it: evidence and directive sources are content-addressed (one copy
 * per content, the SHA-256 shown), read back checked against their hash, in the data directory or in an
 * S3-compatible bucket (s3rver, a real S3 HTTP server, here), and files left in the old bytea columns
 * move into the store at start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStore, localBackend, runStartJobs, s3Backend } from '@cchc/core';
import { startTestApp, type TestApp, type TestClient } from './testing';
import { MODULES } from './modules';

const sha = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');

/** A task of the focal point's unit with a draft report for its first period. */
async function draftTask(t: TestApp, focal: TestClient): Promise<{ id: number; period: string }> {
  const page = (await focal.get('/api/tasks?limit=50')).json();
  for (const row of page.rows) {
    const detail = (await focal.get(`/api/tasks/${row.id}`)).json();
    const o = detail.obligations.find((x: { abilities: { report: boolean } }) => x.abilities.report);
    if (!o) continue;
    const saved = await focal.send('PUT', `/api/tasks/${row.id}/reports/${o.periodKey}`, { content: 'Đang làm.', percent: 20 });
    expect(saved.statusCode, saved.body).toBe(200);
    return { id: row.id, period: o.periodKey };
  }
  throw new Error('no reportable task');
}

describe('file store in the data directory', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-files-'));
    t = await startTestApp({ files: new FileStore(localBackend(dir)) });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores a file uploaded twice once, shows its SHA-256 and serves the same bytes', async () => {
    const focal = await t.login('daumoi.stc');
    const task = await draftTask(t, focal);
    const content = `Biên bản kiểm tra ${crypto.randomUUID()}`;
    for (const name of ['bien-ban.txt', 'bien-ban-ban-sao.txt']) {
      const res = await focal.upload(`/api/tasks/${task.id}/reports/${task.period}/evidence`, { name, data: content });
      expect(res.statusCode, res.body).toBe(200);
    }
    const detail = (await focal.get(`/api/tasks/${task.id}`)).json();
    const evidence = detail.obligations.find((o: { periodKey: string }) => o.periodKey === task.period).evidence;
    expect(evidence.map((e: { filename: string }) => e.filename)).toEqual(['bien-ban.txt', 'bien-ban-ban-sao.txt']);
    expect(new Set(evidence.map((e: { sha256: string }) => e.sha256))).toEqual(new Set([sha(content)]));
    const stored = await t.app.services.db.selectFrom('storedFile').selectAll().where('sha256', '=', sha(content)).execute();
    expect(stored).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, sha(content).slice(0, 2), sha(content).slice(2, 4), sha(content)))).toBe(true);
    const got = await focal.get(`/api/evidence/${evidence[0].id}`);
    expect(got.statusCode).toBe(200);
    expect(got.body).toBe(content);
    const audit = await t.app.services.db
      .selectFrom('auditLog')
      .select('after')
      .where('action', '=', 'task.evidence.add')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ sha256: sha(content) });
  });

  it('refuses to serve bytes that no longer match their hash', async () => {
    const focal = await t.login('daumoi.stc');
    const task = await draftTask(t, focal);
    const content = `Tệp sẽ bị sửa ${crypto.randomUUID()}`;
    const res = await focal.upload(`/api/tasks/${task.id}/reports/${task.period}/evidence`, { name: 'a.txt', data: content });
    const e = res
      .json()
      .obligations.find((o: { periodKey: string }) => o.periodKey === task.period)
      .evidence.at(-1);
    fs.writeFileSync(path.join(dir, e.sha256.slice(0, 2), e.sha256.slice(2, 4), e.sha256), 'đã bị sửa');
    const got = await focal.get(`/api/evidence/${e.id}`);
    expect(got.statusCode).toBe(500);
    expect(got.json()).toMatchObject({ code: 'FILE_CORRUPT' });
  });

  it('keeps another unit out of the evidence (404, as if it did not exist)', async () => {
    const focal = await t.login('daumoi.stc');
    const task = await draftTask(t, focal);
    const res = await focal.upload(`/api/tasks/${task.id}/reports/${task.period}/evidence`, { name: 'b.txt', data: 'riêng' });
    const e = res
      .json()
      .obligations.find((o: { periodKey: string }) => o.periodKey === task.period)
      .evidence.at(-1);
    const other = await t.login('daumoi.xa');
    expect((await other.get(`/api/evidence/${e.id}`)).statusCode).toBe(404);
  });

  it('moves files left in the old bytea columns into the store at start', async () => {
    const s = t.app.services;
    const focal = await t.login('daumoi.stc');
    const task = await draftTask(t, focal);
    const report = await s.db
      .selectFrom('taskReport')
      .select('id')
      .where('taskId', '=', task.id)
      .where('periodKey', '=', task.period)
      .executeTakeFirstOrThrow();
    const old = Buffer.from(`Minh chứng cũ ${crypto.randomUUID()}`);
    await s.db
      .insertInto('taskEvidence')
      .values({ reportId: report.id, filename: 'cu.txt', mime: 'text/plain', size: old.length, data: old, uploadedBy: null })
      .execute();
    const directive = await s.db.selectFrom('directive').select('id').orderBy('id').executeTakeFirstOrThrow();
    const source = Buffer.from(`Văn bản gốc cũ ${crypto.randomUUID()}`);
    await s.db.updateTable('directive').set({ sourceData: source, sourceFilename: 'goc-cu.txt' }).where('id', '=', directive.id).execute();
    const said: string[] = [];
    await runStartJobs(s, MODULES, (m) => said.push(m));
    expect(said.join('\n')).toContain('Đã chuyển 1 tệp minh chứng và 1 tệp gốc văn bản vào kho tệp.');
    expect(await s.db.selectFrom('taskEvidence').select('id').execute()).toHaveLength(0);
    const detail = (await focal.get(`/api/tasks/${task.id}`)).json();
    const moved = detail.obligations.find((o: { periodKey: string }) => o.periodKey === task.period).evidence.at(-1);
    expect(moved).toMatchObject({ filename: 'cu.txt', sha256: sha(old) });
    expect((await focal.get(`/api/evidence/${moved.id}`)).body).toBe(old.toString());
    const office = await t.login('cchc');
    const src = await office.get(`/api/directives/${directive.id}/source`);
    expect(src.body).toBe(source.toString());
  });
});

describe('file store in S3-compatible object storage', () => {
  let t: TestApp;
  let server: S3rver;
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-s3-'));
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'cchc', configs: [] }] });
    const { port } = (await server.run()) as { port: number };
    url = `http://S3RVER:S3RVER@127.0.0.1:${port}/cchc/tep`;
    t = await startTestApp({ files: new FileStore(s3Backend(url)) });
  });
  afterAll(async () => {
    await t.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps evidence and directive sources in the bucket and serves them back', async () => {
    await s3Backend(url).check();
    const focal = await t.login('daumoi.stc');
    const task = await draftTask(t, focal);
    const content = Buffer.from(`Minh chứng trên S3 ${crypto.randomUUID()} — tiếng Việt có dấu`);
    const res = await focal.upload(`/api/tasks/${task.id}/reports/${task.period}/evidence`, { name: 'minh-chung.txt', data: content });
    expect(res.statusCode, res.body).toBe(200);
    const e = res
      .json()
      .obligations.find((o: { periodKey: string }) => o.periodKey === task.period)
      .evidence.at(-1);
    expect(e.sha256).toBe(sha(content));
    const stored = await t.app.services.db
      .selectFrom('storedFile')
      .select('storage')
      .where('sha256', '=', e.sha256)
      .executeTakeFirstOrThrow();
    expect(stored.storage).toBe('s3');
    // The object is in the bucket under the prefix, read back through the S3 API.
    expect((await s3Backend(url).get(e.sha256)).equals(content)).toBe(true);
    expect((await focal.get(`/api/evidence/${e.id}`)).rawPayload.equals(content)).toBe(true);

    const office = await t.login('cchc');
    const directive = (await office.get('/api/directives?limit=1')).json().rows[0];
    const up = await office.upload(`/api/directives/${directive.id}/source`, { name: 'goc.txt', data: 'Văn bản gốc trên S3' });
    expect(up.statusCode, up.body).toBe(200);
    expect((await office.get(`/api/directives/${directive.id}/source`)).body).toBe('Văn bản gốc trên S3');
  });

  it('says in Vietnamese when the bytes are missing from the bucket', async () => {
    const missing = await s3Backend(url)
      .get('0'.repeat(64))
      .catch((e: Error) => e);
    expect(missing).toMatchObject({ code: 'FILE_MISSING', status: 410 });
  });
});

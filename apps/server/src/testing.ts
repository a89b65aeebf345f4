import type { LightMyRequestResponse } from 'fastify';
import { createTestDatabase, DEMO_PASSWORD, FIXED_NOW, type TestDatabase } from '@cchc/test-kit';
import type { App } from '@cchc/core';
import { buildApp } from './app';
import { createServices } from './services';
import { demoSeeders, moduleMigrations } from './modules';

export interface TestClient {
  cookie: string;
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  send(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    opts?: { csrf?: string | null },
  ): Promise<LightMyRequestResponse>;
  /** POST multipart/form-data with one file and text fields. */
  upload(url: string, file: { name: string; data: Buffer | string }, fields?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: App;
  db: TestDatabase;
  login(username: string, password?: string): Promise<TestClient>;
  close(): Promise<void>;
}

/** The whole server on a fresh test database with the demo province and a fixed clock. */
export async function startTestApp(opts: { now?: () => Date; trustProxy?: string[] } = {}): Promise<TestApp> {
  const db = await createTestDatabase({
    migrations: moduleMigrations,
    seeders: demoSeeders,
    now: opts.now ?? (() => FIXED_NOW),
    fromTemplate: true,
  });
  const services = await createServices(db, { provinceCode: '86', now: opts.now ?? (() => FIXED_NOW) });
  const app = await buildApp({ services, cookieSecret: 'test-secret-test-secret-test-secret', trustProxy: opts.trustProxy });
  await app.ready();
  return {
    app,
    db,
    async login(username, password = DEMO_PASSWORD) {
      // Each test login comes from its own address so the per-address login rate limit stays out of the way.
      const remoteAddress = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const setCookie = res.cookies.find((c) => c.name === 'cchc_session')!;
      const cookie = `cchc_session=${setCookie.value}`;
      const csrfRes = await app.inject({ method: 'GET', url: '/api/auth/csrf', headers: { cookie } });
      const csrf = csrfRes.json().token as string;
      return {
        cookie,
        csrf,
        get: (url) => app.inject({ method: 'GET', url, headers: { cookie } }),
        send: (method, url, body, o) =>
          app.inject({
            method,
            url,
            payload: body as never,
            headers: { cookie, ...(o?.csrf === null ? {} : { 'x-csrf-token': o?.csrf ?? csrf }) },
          }),
        upload: (url, file, fields = {}) => {
          const form = new FormData();
          for (const [k, v] of Object.entries(fields)) form.append(k, v);
          form.append('file', new Blob([file.data]), file.name);
          return app.inject({ method: 'POST', url, payload: form as never, headers: { cookie, 'x-csrf-token': csrf } });
        },
      };
    },
    async close() {
      await app.close();
      await db.cleanup();
    },
  };
}

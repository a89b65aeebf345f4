import type { LightMyRequestResponse } from 'fastify';
import { createTestDatabase, DEMO_PASSWORD, FIXED_NOW, testFileStore, type TestDatabase } from '@cchc/test-kit';
import { installModules, metricsOf, seamsOf, type App, type CchcModule, type FileStore } from '@cchc/core';
import { buildApp } from './app';
import { createServices } from './services';
import { MODULES } from './modules';

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
  /** Moves the app's clock (null: back to the one it started with), instead of starting a second app. */
  setNow(at: Date | null): void;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** The modules the test needs (core is always there); default every module. */
  modules?: readonly CchcModule[];
  /** The clock (default FIXED_NOW, Monday 23/11/2026 09:00). */
  now?: () => Date;
  trustProxy?: string[];
  /** Another file store (the S3 tests). */
  files?: FileStore;
}

/**
 * Core plus the modules a test needs, on a copy of the run's template database (every module's tables,
 * the demo province on the fixed clock). Only the listed modules' routes, rules and metrics exist.
 */
export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const modules = opts.modules ?? MODULES;
  installModules(modules);
  const base = opts.now ?? (() => FIXED_NOW);
  let moved: Date | null = null;
  const now = () => moved ?? base();
  // The template holds every module's tables (a database remembers the migrations it ran): the copy is
  // migrated with the whole set, and only the chosen modules are served.
  const all = MODULES.flatMap((m) => (m.migrations ? [m.migrations] : []));
  const seeders = MODULES.flatMap((m) => (m.demo ? [m.demo] : []));
  const db = await createTestDatabase({
    migrations: all,
    seeders,
    now,
    fromTemplate: true,
    metrics: metricsOf(MODULES),
    seams: seamsOf(MODULES),
  });
  const services = await createServices(db, { provinceCode: '86', now, modules, files: opts.files ?? testFileStore() });
  const app = await buildApp({ services, modules, cookieSecret: 'test-secret-test-secret-test-secret', trustProxy: opts.trustProxy });
  await app.ready();
  return {
    app,
    db,
    setNow(at) {
      moved = at;
    },
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

export { makeDossier, makeDossiers, makeTask, makeUnit, makeUser } from './factories';

/**
 * Generated from the OpenAPI document, so a new route is covered: every route gets malformed values in
 * each path, query and body field, as the administrator (who may reach them all); any 5xx fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi';
import { makeTask, startTestApp, type TestApp } from './testing';

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }[];
        requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
      }
    >
  >;
};
let t: TestApp;
let doc: Doc;
let fixture: { taskId: number };

beforeAll(async () => {
  t = await startTestApp();
  doc = (await buildOpenApiDocument()) as unknown as Doc;
  fixture = await makeTask(t.app.services, { unit: '86.STC' });
});
afterAll(() => t.close());

const BAD_VALUES: unknown[] = [
  '',
  '%00',
  '\u0000',
  'x'.repeat(5000),
  '-1',
  '0',
  '1e308',
  '99999999999999999999',
  'NaN',
  'Infinity',
  '9999-12-31',
  '0000-00-00',
  '2026-02-30',
  '[]',
  '{}',
  'true',
  '../../etc/passwd',
  "' or 1=1 --",
];
const BAD_JSON: unknown[] = [null, -1, 0, 1e308, 1e20, 'x'.repeat(5000), '\u0000', '9999-12-31', {}, [], true, [null], { a: 1 }];
const SKIP_FUZZ = new Set(['POST /api/auth/logout', 'POST /api/auth/password', 'POST /api/auth/login']);

function sample(schema: Record<string, unknown> | undefined): string {
  if (!schema) return '1';
  if (schema.enum) return String((schema.enum as unknown[])[0]);
  if (Array.isArray(schema.anyOf)) return sample(schema.anyOf[0] as Record<string, unknown>);
  if (schema.type === 'integer' || schema.type === 'number') return String(schema.minimum ?? 1);
  if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return '2026-06-30';
  if (schema.type === 'boolean') return 'true';
  return 'PAPI';
}

describe('fuzz: malformed values on every route', () => {
  it('never answers 5xx', async () => {
    const admin = await t.login('admin');
    const failures: string[] = [];
    let sent = 0;
    const realPath = (path: string) =>
      path.replace('{id}', String(fixture.taskId)).replace('{period}', 'once').replace('{code}', '86.STC').replace('{year}', '2026');
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const key = `${method.toUpperCase()} ${path}`;
        if (SKIP_FUZZ.has(key)) continue;
        const params = op.parameters ?? [];
        const baseQuery = params
          .filter((p) => p.in === 'query' && p.required)
          .map((p) => `${p.name}=${encodeURIComponent(sample(p.schema))}`);
        const send = async (url: string, body?: unknown) => {
          sent++;
          const res = method === 'get' ? await admin.get(url) : await admin.send(method.toUpperCase() as 'POST', url, body);
          if (res.statusCode >= 500)
            failures.push(
              `${key} ${url.slice(0, 160)} ${body === undefined ? '' : JSON.stringify(body).slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 120)}`,
            );
        };
        for (const p of params) {
          for (const bad of BAD_VALUES) {
            const v = encodeURIComponent(String(bad));
            if (p.in === 'path')
              await send(
                realPath(path.replace(`{${p.name}}`, v)) + (baseQuery.length ? `?${baseQuery.join('&')}` : ''),
                method === 'get' ? undefined : {},
              );
            else if (p.in === 'query')
              await send(
                `${realPath(path)}?${[...baseQuery.filter((q) => !q.startsWith(`${p.name}=`)), `${p.name}=${v}`].join('&')}`,
                method === 'get' ? undefined : {},
              );
          }
        }
        const json = op.requestBody?.content['application/json']?.schema as { properties?: Record<string, unknown> } | undefined;
        if (json && method !== 'get') {
          const url = realPath(path) + (baseQuery.length ? `?${baseQuery.join('&')}` : '');
          for (const body of [[], 'x', 42, null]) await send(url, body);
          for (const field of Object.keys(json.properties ?? {})) for (const bad of BAD_JSON) await send(url, { [field]: bad });
        }
      }
    }
    console.info(`[fuzz] ${sent} malformed requests, ${failures.length} answered 5xx`);
    expect(sent).toBeGreaterThan(1500);
    expect(failures).toEqual([]);
  }, 600_000);
});

import type { RouteOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { boundSchemas, requirePermission } from './input-guard';
import { installModules } from '@cchc/core';
import { MODULES } from './modules';

const route = (config: Record<string, unknown>, url = '/api/x') =>
  ({ method: 'GET', url, config, handler: () => undefined }) as unknown as RouteOptions;

describe('routes name their permission', () => {
  installModules(MODULES);
  it('refuses an API route without one or with an unknown one', () => {
    expect(() => requirePermission(route({}))).toThrow(/names no permission/);
    expect(() => requirePermission(route({ permission: 'task.fly' }))).toThrow(/unknown permission/);
    expect(() => requirePermission(route({ permission: 'task.report' }))).not.toThrow();
    expect(() => requirePermission(route({ permission: 'public' }))).not.toThrow();
    expect(() => requirePermission(route({}, '/assets/x.js'))).not.toThrow();
  });
});

describe('schema bounds', () => {
  it('bounds numbers and strings a schema leaves open and makes dates real days', () => {
    const schema = {
      querystring: {
        type: 'object',
        properties: {
          n: { type: 'integer' },
          x: { type: 'number', maximum: 5 },
          s: { type: 'string' },
          d: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        },
      },
    };
    const r = { method: 'GET', url: '/api/x', schema, config: {} } as unknown as RouteOptions;
    boundSchemas(r);
    const p = schema.querystring.properties as Record<string, Record<string, unknown>>;
    expect(p.n).toMatchObject({ maximum: 2_147_483_647, minimum: -2_147_483_647 });
    expect(p.x!.maximum).toBe(5);
    expect(p.s!.maxLength).toBe(100_000);
    expect(new RegExp(p.d!.pattern as string).test('2026-02-28')).toBe(true);
    expect(new RegExp(p.d!.pattern as string).test('9999-12-31')).toBe(false);
    expect((r.config as { numericQuery: string[] }).numericQuery.sort()).toEqual(['n', 'x']);
  });
});

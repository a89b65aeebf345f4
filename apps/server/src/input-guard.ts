/**
 * Bounds on what a request may carry, applied to every route in one place: no NUL characters anywhere,
 * numbers finite and in the database's range, strings of a sane length. A route's own schema may be
 * stricter; these are the outer limits for schemas that say nothing.
 */
import type { FastifyRequest, RouteOptions } from 'fastify';
import { AppError, isKnownAction } from '@cchc/core';

/** int4 range: ids, counts, limits and offsets all fit; anything beyond is a mistake or an attack. */
export const MAX_INTEGER = 2_147_483_647;
/** Finite bounds for decimal numbers (scores, rates, amounts). */
export const MAX_NUMBER = 1e15;
/** Strings with no declared maxLength (declared ones keep theirs). */
export const MAX_STRING = 100_000;

export const DATE_PATTERN = '^(19|20)\\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';

type JsonSchema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: unknown;
  patternProperties?: Record<string, JsonSchema>;
};

function bound(schema: unknown, seen: Set<unknown>): void {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
  seen.add(schema);
  const s = schema as JsonSchema;
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.includes('integer')) {
    s.maximum ??= MAX_INTEGER;
    s.minimum ??= -MAX_INTEGER;
  } else if (types.includes('number')) {
    s.maximum ??= MAX_NUMBER;
    s.minimum ??= -MAX_NUMBER;
  }
  // Dates: a real calendar date of 1900–2099 (the working calendar's range), not any four digits.
  if (types.includes('string') && s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') s.pattern = DATE_PATTERN;
  if (types.includes('string') && s.format !== 'binary' && s.maxLength === undefined && s.enum === undefined && s.const === undefined)
    s.maxLength = MAX_STRING;
  for (const child of Object.values(s.properties ?? {})) bound(child, seen);
  for (const child of Object.values(s.patternProperties ?? {})) bound(child, seen);
  if (Array.isArray(s.items)) s.items.forEach((c) => bound(c, seen));
  else bound(s.items, seen);
  if (typeof s.additionalProperties === 'object') bound(s.additionalProperties, seen);
  for (const list of [s.anyOf, s.oneOf, s.allOf]) list?.forEach((c) => bound(c, seen));
  if (types.includes('array')) s.maxItems ??= 10_000;
}

function numericKeys(schema: unknown): string[] {
  const props = (schema as JsonSchema | undefined)?.properties ?? {};
  return Object.entries(props)
    .filter(([, p]) => {
      const all = [p, ...((p.anyOf as JsonSchema[] | undefined) ?? [])];
      return all.some((x) => x.type === 'integer' || x.type === 'number') && !all.some((x) => x.type === 'string' || x.const !== undefined);
    })
    .map(([k]) => k);
}

/** onRoute: every API route names its permission (a known policy action, `session` or `public`). */
export function requirePermission(route: RouteOptions): void {
  if (!route.url.startsWith('/api/')) return;
  const p = (route.config as { permission?: string } | undefined)?.permission;
  const where = `${String(route.method)} ${route.url}`;
  if (!p) throw new Error(`route ${where} names no permission (config.permission)`);
  if (p !== 'public' && p !== 'session' && !isKnownAction(p)) throw new Error(`route ${where}: unknown permission "${p}"`);
}

/** onRoute hook: puts the outer limits into each route's params, query and body schemas. */
export function boundSchemas(route: RouteOptions): void {
  const schema = route.schema as Record<string, unknown> | undefined;
  if (!schema) return;
  const seen = new Set<unknown>();
  for (const part of ['params', 'querystring', 'body']) bound(schema[part], seen);
  route.config = {
    ...(route.config as object),
    numericQuery: numericKeys(schema.querystring),
    numericParams: numericKeys(schema.params),
  } as never;
}

const NUMBER_LITERAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * preValidation: a number in the URL must be a finite decimal literal — the schema's coercion would
 * otherwise turn "Infinity" into a number that passes as an integer.
 */
export function rejectNonFiniteNumbers(req: FastifyRequest): void {
  const config = req.routeOptions.config as { numericQuery?: string[]; numericParams?: string[] };
  const check = (values: unknown, keys: string[] | undefined, where: string) => {
    for (const k of keys ?? []) {
      const raw = (values as Record<string, unknown> | undefined)?.[k];
      for (const v of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
        if (typeof v === 'string' && (!NUMBER_LITERAL.test(v) || !Number.isFinite(Number(v)))) {
          throw new AppError('VALIDATION_ERROR', `Trường "${k}" (${where}) phải là một số hữu hạn, không phải "${v.slice(0, 40)}".`, 400);
        }
      }
    }
  };
  check(req.query, config.numericQuery, 'tham số truy vấn');
  check(req.params, config.numericParams, 'đường dẫn');
}

const NUL_IN_URL = /%00/i;

export function rejectNulInUrl(url: string): void {
  if (NUL_IN_URL.test(url) || url.includes('\0'))
    throw new AppError('INVALID_CHARACTER', 'Địa chỉ hoặc tham số truy vấn chứa ký tự NUL (mã 0), không được chấp nhận.', 400);
}

const NUL_IN_JSON = /\\u0000/i;

/** JSON bodies: parsed as usual, refused with a Vietnamese reason when unreadable or carrying NUL. */
export function strictJsonParser(_req: FastifyRequest, body: string | Buffer, done: (err: Error | null, value?: unknown) => void): void {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (NUL_IN_JSON.test(text) || text.includes('\0'))
    return done(new AppError('INVALID_CHARACTER', 'Nội dung gửi lên chứa ký tự NUL (mã 0), không được chấp nhận.', 400));
  if (text.trim() === '') return done(null, undefined);
  try {
    done(null, JSON.parse(text));
  } catch {
    done(new AppError('INVALID_BODY', 'Nội dung yêu cầu không đọc được (cần JSON hợp lệ).', 400));
  }
}

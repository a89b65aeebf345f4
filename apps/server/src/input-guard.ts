/**
 * Bounds on what a request may carry, applied to every route in one place: no NUL characters anywhere,
 * numbers finite and in the database's range, strings of a sane length. A route's own schema may be
 * stricter; these are the outer limits for schemas that say nothing.
 */
import type { FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '@cchc/core';

/** int4 range: ids, counts, limits and offsets all fit; anything beyond is a mistake or an attack. */
export const MAX_INTEGER = 2_147_483_647;
/** Finite bounds for decimal numbers (scores, rates, amounts). */
export const MAX_NUMBER = 1e15;
/** Strings with no declared maxLength (declared ones keep theirs). */
export const MAX_STRING = 100_000;

type JsonSchema = Record<string, unknown> & {
  type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema | JsonSchema[];
  anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[]; additionalProperties?: unknown; patternProperties?: Record<string, JsonSchema>;
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
  if (types.includes('string') && s.format !== 'binary' && s.maxLength === undefined && s.enum === undefined && s.const === undefined) s.maxLength = MAX_STRING;
  for (const child of Object.values(s.properties ?? {})) bound(child, seen);
  for (const child of Object.values(s.patternProperties ?? {})) bound(child, seen);
  if (Array.isArray(s.items)) s.items.forEach((c) => bound(c, seen));
  else bound(s.items, seen);
  if (typeof s.additionalProperties === 'object') bound(s.additionalProperties, seen);
  for (const list of [s.anyOf, s.oneOf, s.allOf]) list?.forEach((c) => bound(c, seen));
  if (types.includes('array')) s.maxItems ??= 10_000;
}

/** onRoute hook: puts the outer limits into each route's params, query and body schemas. */
export function boundSchemas(route: RouteOptions): void {
  const schema = route.schema as Record<string, unknown> | undefined;
  if (!schema) return;
  const seen = new Set<unknown>();
  for (const part of ['params', 'querystring', 'body']) bound(schema[part], seen);
}

const NUL_IN_URL = /%00|\u0000/i;

export function rejectNulInUrl(url: string): void {
  if (NUL_IN_URL.test(url)) throw new AppError('INVALID_CHARACTER', 'Địa chỉ hoặc tham số truy vấn chứa ký tự NUL (mã 0), không được chấp nhận.', 400);
}

const NUL_IN_JSON = /\\u0000|\u0000/i;

/** JSON bodies: parsed as usual, refused with a Vietnamese reason when unreadable or carrying NUL. */
export function strictJsonParser(_req: FastifyRequest, body: string | Buffer, done: (err: Error | null, value?: unknown) => void): void {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (NUL_IN_JSON.test(text)) return done(new AppError('INVALID_CHARACTER', 'Nội dung gửi lên chứa ký tự NUL (mã 0), không được chấp nhận.', 400));
  if (text.trim() === '') return done(null, undefined);
  try {
    done(null, JSON.parse(text));
  } catch {
    done(new AppError('INVALID_BODY', 'Nội dung yêu cầu không đọc được (cần JSON hợp lệ).', 400));
  }
}

/**
 * Typed client for the cchc API, generated from the server's OpenAPI document (schema.d.ts).
 * Adds the CSRF header to state-changing requests and turns error replies into ApiError.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };
export type Schemas = components['schemas'];

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createApiClient(opts: { baseUrl?: string; fetch?: typeof fetch; onUnauthenticated?: () => void } = {}) {
  let csrfToken: string | null = null;
  const client = createClient<paths>({ baseUrl: opts.baseUrl ?? '', fetch: opts.fetch, credentials: 'same-origin' });

  async function csrf(): Promise<string> {
    if (csrfToken) return csrfToken;
    const res = await (opts.fetch ?? fetch)(`${opts.baseUrl ?? ''}/api/auth/csrf`, { credentials: 'same-origin' });
    if (!res.ok) throw new ApiError(res.status, (await res.json()) as ApiErrorBody);
    csrfToken = ((await res.json()) as { token: string }).token;
    return csrfToken;
  }

  const middleware: Middleware = {
    async onRequest({ request }) {
      // Public routes (no session; the server exempts them from CSRF) and login need no token.
      if (
        MUTATING.has(request.method) &&
        !request.url.endsWith('/api/auth/login') &&
        !new URL(request.url).pathname.startsWith('/api/public/')
      ) {
        request.headers.set('x-csrf-token', await csrf());
      }
      return request;
    },
    async onResponse({ response, request }) {
      if (response.ok) {
        if (request.url.endsWith('/api/auth/login') || request.url.endsWith('/api/auth/logout')) csrfToken = null;
        return response;
      }
      let body: ApiErrorBody;
      try {
        body = (await response.clone().json()) as ApiErrorBody;
      } catch {
        body = { code: 'HTTP_' + response.status, message: `Máy chủ trả lỗi ${response.status}.` };
      }
      if (response.status === 401) {
        csrfToken = null;
        if (!request.url.endsWith('/api/auth/login') && !request.url.endsWith('/api/auth/me')) opts.onUnauthenticated?.();
      }
      if (body.code === 'CSRF_INVALID') csrfToken = null;
      throw new ApiError(response.status, body);
    },
  };
  client.use(middleware);
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

// ---- downloads and uploads --------------------------------------------------------------------------

/** Paths with a GET operation. */
export type GetPath = { [P in keyof paths]: paths[P] extends { get: { parameters: unknown } } ? P : never }[keyof paths];
type GetParameters<P extends GetPath> = paths[P] extends { get: { parameters: infer X } } ? X : never;
type PathParams<X> = X extends { path: infer T } ? (T extends Record<string, unknown> ? T : never) : never;
type QueryParams<X> = X extends { query?: infer T } ? T : never;

/** The parameters of a GET path: `path` when it has placeholders, `query` when it takes any. */
export type UrlParams<P extends GetPath> = (PathParams<GetParameters<P>> extends never
  ? { path?: undefined }
  : { path: PathParams<GetParameters<P>> }) & { query?: QueryParams<GetParameters<P>> };

/**
 * The address of a GET route with its parameters filled in, typed from the OpenAPI document: for links
 * that download a file (`<a href>`, `<Button href>`), where the browser does the request itself.
 * Undefined and empty query values are left out.
 */
export function urlFor<P extends GetPath>(path: P, params?: UrlParams<P>): string {
  const withPath = String(path).replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = (params?.path as Record<string, unknown> | undefined)?.[name];
    if (value === undefined || value === null) throw new Error(`urlFor(${String(path)}): thiếu tham số ${name}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries((params?.query ?? {}) as Record<string, unknown>)) {
    if (v === undefined || v === null || v === '') continue;
    for (const item of Array.isArray(v) ? v : [v]) query.append(k, String(item));
  }
  const qs = query.toString();
  return qs ? `${withPath}?${qs}` : withPath;
}

/** Paths with a POST operation taking multipart/form-data (file uploads). */
export type UploadPath = {
  [P in keyof paths]: paths[P] extends { post: { requestBody?: { content: { 'multipart/form-data': unknown } } } } ? P : never;
}[keyof paths];

/**
 * A multipart form with several files or none (a feedback case with its photos, a scanned letter):
 * the text fields, then each file under its field name.
 */
export function multipartForm(
  fields: Record<string, string | number | boolean | undefined | null>,
  files: readonly { field: string; file: Blob; name: string }[] = [],
): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null && v !== '') form.append(k, String(v));
  for (const f of files) form.append(f.field, f.file, f.name);
  return form;
}

/** The form of an upload: the file and the other fields the route takes. */
export function uploadForm(file: Blob, filename: string, fields: Record<string, string | number | undefined> = {}): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.append(k, String(v));
  form.append('file', file, filename);
  return form;
}

type PostOperation<P extends UploadPath> = paths[P] extends { post: infer O } ? O : never;
/** The JSON reply of an upload route. */
export type UploadReply<P extends UploadPath> =
  PostOperation<P> extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
/** The path placeholders of an upload route. */
export type UploadPathParams<P extends UploadPath> = PostOperation<P> extends { parameters: { path: infer T } } ? T : undefined;

/** The address of an upload route with its path placeholders filled in. */
export function uploadUrl<P extends UploadPath>(path: P, pathParams?: UploadPathParams<P>): string {
  return String(path).replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = (pathParams as Record<string, unknown> | undefined)?.[name];
    if (value === undefined || value === null) throw new Error(`uploadUrl(${String(path)}): thiếu tham số ${name}`);
    return encodeURIComponent(String(value));
  });
}

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
      if (MUTATING.has(request.method) && !request.url.endsWith('/api/auth/login')) {
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

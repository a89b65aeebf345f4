import { QueryClient } from '@tanstack/react-query';
import { ApiError, createApiClient, type Schemas } from '@cchc/api-client';

export type Me = Schemas['Me'];
export type Unit = Schemas['Unit'];
export type User = Schemas['User'];

export const api = createApiClient({
  onUnauthenticated: () => {
    queryClient.setQueryData(['me'], null);
  },
});

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

/** openapi-fetch returns `{ data, error }`; errors are already thrown by the client middleware. */
export async function unwrap<T>(p: Promise<{ data?: T; error?: unknown }>): Promise<T> {
  const { data } = await p;
  return data as T;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.body.message;
  if (err instanceof TypeError) return 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.';
  return err instanceof Error ? err.message : String(err);
}

export { ApiError };

/**
 * Uploads a form with XMLHttpRequest so the page can show upload progress (fetch cannot), with the
 * CSRF header like every other state-changing request. Resolves with the parsed JSON reply.
 */
export async function uploadWithProgress<T>(url: string, form: FormData, onProgress: (percent: number) => void): Promise<T> {
  const { token } = (await (await fetch('/api/auth/csrf', { credentials: 'same-origin' })).json()) as { token: string };
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = { code: 'HTTP_' + xhr.status, message: `Máy chủ trả lỗi ${xhr.status}.` };
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(new ApiError(xhr.status, body as { code: string; message: string }));
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.send(form);
  });
}

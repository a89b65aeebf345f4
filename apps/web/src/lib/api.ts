import { QueryClient } from '@tanstack/react-query';
import {
  ApiError,
  createApiClient,
  multipartForm,
  uploadForm,
  uploadUrl,
  urlFor,
  type Schemas,
  type UploadPath,
  type UploadPathParams,
  type UploadReply,
} from '@cchc/api-client';

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
export async function uploadWithProgress<P extends UploadPath>(
  path: P,
  form: FormData,
  onProgress: (percent: number) => void,
  pathParams?: UploadPathParams<P>,
): Promise<UploadReply<P>> {
  const url = uploadUrl(path, pathParams);
  type T = UploadReply<P>;
  const { token } = await unwrap(api.GET('/api/auth/csrf'));
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

/**
 * Sends a file (and fields) to an upload route through the typed client; the reply is typed from the
 * OpenAPI document. Use `uploadForm(file, name, fields)` to build the form.
 */
export async function upload<P extends UploadPath>(path: P, form: FormData, pathParams?: UploadPathParams<P>): Promise<UploadReply<P>> {
  // Through the client (its CSRF header and 401 handling); the form is sent as it is.
  const post = api.POST as unknown as (path: string, init: object) => Promise<{ data?: unknown }>;
  const { data } = await post(path, { params: { path: pathParams }, body: {}, bodySerializer: () => form });
  return data as UploadReply<P>;
}

export { urlFor, uploadForm, multipartForm };

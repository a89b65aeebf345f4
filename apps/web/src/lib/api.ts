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

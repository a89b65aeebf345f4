import { usePrefetchQuery, useQuery, type QueryFunction, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';

/**
 * `useQuery` whose request leaves while the page is still being drawn (a prefetch in render) rather than
 * after it is committed: on the home page and the shell around it, opened cold, the first render spends
 * ~300 ms on styles, and the figures' requests need not wait for it.
 */
export function useEagerQuery<TData, TKey extends QueryKey>(
  options: UseQueryOptions<TData, Error, TData, TKey> & { queryFn: QueryFunction<TData, TKey> },
) {
  // Skipped when the query already has a state (cached, or in flight): cheap on every render.
  usePrefetchQuery({ queryKey: options.queryKey, queryFn: options.queryFn });
  return useQuery(options);
}

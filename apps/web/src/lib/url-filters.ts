import { useSearchParams } from 'react-router-dom';
import { formatNumber } from './format';

/**
 * A list page's filters and page number kept in the address (a link or a reload shows the same list):
 * `get` a filter, `set` some (an empty value removes it; any change but the page goes back to page 1),
 * and the table's `pagination` for a total, with "1.234 <what>" beside it.
 */
export function useUrlFilters(pageSize = 20) {
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const page = Number(params.get('page') ?? 1);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const pagination = (total: number | undefined, what: string) => ({
    current: page,
    pageSize,
    total: total ?? 0,
    onChange: (p: number) => set({ page: String(p) }),
    showSizeChanger: false,
    showTotal: (n: number) => `${formatNumber(n)} ${what}`,
  });
  /** Every filter off (the page's default view). */
  const clear = () => setParams({}, { replace: true });
  return { get, set, clear, page, pageSize, offset: (page - 1) * pageSize, pagination };
}

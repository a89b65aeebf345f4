import { lazy, type ComponentType } from 'react';

/**
 * A page loaded when its route is first opened (its own chunk: charts, forms and tables of one module do
 * not weigh on the first page). `load` returns the page component from its module file.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyPage<P extends object = any>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await load() }));
}

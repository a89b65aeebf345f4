import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** A page loaded on first use; `preload()` starts the download earlier (same request, loaded once). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LazyPage<P extends object = any> = LazyExoticComponent<ComponentType<P>> & {
  preload(): Promise<ComponentType<P>>;
  /** Whether its code is here (rendering it will not wait). */
  isLoaded(): boolean;
};

/**
 * A page loaded when its route is first opened (its own chunk: charts, forms and tables of one module do
 * not weigh on the first page). `load` returns the page component from its module file.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyPage<P extends object = any>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loading: Promise<ComponentType<P>> | undefined;
  let loaded: ComponentType<P> | undefined;
  const preload = () => (loading ??= load().then((c) => (loaded = c)));
  // Already fetched (preloaded): answered at once, so React renders it in the same pass instead of showing
  // the fallback and retrying later (React holds a fallback ~300 ms before revealing what was behind it).
  const now = (c: ComponentType<P>) => ({ then: (resolve: (m: { default: ComponentType<P> }) => void) => resolve({ default: c }) });
  return Object.assign(
    lazy(() => (loaded ? now(loaded) : preload().then((c) => ({ default: c }))) as Promise<{ default: ComponentType<P> }>),
    { preload, isLoaded: () => loaded !== undefined },
  );
}

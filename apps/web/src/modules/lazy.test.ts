import { createElement, Suspense } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { lazyPage } from './lazy';

const Page = () => createElement('p', null, 'Tổng quan');
const inSuspense = (C: ReturnType<typeof lazyPage>) =>
  renderToString(createElement(Suspense, { fallback: createElement('i', null, 'Đang tải…') }, createElement(C)));

describe('lazyPage', () => {
  it('downloads once however often it is preloaded or rendered', async () => {
    let loads = 0;
    const P = lazyPage(async () => (loads++, Page));
    expect(P.isLoaded()).toBe(false);
    await Promise.all([P.preload(), P.preload()]);
    inSuspense(P);
    expect(loads).toBe(1);
    expect(P.isLoaded()).toBe(true);
  });

  it('renders a preloaded page in the same pass, without its fallback', async () => {
    const P = lazyPage(async () => Page);
    await P.preload();
    expect(inSuspense(P)).toBe('<!--$--><p>Tổng quan</p><!--/$-->'); // the page, not the fallback
  });

  it('shows the fallback while a page not yet loaded downloads', () => {
    const P = lazyPage(() => new Promise<typeof Page>(() => undefined));
    expect(inSuspense(P)).toContain('Đang tải…');
  });
});

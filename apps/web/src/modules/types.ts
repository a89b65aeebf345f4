import type { ReactNode } from 'react';
import type { LazyPage } from './lazy';

/** What the home page passes a module's panel: the unit being viewed (code; undefined = whole province). */
export interface HomePanelProps {
  unit: string | undefined;
  today: string;
}

/**
 * A business module of the web app: its menu entry, its pages (routes under `path`), and what it shows
 * on the home page. A module not yet built has only the entry and shows a page saying so.
 */
export interface WebModule {
  path: string;
  label: string;
  icon: ReactNode;
  description: string;
  /** The module's routes, relative to `path` ("" is its main page). */
  routes?: { path: string; element: ReactNode }[];
  /** Signed-in pages shown without the staff menu (the counter kiosk's locked screen), relative to `path`. */
  fullScreenRoutes?: { path: string; element: ReactNode }[];
  /** Pages for everyone, without login, under `/public/` (full paths). */
  publicRoutes?: { path: string; element: ReactNode }[];
  /** Statistic cards on the home page (antd Col elements, xs=12 md=6), loaded with the home page. */
  HomePanel?: LazyPage<HomePanelProps>;
}

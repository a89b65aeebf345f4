import { installModules, type AppServices } from '@cchc/core';
import { MODULES } from './modules';
import { buildApp } from './app';

/** The OpenAPI document of every route, built without a database (for the client generator and its check). */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  // Routes only read services inside handlers, so an empty object is enough to describe them.
  const noServices = {} as AppServices;
  installModules(MODULES);
  const app = await buildApp({ services: noServices, modules: MODULES, cookieSecret: 'openapi-only-openapi-only-openapi' });
  await app.ready();
  const doc = app.swagger() as unknown as Record<string, unknown>;
  await app.close();
  return doc;
}

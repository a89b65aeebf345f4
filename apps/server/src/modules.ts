import type { DemoSeeder, MigrationSet } from '@cchc/core';
import { indicesDemo, indicesMigrations } from '@cchc/indices';

/** The one place that knows every module: their migrations and demo data (routes are in app.ts). */
export const moduleMigrations: MigrationSet[] = [indicesMigrations];
export const demoSeeders: DemoSeeder[] = [indicesDemo];

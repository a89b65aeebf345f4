import type { DemoSeeder, MigrationSet } from '@cchc/core';

/** The one place that knows every module: their migrations and demo data (routes are in app.ts). */
export const moduleMigrations: MigrationSet[] = [];
export const demoSeeders: DemoSeeder[] = [];

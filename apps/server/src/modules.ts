import type { DemoSeeder, MigrationSet } from '@cchc/core';
import { indicesDemo, indicesMigrations } from '@cchc/indices';
import { directivesDemo, directivesMigrations } from '@cchc/directives';
import { dossiersDemo, dossiersMigrations } from '@cchc/dossiers';

/** The one place that knows every module: their migrations and demo data (routes are in app.ts). */
export const moduleMigrations: MigrationSet[] = [indicesMigrations, directivesMigrations, dossiersMigrations];
export const demoSeeders: DemoSeeder[] = [indicesDemo, directivesDemo, dossiersDemo];

import './dossiers.policy';

export { dossiersMigrations } from './dossiers.schema';
export { registerDossierRoutes } from './dossiers.routes';
export { dossiersDemo } from './dossiers.demo';
export { runDossierImport } from './dossier.import';
export { generateDossierCsv } from './dossiers.generate';
export { recoverInterruptedImports } from './dossier.recovery';

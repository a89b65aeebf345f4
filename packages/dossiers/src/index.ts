import { defineModule } from '@cchc/core';
import { dossiersMigrations } from './dossiers.migrations';
import { dossiersGlobalActions, dossiersRules } from './dossiers.policy';
import { registerDossierRoutes } from './dossiers.routes';
import { dossiersDemo } from './dossiers.demo';
import { recoverInterruptedImports } from './dossier.recovery';
import { dossiersApologyCompliance, dossiersOnTimeRate } from './dossier.metrics';
import { dossierFrame } from './dossier.frame';

/** Dossiers imported from the provincial procedure system: on time and late, apologies, the 766 index. */
export const dossiersModule = defineModule({
  name: 'dossiers',
  label: 'Hồ sơ TTHC',
  migrations: dossiersMigrations,
  rules: dossiersRules,
  globalActions: dossiersGlobalActions,
  routes: registerDossierRoutes,
  demo: dossiersDemo,
  jobs: [
    {
      // Imports a dead process left running: the embedded database has one process (locked), so all of
      // them; on PostgreSQL other instances may be importing, so those whose heartbeat stopped 2 minutes ago.
      name: 'import-recovery',
      atStart: true,
      everyMs: (s) => (s.dbKind === 'postgresql' ? 60_000 : null),
      async run(s) {
        const n = await recoverInterruptedImports(s, { staleMs: s.dbKind === 'pglite' ? 0 : 2 * 60_000 });
        if (n)
          return `${n} lần nhập hồ sơ bị gián đoạn (máy chủ dừng giữa chừng) đã được đánh dấu; số liệu tổng hợp của các tháng liên quan đã tính lại.`;
      },
    },
  ],
  metrics: [dossiersOnTimeRate, dossiersApologyCompliance],
  dossierFrame,
  auditLabels: {
    actions: {
      'dossier.import': 'Nhập hồ sơ thủ tục hành chính',
      'dossier.mapping': 'Ghép mã đơn vị, thủ tục của hồ sơ',
      'dossier.official766': 'Nhập điểm Bộ chỉ số 766 chính thức',
    },
    entities: { dossier_import: 'Lần nhập hồ sơ', dossier_mapping: 'Ghép mã hồ sơ', index766: 'Bộ chỉ số 766' },
    fields: { period: 'Kỳ', accepted: 'Số hồ sơ nhận', duplicates: 'Số hồ sơ trùng', sourceCode: 'Mã nguồn', target: 'Mã trong hệ thống' },
  },
});

export { runDossierImport } from './dossier.import';
export { generateDossierCsv } from './dossiers.generate';
export { recoverInterruptedImports } from './dossier.recovery';

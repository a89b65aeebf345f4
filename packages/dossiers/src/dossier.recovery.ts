/**
 * After a crash: imports still marked `running` whose heartbeat stopped are marked `interrupted`
 * (with an audit row), and the rollups of the months their committed batches touched are rebuilt, so
 * the statistics match the rows that were written. Batches are whole (one transaction each); running
 * the same file again continues without duplicates.
 */
import { recordAudit, systemContext, type AppServices } from '@cchc/core';
import { refreshRollups } from './dossier.stats';

export async function recoverInterruptedImports(s: AppServices, opts: { staleMs: number }): Promise<number> {
  const cutoff = new Date(s.now().getTime() - opts.staleMs);
  const stale = await s.db
    .selectFrom('dossierImport')
    .select(['id', 'filename', 'rowsRead', 'touchedMonths', 'startedAt'])
    .where('provinceCode', '=', s.provinceCode)
    .where('status', '=', 'running')
    .where((eb) => eb(eb.fn.coalesce('heartbeatAt', 'startedAt'), '<=', cutoff))
    .execute();
  for (const imp of stale) {
    await s.db.transaction().execute(async (tx) => {
      const claimed = await tx
        .updateTable('dossierImport')
        .set({ status: 'interrupted', finishedAt: s.now() })
        .where('id', '=', imp.id)
        .where('status', '=', 'running')
        .executeTakeFirst();
      if (!claimed.numUpdatedRows) return; // another instance got there first
      await refreshRollups(tx, s.provinceCode, imp.touchedMonths ?? []);
      await recordAudit(tx, systemContext(`recover-import-${imp.id}`), 'dossier.import.interrupted', {
        entityType: 'dossier_import',
        entityId: imp.id,
        before: { status: 'running' },
        after: { status: 'interrupted', file: imp.filename, rowsRead: imp.rowsRead, rebuiltMonths: imp.touchedMonths },
      });
    });
  }
  return stale.length;
}

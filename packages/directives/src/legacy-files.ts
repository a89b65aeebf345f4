/**
 * Before core had a file store, evidence was kept in `task_evidence.data` and a directive's source in
 * `directive.source_data` (bytea). At start, whatever is still there moves into the store, in chunks, one
 * transaction per chunk (a crash leaves the rest for the next start). The columns stay, empty.
 */
import { inTransaction, type AppServices } from '@cchc/core';
import { EVIDENCE_OWNER } from './evidence.service';
import { SOURCE_OWNER } from './directive.service';

const CHUNK = 50;

export async function moveLegacyFiles(s: AppServices): Promise<string | void> {
  let evidence = 0;
  let sources = 0;
  for (;;) {
    const moved = await inTransaction(s.db, async (tx) => {
      const rows = await tx
        .selectFrom('taskEvidence as e')
        .innerJoin('taskReport as r', 'r.id', 'e.reportId')
        .innerJoin('task as t', 't.id', 'r.taskId')
        .select(['e.id', 'e.reportId', 'e.filename', 'e.mime', 'e.data', 'e.uploadedBy', 'e.uploadedAt', 't.leadUnitId'])
        .orderBy('e.id')
        .limit(CHUNK)
        .forUpdate()
        .execute();
      for (const r of rows) {
        const link = await s.files.attach(tx, {
          data: r.data,
          filename: r.filename,
          mime: r.mime,
          ownerType: EVIDENCE_OWNER,
          ownerId: r.reportId,
          unitId: r.leadUnitId,
          uploadedBy: r.uploadedBy,
        });
        await tx.updateTable('fileLink').set({ uploadedAt: r.uploadedAt }).where('id', '=', link.id).execute();
      }
      if (rows.length)
        await tx
          .deleteFrom('taskEvidence')
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
      return rows.length;
    });
    evidence += moved;
    if (moved < CHUNK) break;
  }
  for (;;) {
    const moved = await inTransaction(s.db, async (tx) => {
      const rows = await tx
        .selectFrom('directive')
        .select(['id', 'sourceFilename', 'sourceMime', 'sourceData'])
        .where('sourceData', 'is not', null)
        .orderBy('id')
        .limit(CHUNK)
        .forUpdate()
        .execute();
      for (const r of rows) {
        await s.files.attach(tx, {
          data: r.sourceData!,
          filename: r.sourceFilename ?? 'van-ban',
          mime: r.sourceMime ?? 'application/octet-stream',
          ownerType: SOURCE_OWNER,
          ownerId: r.id,
          unitId: null,
          uploadedBy: null,
        });
        await tx.updateTable('directive').set({ sourceData: null }).where('id', '=', r.id).execute();
      }
      return rows.length;
    });
    sources += moved;
    if (moved < CHUNK) break;
  }
  if (evidence || sources) return `Đã chuyển ${evidence} tệp minh chứng và ${sources} tệp gốc văn bản vào kho tệp.`;
}

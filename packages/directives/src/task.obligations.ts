/**
 * Keeps `task_obligation` equal to what the pure `obligations()` says for each task: written when a
 * directive is saved and recomputed for every task when the working calendar changes.
 */
import type { Db, WorkingCalendar } from '@cchc/core';
import { obligations } from './task.domain';

const CHUNK = 2_000;

/** `schemaBeforeCancel`: for the migration that ran before tasks could be cancelled (no such column then). */
export async function syncObligations(
  db: Db,
  cal: WorkingCalendar,
  taskIds: number[] | 'all',
  opts: { schemaBeforeCancel?: boolean } = {},
): Promise<number> {
  let q = db
    .selectFrom('task as t')
    .innerJoin('directive as d', 'd.id', 't.directiveId')
    .select(['t.id', 'd.issuedOn', 't.dueDate', 't.recurrence', 't.reportDays', 't.recurUntil'])
    .$if(!opts.schemaBeforeCancel, (q) => q.where('t.cancelledAt', 'is', null)); // a removed task owes nothing
  if (taskIds !== 'all') {
    if (!taskIds.length) return 0;
    q = q.where('t.id', 'in', taskIds);
  }
  const tasks = await q.execute();
  const rows = tasks.flatMap((t) =>
    obligations(
      { start: t.issuedOn, dueDate: t.dueDate, recurrence: t.recurrence, reportDays: t.reportDays, recurUntil: t.recurUntil },
      cal,
    ).map((o) => ({
      taskId: Number(t.id),
      periodKey: o.periodKey,
      periodLabel: o.periodLabel,
      periodEnd: o.periodEnd,
      dueDate: o.dueDate,
    })),
  );
  const write = async (tx: Db) => {
    if (taskIds === 'all') await tx.deleteFrom('taskObligation').execute();
    else await tx.deleteFrom('taskObligation').where('taskId', 'in', taskIds).execute();
    for (let i = 0; i < rows.length; i += CHUNK)
      await tx
        .insertInto('taskObligation')
        .values(rows.slice(i, i + CHUNK))
        .execute();
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
  return rows.length;
}

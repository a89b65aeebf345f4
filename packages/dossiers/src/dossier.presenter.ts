/** How dossier rows are shown through the API: local date-times, outcome and apology status in words. */
import { formatLocalDateTime } from '@cchc/core';
import { OUTCOME_LABELS, outcome, type Outcome } from './dossier.domain';
import type { DossierListRow, DossierRow, HistoryRow, ImportRow } from './dossier.repository';

const t = (x: Date | null) => (x ? formatLocalDateTime(x) : null);

/** Whether a late dossier's apology was sent on time, late, not at all — or was not needed. */
function apologyOf(r: { apologyDate: string | null; apologyDeadline: string | null }, o: Outcome) {
  if (r.apologyDate) return r.apologyDeadline && r.apologyDate <= r.apologyDeadline ? 'compliant' : 'late';
  return o === 'late' || o === 'open_overdue' ? 'missing' : 'not_needed';
}

export function presentListRow(r: DossierListRow, asOf: string) {
  const o = outcome(r.dueDate, r.finishedAt, r.supplementCount, asOf);
  return {
    ...r,
    receivedAt: formatLocalDateTime(r.receivedAt),
    finishedAt: t(r.finishedAt),
    outcome: o,
    outcomeLabel: OUTCOME_LABELS[o],
    apology: apologyOf(r, o),
  };
}

export function presentDossier(d: DossierRow, history: HistoryRow[], today: string) {
  const o = outcome(d.dueDate, d.finishedAt, d.supplementCount, today);
  return {
    code: d.code,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    unitCode: d.unitCode,
    channel: d.channel,
    state: d.state,
    receivedAt: t(d.receivedAt)!,
    appointmentAt: t(d.appointmentAt),
    finishedAt: t(d.finishedAt),
    dueDate: d.dueDate,
    timeLimit: d.timeLimit,
    timeUnit: d.timeUnit,
    supplements: d.supplements,
    supplementCount: d.supplementCount,
    apologyAt: t(d.apologyAt),
    apologyDeadline: d.apologyDeadline,
    newAppointmentAt: t(d.newAppointmentAt),
    official: d.official,
    lateCause: d.lateCause,
    flagged: d.flagged,
    outcome: o,
    outcomeLabel: OUTCOME_LABELS[o],
    history: history.map((h) => ({
      changedAt: formatLocalDateTime(h.changedAt),
      before: h.before,
      after: h.after,
      flagged: h.flagged,
      filename: h.filename,
    })),
  };
}

const IMPORT_STATUS: Record<string, string> = {
  running: 'Đang nhập',
  done: 'Hoàn tất',
  interrupted: 'Bị gián đoạn (máy chủ dừng giữa chừng; các lô đã ghi được giữ, nhập lại tệp để tiếp tục)',
  refused: 'Tệp bị từ chối',
};

export function presentImport(r: ImportRow) {
  return {
    ...r,
    id: Number(r.id),
    statusLabel: IMPORT_STATUS[r.status] ?? r.status,
    startedAt: formatLocalDateTime(r.startedAt),
    finishedAt: t(r.finishedAt),
  };
}

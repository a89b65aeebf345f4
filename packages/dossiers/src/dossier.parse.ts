/**
 * Rows of an import → lines ready for COPY, and what the writer needs to decide insert, update or
 * unchanged. (Preparing on a worker thread was measured: +9 % rows/s with an unbounded heap, nothing
 * under the server's 256 MB heap limit, ~70 MB more memory — so rows are prepared inline. See README.)
 */
import { copyLine, parseCopyLine, type WorkingCalendar } from '@cchc/core/domain';
import { HASHED, parseRow, type Columns, type DossierRecord, type RowError } from './dossier.row';

/** The record's columns in one fixed order, for COPY. */
const RECORD_KEYS = [...HASHED, 'rowHash'] as const satisfies readonly (keyof DossierRecord)[];
const everyColumnWritten: [Exclude<keyof DossierRecord, (typeof RECORD_KEYS)[number]>] extends [never] ? true : false = true;
void everyColumnWritten;
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
export const DOSSIER_COLUMNS = ['province_code', ...RECORD_KEYS.map(snake), 'last_import_id', 'updated_at'];

/** What a dossier's history keeps of each version, read back from a prepared row's COPY line. */
export function snapshotOfLine(line: string) {
  const v = parseCopyLine(line);
  const at = (c: string) => v[DOSSIER_COLUMNS.indexOf(c)] ?? null;
  const num = (c: string) => (at(c) === null ? null : Number(at(c)));
  return {
    finishedAt: at('finished_at'),
    appointmentAt: at('appointment_at'),
    state: num('state'),
    dueDate: at('due_date'),
    apologyAt: at('apology_at'),
    unitCode: at('unit_code'),
    procedureCode: at('procedure_code'),
  };
}

/** A valid row, ready to write: its COPY line (DOSSIER_COLUMNS) and what the writer decides on. */
export interface PreparedRow {
  row: number;
  code: string;
  rowHash: string;
  receivedMonth: string;
  finishedAt: number | null;
  unitCode: string;
  line: string;
}

export type Prepared = PreparedRow | { row: number; errors: RowError[] };

export interface PrepareSetup {
  columns: Columns;
  calendar: WorkingCalendar;
  unitCodes: ReadonlySet<string>;
  /** Units whose dossiers the importer may write; null = the whole province. */
  allowedUnits: ReadonlySet<string> | null;
  provinceCode: string;
  importId: number;
  /** updated_at of every row the import writes. */
  stamp: string;
}

export function prepareRows(rows: string[][], firstRow: number, setup: PrepareSetup): Prepared[] {
  return rows.map((cells, i) => {
    const row = firstRow + i;
    const parsed = parseRow(cells, setup.columns, row, setup.calendar, setup.unitCodes);
    if ('errors' in parsed) return { row, errors: parsed.errors };
    const r = parsed.record;
    if (setup.allowedUnits && !setup.allowedUnits.has(r.unitCode)) {
      return {
        row,
        errors: [
          {
            row,
            field: 'ma_don_vi',
            message: `Dòng ${row}, cột "ma_don_vi": đơn vị "${r.unitCode}" ngoài phạm vi đơn vị của bạn; dòng này không được nhập.`,
          },
        ],
      };
    }
    const values: unknown[] = [setup.provinceCode];
    for (const k of RECORD_KEYS) values.push(r[k]);
    values.push(setup.importId, setup.stamp);
    return {
      row,
      code: r.code,
      rowHash: r.rowHash,
      receivedMonth: r.receivedMonth,
      finishedAt: r.finishedAt?.getTime() ?? null,
      unitCode: r.unitCode,
      line: copyLine(values as never),
    };
  });
}

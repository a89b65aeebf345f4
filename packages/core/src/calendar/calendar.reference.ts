import fs from 'node:fs';
import path from 'node:path';
import { parseCsvRecords } from '../files/csv-text';
import type { CalendarEntry } from './calendar.domain';
import { statutoryHolidays } from './calendar.domain';
import { referenceDataDir } from '../reference-data';

interface NonWorkingRow {
  date: string;
  type: string;
  name: string;
  source_url: string;
}

/** The announced civil-service schedules 2019–2026 from shared/data/holidays. */
export function readAnnouncedCalendar(dir = path.join(referenceDataDir(), 'holidays')): CalendarEntry[] {
  const text = fs.readFileSync(path.join(dir, 'vn_public_sector_nonworking_weekdays_2019_2026.csv'), 'utf8');
  const rows = parseCsvRecords(text) as unknown as NonWorkingRow[];
  // The source names one holiday in English ("Quốc khánh 2026 (5 days)"): users read Vietnamese.
  const name = (n: string) => n.replace(/\((\d+) days\)/, '($1 ngày)');
  return rows.map((r) => ({
    date: r.date,
    kind: r.type === 'makeup_workday' ? 'makeup_workday' : 'day_off',
    name: r.type === 'makeup_workday' ? `Làm bù (${name(r.name)})` : name(r.name),
    source: r.source_url,
  }));
}

/** Announced years as published, then statutory defaults for the following years up to `untilYear`. */
export function defaultCalendar(untilYear = 2030): CalendarEntry[] {
  const announced = readAnnouncedCalendar();
  const lastYear = Math.max(...announced.map((e) => Number(e.date.slice(0, 4))));
  const projected: CalendarEntry[] = [];
  for (let y = lastYear + 1; y <= untilYear; y++) projected.push(...statutoryHolidays(y));
  return [...announced, ...projected];
}

/**
 * Deterministic dossier exports for the demo and the benchmark: real procedure codes, real commune
 * codes, receipt times in office hours (some after 15:00), supplements, apologies, late patterns that
 * differ by unit. Yields CSV lines in the canonical format, so they go through the real import.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  addDays,
  parseCsvRecords,
  formatLocalDateTime,
  isWorkingDay,
  nextWorkingDay,
  referenceDataDir,
  seededRandom,
  type WorkingCalendar,
} from '@cchc/core';
import { dueDate } from './dossier.domain';

export function loadProcedures(limit = 300): { code: string; name: string }[] {
  const rows = parseCsvRecords(fs.readFileSync(path.join(referenceDataDir(), 'procedures', 'national_procedure_codes.csv'))) as unknown as {
    code: string;
    name: string;
    weight: string;
  }[];
  return rows
    .sort((a, b) => Number(b.weight) - Number(a.weight))
    .slice(0, limit)
    .map((r) => ({ code: r.code, name: r.name }));
}

const HEADER =
  'ma_ho_so,ma_tthc,ten_tthc,ma_don_vi,kenh,ngay_tiep_nhan,ngay_hen_tra,ngay_ket_thuc,trang_thai,thoi_han,don_vi_thoi_han,bo_sung,ngay_xin_loi,ngay_hen_tra_moi,can_bo_xu_ly,nguyen_nhan_tre_han,thanh_toan_truc_tuyen,ho_so_so_hoa,ket_qua_dien_tu,lien_he_nguoi_nop';
const CAUSES = [
  'Cán bộ chậm xử lý do quá tải hồ sơ',
  'Chờ ý kiến liên thông của cơ quan khác',
  'Người dân chưa bổ sung đủ giấy tờ',
  'Phần mềm kết thúc trễ trên hệ thống',
  'Phải xác minh thực địa',
  '',
];
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const GIVEN = [
  'Văn An',
  'Thị Bình',
  'Minh Châu',
  'Thanh Dũng',
  'Thị Hoa',
  'Quốc Huy',
  'Ngọc Lan',
  'Văn Nam',
  'Thị Oanh',
  'Hữu Phước',
  'Thị Quyên',
  'Văn Sơn',
];
const LIMITS = [1, 2, 3, 5, 7, 10, 15, 20];

const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const local = (d: Date) => formatLocalDateTime(d).slice(0, 19);

export interface GenerateOptions {
  count: number;
  units: string[];
  year: number;
  /** The first day of receipts (1 January of `year` when not given); receipts run to `today` or the year's end. */
  from?: string;
  /** Dossiers are judged against this day: later receipts are not generated, recent ones may be open. */
  today: string;
  seed?: number;
  codePrefix?: string;
}

export function* generateDossierCsv(cal: WorkingCalendar, o: GenerateOptions): Generator<string> {
  const rnd = seededRandom(o.seed ?? 20260101);
  const contactRnd = seededRandom((o.seed ?? 20260101) + 1);
  const procedures = loadProcedures();
  const unitLate = new Map(o.units.map((u) => [u, 0.02 + rnd() * rnd() * 0.3]));
  const unitOfficials = new Map(
    o.units.map((u) => [
      u,
      Array.from(
        { length: 2 + Math.floor(rnd() * 3) },
        () => `${SURNAMES[Math.floor(rnd() * SURNAMES.length)]} ${GIVEN[Math.floor(rnd() * GIVEN.length)]}`,
      ),
    ]),
  );
  const start = o.from ?? `${o.year}-01-01`;
  const days = Math.max(
    1,
    Math.round((Date.parse(o.today < `${o.year}-12-31` ? o.today : `${o.year}-12-31`) - Date.parse(start)) / 86_400_000),
  );
  yield HEADER;
  for (let i = 0; i < o.count; i++) {
    const unit = o.units[Math.floor(Math.pow(rnd(), 1.6) * o.units.length)]!;
    const proc = procedures[Math.floor(Math.pow(rnd(), 2) * procedures.length)]!;
    let day = addDays(start, Math.floor(rnd() * days));
    if (!isWorkingDay(cal, day) && rnd() < 0.9) day = nextWorkingDay(cal, day);
    const minute = 7 * 60 + 30 + Math.floor(rnd() * 570);
    const receivedAt = new Date(
      `${day}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+07:00`,
    );
    const limit = LIMITS[Math.floor(rnd() * LIMITS.length)]!;
    const channel = rnd() < 0.4 ? 2 : rnd() < 0.92 ? 1 : 3;
    const supplements: { start: Date; end: Date }[] = [];
    if (rnd() < 0.08) {
      const s0 = new Date(receivedAt.getTime() + (1 + Math.floor(rnd() * 3)) * 86_400_000);
      supplements.push({ start: s0, end: new Date(s0.getTime() + (1 + Math.floor(rnd() * 5)) * 86_400_000) });
      if (rnd() < 0.12) {
        const s1 = new Date(supplements[0]!.end.getTime() + 86_400_000);
        supplements.push({ start: s1, end: new Date(s1.getTime() + 2 * 86_400_000) });
      }
    }
    const due = dueDate(cal, { receivedAt, appointmentAt: null, timeLimit: limit, timeUnit: 'ngay_lam_viec', supplements })!;
    const late = rnd() < unitLate.get(unit)!;
    const finishDay = late ? addDays(due, 1 + Math.floor(rnd() * 12)) : addDays(due, -Math.floor(rnd() * Math.min(limit, 4)));
    const finishedAt =
      finishDay <= o.today && rnd() > 0.01
        ? new Date(`${finishDay}T${String(8 + Math.floor(rnd() * 9)).padStart(2, '0')}:15:00+07:00`)
        : null;
    let apology = '';
    if ((late || !finishedAt) && due <= o.today && rnd() < 0.6)
      apology = local(new Date(`${addDays(due, rnd() < 0.7 ? -2 : 0)}T09:00:00+07:00`));
    const officials = unitOfficials.get(unit)!;
    const giveAppointment = rnd() < 0.6;
    yield [
      `${o.codePrefix ?? 'H'}${String(i + 1).padStart(8, '0')}`,
      proc.code,
      q(proc.name),
      unit,
      String(channel),
      local(receivedAt),
      giveAppointment ? `${due}T17:00:00` : '',
      finishedAt ? local(finishedAt) : '',
      finishedAt ? '10' : '4',
      giveAppointment ? '' : String(limit),
      giveAppointment ? '' : 'ngay_lam_viec',
      supplements.map((w) => `${local(w.start)}/${local(w.end)}`).join(';'),
      apology,
      apology ? `${addDays(due, 5)}T17:00:00` : '',
      q(officials[Math.floor(rnd() * officials.length)]!),
      late ? q(CAUSES[Math.floor(rnd() * CAUSES.length)]!) : '',
      rnd() < 0.5 ? (rnd() < 0.35 ? '1' : '0') : '',
      rnd() < 0.62 ? '1' : '0',
      finishedAt ? (rnd() < 0.55 ? '1' : '0') : '',
      // A separate stream, so the dossiers themselves are those of before; some people come back.
      contactRnd() < 0.85 ? `09${String(10_000_000 + Math.floor(contactRnd() * o.count * 0.8)).slice(-8)}` : '',
    ].join(',');
  }
}

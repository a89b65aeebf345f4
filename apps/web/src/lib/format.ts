import dayjs from 'dayjs';
import 'dayjs/locale/vi';

dayjs.locale('vi');

/** 2025-09-03 → 03/09/2025 (the way dates are written in Vietnamese documents). */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso.slice(0, 10)).format('DD/MM/YYYY') : '';
}

/** An ISO date-time with +07:00 → 03/09/2025 14:20. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : iso;
}

export function formatNumber(n: number): string {
  return n.toLocaleString('vi-VN');
}

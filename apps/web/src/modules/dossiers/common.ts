/** What the dossier tabs share: row types, the grouping options, the date range. */
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Schemas } from '@cchc/api-client';

export type StatsRow = Schemas['DossierStatsRow'];
export type GroupBy = 'unit' | 'procedure' | 'sector' | 'channel' | 'month' | 'official';
export type ImportReply = Schemas['DossierImportReply'];
export type Index766 = Schemas['Index766'];

export const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : 0);
export const GROUPS: { value: GroupBy; label: string }[] = [
  { value: 'unit', label: 'Đơn vị' },
  { value: 'procedure', label: 'Thủ tục' },
  { value: 'sector', label: 'Lĩnh vực (mã)' },
  { value: 'channel', label: 'Kênh' },
  { value: 'month', label: 'Tháng' },
  { value: 'official', label: 'Cán bộ' },
];

export function useRange() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  return { range, setRange, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
}

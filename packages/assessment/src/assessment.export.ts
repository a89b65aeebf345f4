/** The results of a round as XLSX: one row per unit with its totals, index, rank and band. */
import { tablesToXlsx } from '@cchc/core';
import type { ResultRow } from './results.domain';

export async function resultsXlsx(rows: ResultRow[], round: { id: number; year: number; name: string }) {
  const data = await tablesToXlsx([
    {
      name: 'Kết quả',
      title: `Kết quả chỉ số cải cách hành chính năm ${round.year} – ${round.name}`,
      columns: [
        { header: 'Hạng', key: 'rank', width: 8 },
        { header: 'Mã', key: 'unitCode', width: 14 },
        { header: 'Đơn vị', key: 'unitName', width: 40 },
        { header: 'Tự chấm', key: 'self', numFmt: '0.00' },
        { header: 'Thẩm định', key: 'appraised', numFmt: '0.00' },
        { header: 'Khảo sát', key: 'survey', numFmt: '0.00' },
        { header: 'Điểm thưởng', key: 'bonus', numFmt: '0.00' },
        { header: 'Điểm trừ', key: 'penalty', numFmt: '0.00' },
        { header: 'Tổng điểm', key: 'total', numFmt: '0.00' },
        { header: 'Điểm tối đa', key: 'max', numFmt: '0.00' },
        { header: 'Chỉ số (%)', key: 'index', numFmt: '0.00' },
        { header: 'Xếp loại', key: 'band', width: 14 },
      ],
      rows,
    },
  ]);
  return { filename: `ket-qua-chi-so-cchc-${round.year}-dot-${round.id}.xlsx`, data };
}

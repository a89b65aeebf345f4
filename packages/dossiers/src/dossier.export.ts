/**
 * The dossiers module's XLSX documents: the statistics table, the apology breaches, and the period report
 * in the shape of the official forms 06 and 07. Writers only: the service loads and checks the data.
 */
import { formatDate, tablesToXlsx } from '@cchc/core';
import { LATE_CAUSE_CATEGORIES, lateCauseCategory } from './dossier.domain';
import type { StatsRow } from './dossier.stats';
import type { periodReport } from './dossier.reports';

type PeriodRow = Awaited<ReturnType<typeof periodReport>>[number];

const dmy = formatDate;
type Range = { from: string; to: string; asOf: string };

export async function statsXlsx(rows: StatsRow[], p: Range & { groupBy: string }) {
  const data = await tablesToXlsx([
    {
      name: 'Tình hình giải quyết',
      title: `Tình hình giải quyết hồ sơ TTHC tiếp nhận từ ${dmy(p.from)} đến ${dmy(p.to)} (tính đến ${dmy(p.asOf)})`,
      columns: [
        { header: 'Mã', key: 'key', width: 14 },
        { header: 'Tên', key: 'label', width: 40 },
        { header: 'Tiếp nhận', key: 'received' },
        { header: 'Đã giải quyết', key: 'resolved', width: 14 },
        { header: 'Trước hạn', key: 'early' },
        { header: 'Đúng hạn', key: 'onTime' },
        { header: 'Trễ hạn', key: 'late' },
        { header: 'Đang giải quyết', key: 'open', width: 15 },
        { header: 'Quá hạn chưa giải quyết', key: 'openOverdue', width: 16 },
        { header: 'Tỷ lệ đúng hạn (%)', key: 'onTimeRate', width: 14, numFmt: '0.00' },
        { header: 'Thư xin lỗi', key: 'apologies' },
        { header: 'Xin lỗi đúng quy định', key: 'apologyCompliant', width: 16 },
        { header: 'Thiếu thư xin lỗi', key: 'apologyMissing', width: 15 },
        { header: 'Trực tuyến', key: 'online' },
        { header: 'Số ngày giải quyết TB', key: 'avgDays', width: 14 },
      ],
      rows: rows.map((r) => ({ ...r, onTimeRate: r.resolved ? ((r.early + r.onTime) / r.resolved) * 100 : null })),
    },
  ]);
  return { filename: `ho-so-${p.groupBy}-${p.from}-${p.to}.xlsx`, data };
}

export async function apologiesXlsx(
  rows: { key: string; label: string | null; missing: number; sentLate: number; repeated: number }[],
  p: Range,
) {
  const data = await tablesToXlsx([
    {
      name: 'Thư xin lỗi',
      title: `Vi phạm về thư xin lỗi, hồ sơ tiếp nhận từ ${dmy(p.from)} đến ${dmy(p.to)} (tính đến ${dmy(p.asOf)})`,
      columns: [
        { header: 'Mã', key: 'key', width: 12 },
        { header: 'Đơn vị', key: 'label', width: 36 },
        { header: 'Thiếu thư xin lỗi', key: 'missing', width: 16 },
        { header: 'Gửi muộn', key: 'sentLate', width: 12 },
        { header: 'Hẹn lại lần hai', key: 'repeated', width: 15 },
      ],
      rows,
    },
  ]);
  return { filename: `thu-xin-loi-${p.from}-${p.to}.xlsx`, data };
}

/**
 * The period report by unit in the shape of the official statistics forms: 06 (dossiers received,
 * resolved and open, with timeliness) and 07 (dossiers resolved late, by cause), one sheet each.
 */
export async function periodReportXlsx(
  rows: PeriodRow[],
  causes: { unitCode: string; lateCause: string | null; n: number }[],
  names: Map<string, string>,
  p: { from: string; to: string },
) {
  const period = `từ ${dmy(p.from)} đến ${dmy(p.to)}`;
  const n = (k: string, header: string) => ({ header, key: k, width: 13 });
  const form06 = rows.map((r) => {
    const received = r.carriedOver + r.receivedOnline + r.receivedOther;
    const resolved = r.resolvedEarly + r.resolvedOnTime + r.resolvedLate;
    return {
      ...r,
      unit: names.get(r.key) ?? r.key,
      received,
      resolved,
      open: r.openInTime + r.openOverdue,
      onTimeRate: resolved ? ((r.resolvedEarly + r.resolvedOnTime) / resolved) * 100 : null,
    };
  });
  const categories = LATE_CAUSE_CATEGORIES.map((c, i) => ({ name: c, key: `c${i}` }));
  const byUnit = new Map<string, Record<string, number | string>>();
  for (const c of causes) {
    const row = byUnit.get(c.unitCode) ?? { key: c.unitCode, unit: names.get(c.unitCode) ?? c.unitCode, total: 0 };
    const cat = categories.find((x) => x.name === lateCauseCategory(c.lateCause))!;
    row[cat.key] = Number(row[cat.key] ?? 0) + Number(c.n);
    row.total = Number(row.total) + Number(c.n);
    byUnit.set(c.unitCode, row);
  }
  const data = await tablesToXlsx([
    {
      name: 'Mẫu 06 - Kết quả giải quyết',
      orientation: 'landscape',
      title: `Tình hình, kết quả giải quyết thủ tục hành chính ${period} (theo đơn vị giải quyết)`,
      columns: [
        { header: 'Mã', key: 'key', width: 12 },
        { header: 'Đơn vị', key: 'unit', width: 36 },
        n('received', 'Tổng số hồ sơ nhận giải quyết'),
        n('carriedOver', 'Kỳ trước chuyển qua'),
        n('receivedOnline', 'Mới tiếp nhận trực tuyến'),
        n('receivedOther', 'Mới tiếp nhận trực tiếp, bưu chính'),
        n('resolved', 'Đã giải quyết'),
        n('resolvedEarly', 'Giải quyết trước hạn'),
        n('resolvedOnTime', 'Giải quyết đúng hạn'),
        n('resolvedLate', 'Giải quyết quá hạn'),
        n('open', 'Đang giải quyết'),
        n('openInTime', 'Đang giải quyết trong hạn'),
        n('openOverdue', 'Đang giải quyết quá hạn'),
        { header: 'Tỷ lệ giải quyết đúng hạn (%)', key: 'onTimeRate', width: 14, numFmt: '0.00' },
      ],
      rows: form06,
    },
    {
      name: 'Mẫu 07 - Nguyên nhân quá hạn',
      orientation: 'landscape',
      title: `Hồ sơ giải quyết quá hạn ${period} theo nguyên nhân`,
      columns: [
        { header: 'Mã', key: 'key', width: 12 },
        { header: 'Đơn vị', key: 'unit', width: 36 },
        n('total', 'Số hồ sơ quá hạn'),
        ...categories.map((c) => ({ header: c.name, key: c.key, width: 18 })),
      ],
      rows: [...byUnit.values()].sort((a, b) => Number(b.total) - Number(a.total)),
    },
  ]);
  return { filename: `bao-cao-ho-so-mau-06-07-${p.from}-${p.to}.xlsx`, data };
}

export async function importErrorsXlsx(importId: number, rows: { row: number; field: string; message: string }[]) {
  const data = await tablesToXlsx([
    {
      name: 'Dòng bị loại',
      columns: [
        { header: 'Dòng', key: 'row' },
        { header: 'Cột', key: 'field', width: 20 },
        { header: 'Lý do', key: 'message', width: 100 },
      ],
      rows,
    },
  ]);
  return { filename: `loi-nhap-ho-so-${importId}.xlsx`, data };
}

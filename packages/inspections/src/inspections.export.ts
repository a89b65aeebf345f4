/**
 * Documents of an inspection in the Decree 30 layout — the record of the visit (biên bản kiểm tra) and the
 * conclusion (kết luận kiểm tra) — and the year's inspection report as DOCX and XLSX.
 */
import { sql } from 'kysely';
import {
  formatDate,
  formatNumber,
  formatPercent,
  getUnitByCode,
  officialDocx,
  tablesToXlsx,
  type Actor,
  type AppServices,
  type Block,
} from '@cchc/core';
import { AREAS, remediation } from './inspections.domain';
import { getInspection, type InspectionView } from './inspection.service';
import { getCoverage } from './coverage.service';

const RESULT_LABELS = { pass: 'Đạt', fail: 'Chưa đạt', na: 'Không áp dụng' } as const;

async function provinceName(s: AppServices) {
  return (await getUnitByCode(s, s.provinceCode)).name;
}
const placeOf = (name: string) => name.replace(/^(Tỉnh|Thành phố) /, '');

function checklistTable(v: InspectionView): Block {
  return {
    type: 'table',
    columns: ['STT', 'Nội dung kiểm tra', 'Kết quả', 'Ghi chú'],
    widths: [7, 55, 14, 24],
    rows: v.checks.map((c, i) => [i + 1, c.text, c.result ? RESULT_LABELS[c.result] : 'Chưa kiểm tra', c.note ?? '']),
  };
}

function findingsTable(v: InspectionView): Block {
  return {
    type: 'table',
    columns: ['STT', 'Tồn tại, hạn chế', 'Mức độ', 'Kiến nghị khắc phục', 'Thời hạn'],
    widths: [7, 38, 12, 30, 13],
    rows: v.findings.map((f, i) => [
      i + 1,
      `${f.text}${f.repeated ? ' (lặp lại)' : ''}`,
      f.severityLabel,
      f.remedy ?? '',
      formatDate(f.dueDate),
    ]),
  };
}

export async function recordDocx(s: AppServices, actor: Actor, id: number) {
  const v = await getInspection(s, actor, id);
  const province = await provinceName(s);
  const data = await officialDocx({
    parentBody: `UBND ${province.toUpperCase()}`,
    issuer: v.kind === 'self' ? (v.byUnitName ?? v.unitName).toUpperCase() : 'ĐOÀN KIỂM TRA CCHC',
    number: 'Số:      /BB-ĐKT',
    place: placeOf(province),
    date: v.date,
    kind: 'BIÊN BẢN',
    title: `Kiểm tra công tác cải cách hành chính tại ${v.unitName}`,
    body: [
      {
        type: 'paragraph',
        text: `Căn cứ ${v.plan.name}; hôm nay, ngày ${formatDate(v.date)}, tại ${v.unitName}, Đoàn kiểm tra tiến hành kiểm tra công tác cải cách hành chính (${v.kindLabel.toLowerCase()}).`,
      },
      { type: 'heading', text: 'I. THÀNH PHẦN' },
      { type: 'paragraph', text: `Trưởng đoàn: ${v.teamLeader ?? '……………………'}.` },
      { type: 'paragraph', text: `Thành viên: ${v.teamMembers ?? '……………………'}.` },
      { type: 'paragraph', text: `Đại diện đơn vị được kiểm tra: ${v.unitName}.` },
      { type: 'heading', text: 'II. NỘI DUNG KIỂM TRA' },
      { type: 'paragraph', text: v.areaLabels.join('; ') + '.' },
      checklistTable(v),
      { type: 'heading', text: 'III. GHI NHẬN CỦA ĐOÀN KIỂM TRA' },
      ...(v.recordText ?? '……………………').split(/\n+/).map((t): Block => ({ type: 'paragraph', text: t })),
      ...(v.findings.length ? [{ type: 'heading', text: 'IV. TỒN TẠI, HẠN CHẾ' } as Block, findingsTable(v)] : []),
      {
        type: 'paragraph',
        text: 'Biên bản được lập thành 02 bản có giá trị như nhau, đã đọc lại cho các thành viên cùng nghe và thống nhất ký tên.',
        italic: true,
      },
    ],
    recipients: ['Đơn vị được kiểm tra', 'Lưu: Đoàn kiểm tra'],
    signer: { position: 'TRƯỞNG ĐOÀN KIỂM TRA', name: v.teamLeader ?? '' },
  });
  return { filename: `bien-ban-kiem-tra-${v.unitCode}-${v.date}.docx`, data };
}

export async function conclusionDocx(s: AppServices, actor: Actor, id: number) {
  const v = await getInspection(s, actor, id);
  const province = await provinceName(s);
  const self = v.kind === 'self';
  const data = await officialDocx({
    parentBody: `UBND ${province.toUpperCase()}`,
    issuer: self ? (v.byUnitName ?? v.unitName).toUpperCase() : 'SỞ NỘI VỤ',
    number: self ? 'Số:      /KL' : 'Số:      /KL-SNV',
    place: placeOf(province),
    date: v.concludedAt ? v.concludedAt.slice(0, 10) : s.today(),
    kind: 'KẾT LUẬN',
    title: `Kiểm tra công tác cải cách hành chính tại ${v.unitName}`,
    body: [
      {
        type: 'paragraph',
        text: `Thực hiện ${v.plan.name}, ngày ${formatDate(v.date)} Đoàn kiểm tra đã kiểm tra công tác cải cách hành chính tại ${v.unitName}. Trên cơ sở biên bản kiểm tra và báo cáo của đơn vị, kết luận như sau:`,
      },
      { type: 'heading', text: '1. Kết quả đạt được' },
      ...(v.conclusion ?? '……………………').split(/\n+/).map((t): Block => ({ type: 'paragraph', text: t })),
      { type: 'heading', text: '2. Tồn tại, hạn chế và kiến nghị khắc phục' },
      ...(v.findings.length ? [findingsTable(v)] : [{ type: 'paragraph', text: 'Không có tồn tại, hạn chế phải khắc phục.' } as Block]),
      {
        type: 'paragraph',
        text: `Yêu cầu ${v.unitName} khắc phục các tồn tại, hạn chế nêu trên đúng thời hạn và báo cáo kết quả trên Hệ thống quản lý cải cách hành chính của tỉnh (mục Nhiệm vụ) kèm tài liệu kiểm chứng.`,
      },
    ],
    recipients: [v.unitName, self ? 'Lưu: VT' : 'UBND tỉnh (để báo cáo)', 'Lưu: VT, CCHC'],
    signer: self ? { position: 'THỦ TRƯỞNG ĐƠN VỊ', name: '' } : { authority: 'KT. GIÁM ĐỐC', position: 'PHÓ GIÁM ĐỐC', name: '' },
  });
  return { filename: `ket-luan-kiem-tra-${v.unitCode}-${v.date}.docx`, data };
}

/** The year's inspections and findings, in SQL aggregates. */
async function yearFigures(s: AppServices, actor: Actor, year: number) {
  const cov = await getCoverage(s, actor, year);
  const today = s.today();
  const asOf = `${year}-12-31` < today ? `${year}-12-31` : today;
  const units = await s.db
    .selectFrom('inspection as i')
    .innerJoin('unit as u', 'u.id', 'i.unitId')
    .leftJoin('inspectionFinding as f', 'f.inspectionId', 'i.id')
    .select([
      'u.code',
      'u.name',
      sql<string>`string_agg(distinct to_char(i.date, 'DD/MM/YYYY'), ', ')`.as('dates'),
      sql<string>`string_agg(distinct i.kind, ',')`.as('kinds'),
      sql<number>`count(f.id)::int`.as('findings'),
      sql<number>`(count(f.id) filter (where f.status = 'remedied'))::int`.as('remedied'),
      sql<number>`(count(f.id) filter (where f.status <> 'remedied' and f.due_date < ${asOf}::date))::int`.as('overdue'),
      sql<number>`(count(f.id) filter (where f.repeat_of is not null))::int`.as('repeated'),
    ])
    .where('i.provinceCode', '=', s.provinceCode)
    .where('i.status', '!=', 'cancelled')
    .where('i.date', '>=', `${year}-01-01`)
    .where('i.date', '<=', asOf)
    .groupBy(['u.code', 'u.name'])
    .orderBy('u.code')
    .execute();
  const byArea = await s.db
    .selectFrom('inspectionFinding as f')
    .innerJoin('inspection as i', 'i.id', 'f.inspectionId')
    .select(['f.area', 'f.status', 'f.dueDate', 'f.severity'])
    .where('i.provinceCode', '=', s.provinceCode)
    .where('i.date', '>=', `${year}-01-01`)
    .where('i.date', '<=', asOf)
    .execute();
  const areas = Object.entries(AREAS)
    .map(([code, label]) => {
      const fs = byArea.filter((f) => f.area === code);
      const r = remediation(fs, asOf);
      return {
        area: label,
        findings: fs.length,
        serious: fs.filter((f) => f.severity === 'serious').length,
        remedied: r.remedied,
        overdue: r.overdue,
        rate: r.rate,
      };
    })
    .filter((a) => a.findings);
  return { cov, units, areas, total: remediation(byArea, asOf) };
}

const KIND_NAMES: Record<string, string> = {
  planned: 'Theo kế hoạch',
  unannounced: 'Đột xuất',
  thematic: 'Chuyên đề',
  self: 'Tự kiểm tra',
};

export async function yearReportXlsx(s: AppServices, actor: Actor, year: number) {
  const { cov, units, areas } = await yearFigures(s, actor, year);
  const data = await tablesToXlsx([
    {
      name: 'Đơn vị đã kiểm tra',
      title: `Kết quả kiểm tra công tác CCHC năm ${year}: ${formatNumber(cov.inspected)}/${formatNumber(cov.units)} đơn vị (${formatPercent(cov.share * 100)}; chỉ tiêu ${formatPercent(cov.target * 100)})`,
      columns: [
        { header: 'Mã', key: 'code', width: 12 },
        { header: 'Đơn vị', key: 'name', width: 40 },
        { header: 'Ngày kiểm tra', key: 'dates', width: 24 },
        { header: 'Hình thức', key: 'kinds', width: 24 },
        { header: 'Số kiến nghị', key: 'findings' },
        { header: 'Đã khắc phục', key: 'remedied' },
        { header: 'Quá hạn', key: 'overdue' },
        { header: 'Lặp lại', key: 'repeated' },
      ],
      rows: units.map((u) => ({
        ...u,
        kinds: u.kinds
          .split(',')
          .map((k) => KIND_NAMES[k] ?? k)
          .join(', '),
      })),
    },
    {
      name: 'Chưa kiểm tra',
      columns: [
        { header: 'Mã', key: 'unitCode', width: 12 },
        { header: 'Đơn vị', key: 'unitName', width: 40 },
        { header: 'Đã có lịch', key: 'scheduled', width: 12 },
      ],
      rows: cov.uninspected.map((u) => ({ ...u, scheduled: u.scheduled ? 'Có' : '' })),
    },
    {
      name: 'Kiến nghị theo nội dung',
      columns: [
        { header: 'Nội dung', key: 'area', width: 50 },
        { header: 'Số kiến nghị', key: 'findings' },
        { header: 'Nghiêm trọng', key: 'serious' },
        { header: 'Đã khắc phục', key: 'remedied' },
        { header: 'Quá hạn', key: 'overdue' },
        { header: 'Tỷ lệ khắc phục (%)', key: 'rate', numFmt: '0.0' },
      ],
      rows: areas,
    },
  ]);
  return { filename: `ket-qua-kiem-tra-cchc-${year}.xlsx`, data };
}

export async function yearReportDocx(s: AppServices, actor: Actor, year: number) {
  const { cov, units, areas, total } = await yearFigures(s, actor, year);
  const province = await provinceName(s);
  const met = cov.share >= cov.target;
  const data = await officialDocx({
    parentBody: `UBND ${province.toUpperCase()}`,
    issuer: 'SỞ NỘI VỤ',
    number: 'Số:      /BC-SNV',
    place: placeOf(province),
    date: s.today(),
    kind: 'BÁO CÁO',
    title: `Kết quả kiểm tra công tác cải cách hành chính năm ${year}`,
    body: [
      { type: 'heading', text: 'I. KẾT QUẢ KIỂM TRA' },
      {
        type: 'paragraph',
        text: `Năm ${year}, đã kiểm tra ${formatNumber(cov.inspected)}/${formatNumber(cov.units)} cơ quan, đơn vị, địa phương (${formatPercent(cov.share * 100)}), ${met ? 'đạt' : 'chưa đạt'} chỉ tiêu ${formatPercent(cov.target * 100)}${met ? '' : `; còn thiếu ${formatNumber(cov.missing)} đơn vị`}.`,
      },
      {
        type: 'table',
        columns: ['STT', 'Đơn vị', 'Ngày kiểm tra', 'Kiến nghị', 'Đã khắc phục', 'Quá hạn'],
        widths: [7, 38, 20, 11, 12, 12],
        rows: units.map((u, i) => [i + 1, u.name, u.dates, u.findings, u.remedied, u.overdue]),
      },
      { type: 'heading', text: 'II. TỒN TẠI, HẠN CHẾ VÀ KẾT QUẢ KHẮC PHỤC' },
      {
        type: 'paragraph',
        text: `Tổng số ${formatNumber(total.findings)} kiến nghị; đến hạn ${formatNumber(total.due)}, đã khắc phục ${formatNumber(total.remedied)} (${formatPercent(total.rate)}), quá hạn ${formatNumber(total.overdue)}.`,
      },
      {
        type: 'table',
        columns: ['Nội dung', 'Kiến nghị', 'Nghiêm trọng', 'Đã khắc phục', 'Quá hạn', 'Tỷ lệ'],
        widths: [40, 11, 12, 13, 11, 13],
        rows: areas.map((a) => [a.area, a.findings, a.serious, a.remedied, a.overdue, formatPercent(a.rate)]),
      },
      { type: 'heading', text: 'III. ĐƠN VỊ CHƯA ĐƯỢC KIỂM TRA' },
      { type: 'paragraph', text: cov.uninspected.length ? cov.uninspected.map((u) => u.unitName).join('; ') + '.' : 'Không có.' },
    ],
    recipients: ['UBND tỉnh (để báo cáo)', 'Bộ Nội vụ', 'Lưu: VT, CCHC'],
    signer: { authority: 'KT. GIÁM ĐỐC', position: 'PHÓ GIÁM ĐỐC', name: '' },
  });
  return { filename: `bao-cao-kiem-tra-cchc-${year}.docx`, data };
}

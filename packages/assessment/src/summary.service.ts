/**
 * A sheet's summary table (biểu tổng hợp tự đánh giá): per criterion the maximum, the self-score, the
 * explanation and the evidence with where the proof is; for the province's PAR INDEX self-assessment
 * also the tasks protecting each area and its latest official score — as XLSX and as a DOCX report in
 * the Decree 30 layout, the table the Ministry asks for.
 */
import { formatFixed, getUnitByCode, officialDocx, tablesToXlsx, type Actor, type AppServices } from '@cchc/core';
import { getSheet } from './round.service';
import { loadRound } from './round.access';

/** A computed criterion with no figure for the unit (results.domain): said the same in the sheet and the exports. */
export const NOT_APPLICABLE = 'không áp dụng với đơn vị, không tính vào điểm tối đa';
const text = (v: number | null | undefined) => (v === null || v === undefined ? '' : formatFixed(v, 2));

async function summaryRows(s: AppServices, actor: Actor, roundId: number, unitCode: string) {
  const sheet = await getSheet(s, actor, roundId, unitCode);
  const round = await loadRound(s, roundId);
  const province = round.unitGroup === 'province';
  const rows = sheet.criteria.map((c) => ({
    code: c.code,
    content: c.content,
    max: text(c.maxPoints),
    self: c.computed ? text(c.computed.points) : text(c.self?.score),
    note: c.computed
      ? `Tính từ dữ liệu (${c.computed.metricKey}): ${c.computed.value === null ? `chưa có số liệu — ${NOT_APPLICABLE}` : `${formatFixed(c.computed.value, 1)} %`}`
      : (c.self?.note ?? ''),
    evidence: c.evidence.map((e) => (e.locator ? `${e.filename} (${e.locator})` : e.filename)).join('; '),
    tasks: c.atRisk ? `${c.atRisk.linked} nhiệm vụ, ${c.atRisk.overdue} quá hạn` : '',
    official: text(c.official),
  }));
  const notApplicable = sheet.criteria.filter((c) => c.computed && c.computed.points === null).reduce((a, c) => a + c.maxPoints, 0);
  const total = sheet.criteria.filter((c) => c.level === 1).reduce((a, c) => a + c.maxPoints, 0) - notApplicable;
  const selfTotal = sheet.criteria
    .filter((c) => c.method && c.method !== 'tru')
    .reduce((a, c) => a + (c.computed ? (c.computed.points ?? 0) : (c.self?.score ?? 0)), 0);
  return { sheet, round, province, rows, total, selfTotal };
}

export async function summaryXlsx(s: AppServices, actor: Actor, roundId: number, unitCode: string) {
  const { sheet, round, province, rows } = await summaryRows(s, actor, roundId, unitCode);
  const data = await tablesToXlsx([
    {
      name: 'Tự đánh giá',
      title: `Tổng hợp tự đánh giá, chấm điểm Chỉ số CCHC năm ${round.year} – ${sheet.unitName}`,
      columns: [
        { header: 'Mã', key: 'code', width: 10 },
        { header: 'Nội dung', key: 'content', width: 60 },
        { header: 'Điểm tối đa', key: 'max', width: 12 },
        { header: 'Tự chấm', key: 'self', width: 10 },
        { header: 'Giải trình, căn cứ', key: 'note', width: 40 },
        { header: 'Tài liệu kiểm chứng', key: 'evidence', width: 40 },
        ...(province
          ? [
              { header: 'Nhiệm vụ liên quan', key: 'tasks', width: 22 },
              { header: 'Điểm chính thức gần nhất', key: 'official', width: 14 },
            ]
          : []),
      ],
      rows,
    },
  ]);
  return { filename: `tu-danh-gia-${round.year}-${sheet.unitCode}.xlsx`, data };
}

export async function summaryDocx(s: AppServices, actor: Actor, roundId: number, unitCode: string) {
  const { sheet, round, province, rows, total, selfTotal } = await summaryRows(s, actor, roundId, unitCode);
  const p = await getUnitByCode(s, s.provinceCode);
  const provinceName = p?.name ?? s.provinceCode;
  const data = await officialDocx({
    parentBody: province ? undefined : `UBND ${provinceName.toUpperCase()}`,
    issuer: province ? `ỦY BAN NHÂN DÂN ${provinceName.toUpperCase()}` : sheet.unitName,
    number: province ? 'Số:      /BC-UBND' : 'Số:      /BC',
    place: provinceName.replace(/^(Tỉnh|Thành phố) /, ''),
    date: s.today(),
    kind: 'BÁO CÁO',
    title: province
      ? `Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm ${round.year} của ${provinceName}`
      : `Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm ${round.year}`,
    body: [
      {
        type: 'paragraph',
        text: `Thực hiện ${round.name}, ${sheet.unitName} tự đánh giá, chấm điểm: tổng điểm tự chấm ${formatFixed(selfTotal, 2)}/${formatFixed(total, 2)} điểm (kể cả điểm thưởng, không kể điểm trừ). Các tiêu chí chưa có tài liệu kiểm chứng được giải trình ở cột "Giải trình, căn cứ".`,
      },
      { type: 'heading', text: 'BIỂU TỔNG HỢP TỰ ĐÁNH GIÁ, CHẤM ĐIỂM' },
      {
        type: 'table',
        columns: [
          'Mã',
          'Nội dung',
          'Tối đa',
          'Tự chấm',
          'Giải trình, căn cứ',
          'Tài liệu kiểm chứng',
          ...(province ? ['Nhiệm vụ liên quan'] : []),
        ],
        widths: province ? [7, 27, 8, 8, 18, 20, 12] : [8, 32, 9, 9, 20, 22],
        rows: rows.map((r) => [r.code, r.content, r.max, r.self, r.note, r.evidence, ...(province ? [r.tasks] : [])]),
      },
    ],
    recipients: province ? ['Bộ Nội vụ', 'Chủ tịch, các Phó Chủ tịch UBND tỉnh', 'Lưu: VT, SNV'] : ['Sở Nội vụ', 'Lưu: VT'],
    signer: province ? { authority: 'TM. ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH', name: '' } : { position: 'THỦ TRƯỞNG ĐƠN VỊ', name: '' },
  });
  return { filename: `bao-cao-tu-danh-gia-${round.year}-${sheet.unitCode}.docx`, data };
}

import {
  formatFixed,
  getUnitByCode,
  renderDepartmentReport,
  tablesToXlsx,
  type Actor,
  type AppServices,
  type Block,
  type ReportFormat,
} from '@cchc/core';
import { listResults } from './indices.service';
import { analysis, type LinkedTasksProvider } from './analysis.service';
import type { IndexCode } from './indices.tables';
import { INDEX_LABELS } from './scheme.catalogue';

type Query = Parameters<typeof analysis>[2];

const n2 = (v: number | null | undefined) => formatFixed(v, 2);
const slug = (q: Query) => `${q.index}-${q.year}-${q.provinceCode}`;

export async function analysisXlsx(s: AppServices, actor: Actor, q: Query, linked?: LinkedTasksProvider) {
  const a = await analysis(s, actor, q, linked);
  const field = await listResults(s, actor, q.index as IndexCode, q.year);
  const codes = a.components.map((c) => c.code);
  const data = await tablesToXlsx([
    {
      name: 'Thành phần',
      title: `${INDEX_LABELS[q.index as IndexCode]} ${q.year} – ${a.main?.name ?? q.provinceCode}: so sánh theo thành phần`,
      columns: [
        { header: 'Mã', key: 'code', width: 8 },
        { header: 'Thành phần', key: 'name', width: 50 },
        { header: 'Điểm', key: 'value', numFmt: '0.00' },
        { header: 'Hạng', key: 'rank' },
        { header: 'Cao nhất', key: 'best', numFmt: '0.00' },
        { header: 'Tỉnh cao nhất', key: 'bestKey' },
        { header: 'Trung vị', key: 'median', numFmt: '0.00' },
        { header: 'TB nhóm so sánh', key: 'peerMean', numFmt: '0.00', width: 16 },
        { header: 'Chênh với cao nhất', key: 'gapToBest', numFmt: '0.00', width: 18 },
        { header: 'Chênh với trung vị', key: 'gapToMedian', numFmt: '0.00', width: 18 },
        { header: 'Chênh với nhóm', key: 'gapToPeers', numFmt: '0.00', width: 16 },
        { header: 'Nhiệm vụ liên kết', key: 'linked', width: 16 },
        { header: 'Trong đó quá hạn', key: 'overdue', width: 16 },
      ],
      rows: a.components.map((c) => ({ ...c, linked: c.tasks.linked, overdue: c.tasks.overdue })),
    },
    {
      name: 'Các tỉnh',
      title: `${INDEX_LABELS[q.index as IndexCode]} ${q.year}: kết quả các tỉnh`,
      columns: [
        { header: 'Mã tỉnh', key: 'provinceCode' },
        { header: 'Tỉnh', key: 'provinceName', width: 28 },
        { header: 'Điểm', key: 'value', numFmt: '0.00' },
        { header: 'Hạng công bố', key: 'rank' },
        { header: 'Hạng tính lại', key: 'rankComputed' },
        ...codes.map((c) => ({ header: c, key: c, numFmt: '0.00' })),
        { header: 'Nguồn', key: 'source', width: 50 },
      ],
      rows: field.map((r) => ({ ...r, ...r.components })),
    },
  ]);
  return { filename: `phan-tich-${slug(q)}.xlsx`, data };
}

/** The briefing for the leaders: the result, where points were lost, what to do — as DOCX to sign or PDF to print. */
export async function analysisReport(s: AppServices, actor: Actor, q: Query, format: ReportFormat, linked?: LinkedTasksProvider) {
  const a = await analysis(s, actor, q, linked);
  const province = await getUnitByCode(s, q.provinceCode);
  const label = INDEX_LABELS[q.index as IndexCode];
  const main = a.main;
  const losses = [...a.components].filter((c) => c.gapToMedian !== null).sort((x, y) => x.gapToMedian! - y.gapToMedian!);
  const weak = losses.filter((c) => c.gapToMedian! < 0);
  /** Only the province's own figure: no rank among others, no best or median to compare with. */
  const compared = a.fieldSize > 1;
  const body: Block[] = [
    { type: 'heading', text: '1. Kết quả chung' },
    {
      type: 'paragraph',
      text: main
        ? `${label} năm ${q.year} của ${main.name}: ${n2(main.value)} điểm${main.rank ? `, xếp thứ ${main.rank}${compared ? `/${a.fieldSize}` : ''}` : ''}` +
          `${main.change !== null ? `, ${main.change >= 0 ? 'tăng' : 'giảm'} ${n2(Math.abs(main.change))} điểm so với năm ${q.year - 1}` : ''}. ` +
          (compared
            ? `Điểm cao nhất cả nước ${n2(a.best)}, trung vị ${n2(a.median)} (${a.fieldSize} tỉnh, thành phố có số liệu).`
            : `Chưa có kết quả của các tỉnh, thành phố khác năm ${q.year}: chưa so sánh được với cả nước (nhập kết quả cả nước để có điểm cao nhất, trung vị và chênh lệch).`)
        : `Chưa có kết quả ${label} năm ${q.year} của ${province.name}.`,
    },
    ...(a.parts.length > 1
      ? [
          {
            type: 'paragraph' as const,
            italic: true,
            text: `Tỉnh hình thành từ ${a.parts.length} tỉnh cũ (${a.parts.map((p) => `${p.name}: ${n2(p.value)} điểm, thứ ${p.rank ?? '—'}`).join('; ')}). Số liệu chung là trung bình cộng, là số liệu suy ra, không phải số công bố.`,
          },
        ]
      : []),
    { type: 'heading', text: '2. Các nội dung bị mất điểm nhiều nhất' },
    {
      type: 'paragraph',
      text: !compared
        ? 'Chưa có số liệu cả nước để xác định nội dung bị mất điểm so với trung vị.'
        : weak.length
          ? `So với trung vị cả nước, tỉnh thấp hơn ở ${weak.length} nội dung: ${weak.map((c) => `${c.code} ${c.name} (${n2(c.gapToMedian)} điểm; ${c.tasks.linked} nhiệm vụ liên kết, ${c.tasks.overdue} quá hạn)`).join('; ')}.`
          : 'Không có nội dung nào thấp hơn trung vị cả nước.',
    },
    {
      type: 'table',
      columns: ['Mã', 'Nội dung', 'Điểm', 'Hạng', 'Cao nhất', 'Trung vị', 'Chênh trung vị'],
      widths: [7, 43, 10, 8, 11, 10, 11],
      rows: (compared ? losses : a.components).map((c) => [
        c.code,
        c.name,
        n2(c.value),
        c.rank ?? '',
        n2(c.best),
        n2(c.median),
        n2(c.gapToMedian),
      ]),
    },
    { type: 'heading', text: '3. Đề xuất' },
    {
      type: 'paragraph',
      text: weak.length
        ? `Giao các sở, ngành, địa phương chủ trì các nội dung ${weak
            .slice(0, 3)
            .map((c) => c.code)
            .join(
              ', ',
            )} xây dựng giải pháp khắc phục, gắn với nhiệm vụ trong kế hoạch cải cách hành chính và báo cáo kết quả định kỳ về Sở Nội vụ.`
        : 'Tiếp tục duy trì kết quả, theo dõi các nội dung có xu hướng giảm.',
    },
  ];
  const data = await renderDepartmentReport(
    {
      provinceName: province.name,
      date: s.today(),
      title: `Phân tích kết quả ${label} năm ${q.year}`,
      asOf: s.today(),
      body,
      recipients: ['Chủ tịch, các Phó Chủ tịch UBND tỉnh', 'Các sở, ban, ngành tỉnh'],
    },
    format,
  );
  return { filename: `bao-cao-${slug(q)}.${format}`, data };
}

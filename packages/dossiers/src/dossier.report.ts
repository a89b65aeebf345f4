/**
 * The dossier dashboard as a report to the province's leaders (DOCX to sign, PDF to print): the period's
 * figures, by channel, by unit (worst first), the procedures with most late dossiers, the causes and the
 * apology rule — the same figures as the page, read through the same service.
 */
import {
  formatDateRange,
  formatNumber,
  formatRate,
  getUnitByCode,
  renderDepartmentReport,
  type Actor,
  type AppServices,
  type Block,
  type ReportFormat,
} from '@cchc/core';
import type { StatsRow } from './dossier.stats';
import { causes, stats } from './dossier.service';

/** Procedures listed in the report: those with most late dossiers (the page lists them all). */
const TOP_PROCEDURES = 10;

export interface DossierReportQuery {
  from: string;
  to: string;
  asOf?: string;
  unit?: string;
}

const n = (x: number) => formatNumber(x);
const capitalized = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** Sums of the rows (the totals of the period, as the page's figures). */
export function totalOf(rows: StatsRow[]) {
  const t = { received: 0, resolved: 0, good: 0, late: 0, open: 0, openOverdue: 0, online: 0, apologies: 0, compliant: 0, missing: 0 };
  for (const r of rows) {
    t.received += r.received;
    t.resolved += r.resolved;
    t.good += r.early + r.onTime;
    t.late += r.late;
    t.open += r.open;
    t.openOverdue += r.openOverdue;
    t.online += r.online;
    t.apologies += r.apologies;
    t.compliant += r.apologyCompliant;
    t.missing += r.apologyMissing;
  }
  return t;
}

/** A row's name, received, resolved, on-time share, late and overdue (the tables by channel and by unit). */
const figuresRow = (r: StatsRow) => [
  r.label ?? r.key,
  n(r.received),
  n(r.resolved),
  formatRate(r.early + r.onTime, r.resolved),
  n(r.late),
  n(r.openOverdue),
];

/** Worst first: most dossiers late or overdue, then the lower on-time share. */
const worstFirst = (a: StatsRow, b: StatsRow) =>
  b.late + b.openOverdue - (a.late + a.openOverdue) || (a.label ?? a.key).localeCompare(b.label ?? b.key, 'vi');

export async function dossierReportBlocks(s: AppServices, actor: Actor, q: DossierReportQuery) {
  const asOf = q.asOf ?? s.today();
  const range = { from: q.from, to: q.to, asOf, unit: q.unit };
  const [byUnit, byChannel, byProcedure, lateCauses] = await Promise.all([
    stats(s, actor, { ...range, groupBy: 'unit' }),
    stats(s, actor, { ...range, groupBy: 'channel' }),
    stats(s, actor, { ...range, groupBy: 'procedure' }),
    causes(s, actor, range),
  ]);
  const province = await getUnitByCode(s, s.provinceCode);
  const single = q.unit && q.unit !== s.provinceCode ? await getUnitByCode(s, q.unit) : null;
  const t = totalOf(byUnit);
  const of = single ? single.name : province.name;
  const blocks: Block[] = [
    { type: 'heading', text: '1. Kết quả chung' },
    {
      type: 'paragraph',
      text:
        `${capitalized(formatDateRange(q.from, q.to))}, ${of} tiếp nhận ${n(t.received)} hồ sơ thủ tục hành chính (trực tuyến ${n(t.online)}, ${formatRate(t.online, t.received)}); ` +
        `đã giải quyết ${n(t.resolved)} hồ sơ, trong đó đúng hạn và trước hạn ${n(t.good)} (${formatRate(t.good, t.resolved)}), trễ hạn ${n(t.late)} (${formatRate(t.late, t.resolved)}); ` +
        `đang giải quyết ${n(t.open)} hồ sơ, trong đó đã quá hạn ${n(t.openOverdue)}.`,
    },
    {
      type: 'paragraph',
      text: t.apologies
        ? `Hồ sơ trễ hạn phải có văn bản xin lỗi người dân, doanh nghiệp: ${n(t.apologies)}; đã xin lỗi đúng quy định ${n(t.compliant)} (${formatRate(t.compliant, t.apologies)}), chưa có văn bản xin lỗi ${n(t.missing)}.`
        : 'Không có hồ sơ trễ hạn phải xin lỗi người dân, doanh nghiệp.',
    },
    { type: 'heading', text: '2. Theo kênh tiếp nhận' },
    {
      type: 'table',
      columns: ['Kênh', 'Tiếp nhận', 'Đã giải quyết', 'Đúng hạn', 'Trễ hạn', 'Quá hạn chưa giải quyết'],
      widths: [30, 14, 14, 14, 14, 14],
      rows: byChannel.map(figuresRow),
    },
  ];
  if (!single)
    blocks.push(
      { type: 'heading', text: '3. Theo cơ quan, đơn vị (nhiều hồ sơ trễ hạn, quá hạn trước)' },
      {
        type: 'table',
        columns: ['Cơ quan, đơn vị', 'Tiếp nhận', 'Đã giải quyết', 'Đúng hạn', 'Trễ hạn', 'Quá hạn chưa giải quyết', 'Chưa xin lỗi'],
        widths: [31, 11, 12, 11, 11, 14, 10],
        rows: [...byUnit].sort(worstFirst).map((r) => [...figuresRow(r), n(r.apologyMissing)]),
      },
    );
  const late = byProcedure.filter((r) => r.late + r.openOverdue > 0).sort(worstFirst);
  const section = single ? 3 : 4;
  blocks.push(
    { type: 'heading', text: `${section}. Thủ tục có nhiều hồ sơ trễ hạn, quá hạn nhất` },
    late.length
      ? {
          type: 'table',
          columns: ['Mã thủ tục', 'Thủ tục', 'Đã giải quyết', 'Trễ hạn', 'Quá hạn chưa giải quyết'],
          widths: [16, 48, 12, 12, 12],
          rows: late.slice(0, TOP_PROCEDURES).map((r) => [r.key, r.label ?? '', n(r.resolved), n(r.late), n(r.openOverdue)]),
        }
      : { type: 'paragraph', text: 'Không có hồ sơ trễ hạn, quá hạn.' },
    ...(late.length > TOP_PROCEDURES
      ? [
          {
            type: 'paragraph' as const,
            italic: true,
            text: `Còn ${n(late.length - TOP_PROCEDURES)} thủ tục khác có hồ sơ trễ hạn, quá hạn (đầy đủ trong bảng tính XLSX theo thủ tục).`,
          },
        ]
      : []),
    { type: 'heading', text: `${section + 1}. Nguyên nhân trễ hạn` },
    lateCauses.length
      ? {
          type: 'table',
          columns: ['Nhóm nguyên nhân', 'Số hồ sơ', 'Tỷ lệ'],
          widths: [60, 20, 20],
          rows: lateCauses.map((c) => [
            c.category,
            n(c.count),
            formatRate(
              c.count,
              lateCauses.reduce((a, x) => a + x.count, 0),
            ),
          ]),
        }
      : { type: 'paragraph', text: 'Không có hồ sơ trễ hạn.' },
    { type: 'heading', text: `${section + 2}. Đề xuất` },
    {
      type: 'paragraph',
      text:
        t.late + t.openOverdue
          ? 'Đề nghị các cơ quan, đơn vị có hồ sơ trễ hạn, quá hạn khẩn trương giải quyết, thực hiện xin lỗi người dân, doanh nghiệp theo quy định, làm rõ nguyên nhân và trách nhiệm; báo cáo kết quả về Sở Nội vụ.'
          : 'Tiếp tục duy trì giải quyết hồ sơ đúng hạn, theo dõi hồ sơ sắp đến hạn.',
    },
  );
  return {
    provinceName: province.name,
    asOf,
    title: `Tình hình tiếp nhận, giải quyết hồ sơ thủ tục hành chính${single ? ` của ${single.name}` : ''} ${formatDateRange(q.from, q.to)}`,
    blocks,
    figures: t,
  };
}

export async function dossierReport(s: AppServices, actor: Actor, q: DossierReportQuery, format: ReportFormat) {
  const r = await dossierReportBlocks(s, actor, q);
  const data = await renderDepartmentReport(
    { provinceName: r.provinceName, date: s.today(), title: r.title, asOf: r.asOf, body: r.blocks },
    format,
  );
  return { filename: `bao-cao-ho-so-${q.from}-${q.to}${q.unit ? `-${q.unit}` : ''}.${format}`, data, figures: r.figures };
}

import {
  authorize,
  countWorkingDays,
  renderDepartmentReport,
  type ReportFormat,
  type Block,
  formatDate,
  formatNumber,
  formatRate,
  tablesToXlsx,
  getUnitByCode,
  type Actor,
  type AppServices,
} from '@cchc/core';
import { countGroups, exportRows } from './task.status';

/** Per unit, the compiled report lists its longest-overdue tasks; the others are counted (all are in the XLSX). */
const OVERDUE_PER_UNIT = 10;
const OVERDUE_LIMIT = 20_000;

/**
 * A task's text as a report quotes it: whole sentences, never cut mid-word — up to `max` characters,
 * ending at the last full stop or semicolon before it (a word boundary if there is none).
 */
export function wholeSentences(text: string, max = 400): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const head = t.slice(0, max);
  const stop = Math.max(head.lastIndexOf('. '), head.lastIndexOf('; '), head.lastIndexOf('.'), head.lastIndexOf(';'));
  if (stop > max / 3) return `${head.slice(0, stop + 1)} …`;
  return `${head.slice(0, head.lastIndexOf(' '))} …`;
}

/** The overdue tasks as of the report date, grouped by lead unit (most overdue units first), with working days late. */
async function overdueByUnit(s: AppServices, actor: Actor, asOf: string) {
  const rows = await exportRows(
    s.db,
    { scope: actor.scope, provinceCode: s.provinceCode, asOf, status: 'overdue' },
    'overdue',
    OVERDUE_LIMIT,
  );
  const cal = s.calendar();
  const groups = new Map<string, { unitName: string; tasks: ((typeof rows)[number] & { daysLate: number })[] }>();
  for (const r of rows) {
    const g = groups.get(r.leadUnitName) ?? { unitName: r.leadUnitName, tasks: [] };
    g.tasks.push({ ...r, daysLate: r.overdueSince ? countWorkingDays(cal, r.overdueSince, asOf) : 0 });
    groups.set(r.leadUnitName, g);
  }
  return [...groups.values()].sort((a, b) => b.tasks.length - a.tasks.length || a.unitName.localeCompare(b.unitName, 'vi'));
}

export interface ReportPeriod {
  from: string;
  to: string;
  label: string;
}

const pct = formatRate;
const n = (v: number) => formatNumber(v);
const dmy = formatDate;

/**
 * The figures of the compiled report: the dashboard's counts as of the period's last day (one aggregate; its
 * overdue list and trend are not needed — the overdue tasks come grouped by unit from `overdueByUnit`).
 */
async function figures(s: AppServices, actor: Actor, p: ReportPeriod) {
  authorize(actor, 'directive.report');
  return countGroups(s.db, { scope: actor.scope, provinceCode: s.provinceCode, asOf: p.to });
}

/** The compiled report's content, shared by its DOCX (Decree 30 layout) and its PDF. */
async function compiledReport(s: AppServices, actor: Actor, p: ReportPeriod) {
  const d = await figures(s, actor, p);
  const late = await overdueByUnit(s, actor, p.to);
  const province = await getUnitByCode(s, s.provinceCode);
  const t = d.totals;
  const blocks: Block[] = [
    {
      type: 'paragraph',
      text: `Thực hiện chế độ báo cáo định kỳ về công tác cải cách hành chính, Sở Nội vụ tổng hợp kết quả thực hiện các nhiệm vụ được giao tại các chỉ thị, kế hoạch của UBND tỉnh tính đến ngày ${dmy(p.to)} như sau:`,
    },
    { type: 'heading', text: '1. Kết quả chung' },
    {
      type: 'paragraph',
      text:
        `Tổng số nhiệm vụ được giao: ${n(t.tasks)}; đã hoàn thành ${n(t.done)} (${pct(t.done, t.tasks)}), trong đó hoàn thành đúng hạn ${n(t.doneOnTime)} (${pct(t.doneOnTime, t.done)} số nhiệm vụ đã hoàn thành); ` +
        `đang thực hiện ${n(t.inProgress)}; chưa thực hiện ${n(t.notStarted)}; quá hạn chưa hoàn thành ${n(t.overdue)} nhiệm vụ của ${n(late.length)} cơ quan, đơn vị.`,
    },
    { type: 'heading', text: '2. Kết quả theo cơ quan, đơn vị chủ trì' },
    {
      type: 'table',
      columns: ['Cơ quan, đơn vị', 'Số nhiệm vụ', 'Hoàn thành', 'Đúng hạn', 'Quá hạn', 'Tỷ lệ hoàn thành'],
      widths: [36, 12, 13, 13, 12, 14],
      rows: d.byUnit.map((u) => [u.unitName, n(u.tasks), n(u.done), n(u.doneOnTime), n(u.overdue), pct(u.done, u.tasks)]),
    },
    { type: 'heading', text: '3. Kết quả theo văn bản chỉ đạo' },
    {
      type: 'table',
      columns: ['Văn bản', 'Số nhiệm vụ', 'Hoàn thành', 'Đúng hạn', 'Quá hạn'],
      widths: [44, 14, 14, 14, 14],
      rows: d.byDirective.map((x) => [
        `${x.number}: ${wholeSentences(x.title, 240)}`,
        n(x.tasks),
        n(x.done),
        n(x.doneOnTime),
        n(x.overdue),
      ]),
    },
    { type: 'heading', text: '4. Nhiệm vụ quá hạn chưa hoàn thành, theo cơ quan, đơn vị' },
    ...(late.length
      ? late.flatMap((g, i) => [
          {
            type: 'paragraph' as const,
            text: `4.${i + 1}. ${g.unitName}: ${n(g.tasks.length)} nhiệm vụ${g.tasks.length > OVERDUE_PER_UNIT ? ` (${n(OVERDUE_PER_UNIT)} nhiệm vụ quá hạn lâu nhất dưới đây)` : ''}`,
            bold: true,
          },
          {
            type: 'table' as const,
            columns: ['Văn bản', 'Nhiệm vụ', 'Hạn', 'Số ngày làm việc quá hạn'],
            widths: [16, 56, 14, 14],
            rows: g.tasks
              .slice(0, OVERDUE_PER_UNIT)
              .map((o) => [
                o.directiveNumber,
                wholeSentences(`${o.label && o.label !== '-' ? `${o.label} ` : ''}${o.content}`),
                o.nextDueDate ? dmy(o.nextDueDate) : '',
                n(o.daysLate),
              ]),
          },
        ])
      : [{ type: 'paragraph' as const, text: 'Không có nhiệm vụ quá hạn.' }]),
    ...(late.some((g) => g.tasks.length > OVERDUE_PER_UNIT)
      ? [
          {
            type: 'paragraph' as const,
            italic: true,
            text: 'Danh sách đầy đủ các nhiệm vụ quá hạn có trong bảng tính XLSX của báo cáo này (trang “Quá hạn”).',
          },
        ]
      : []),
    { type: 'heading', text: '5. Đề xuất' },
    {
      type: 'paragraph',
      text: 'Đề nghị Chủ tịch UBND tỉnh chỉ đạo các cơ quan, đơn vị có nhiệm vụ quá hạn khẩn trương hoàn thành, báo cáo kết quả về Sở Nội vụ; xem xét trách nhiệm người đứng đầu theo quy định.',
    },
  ];
  return { d, province, blocks, title: `Kết quả thực hiện nhiệm vụ cải cách hành chính ${p.label}` };
}

/** The report to sign (DOCX, Decree 30) or to print and send (PDF, table headers repeated on every page). */
export async function compiledReportFile(s: AppServices, actor: Actor, p: ReportPeriod, format: ReportFormat) {
  const { d, province, blocks, title } = await compiledReport(s, actor, p);
  const data = await renderDepartmentReport({ provinceName: province.name, date: s.today(), title, asOf: p.to, body: blocks }, format);
  return { filename: `bao-cao-cchc-${p.from}-${p.to}.${format}`, data, figures: d };
}

export async function compiledReportXlsx(s: AppServices, actor: Actor, p: ReportPeriod) {
  const d = await figures(s, actor, p);
  const late = (await overdueByUnit(s, actor, p.to)).flatMap((g) => g.tasks);
  const data = await tablesToXlsx([
    {
      name: 'Theo đơn vị',
      title: `Kết quả thực hiện nhiệm vụ CCHC ${p.label} (đến ${dmy(p.to)})`,
      columns: [
        { header: 'Mã đơn vị', key: 'unitCode', width: 12 },
        { header: 'Cơ quan, đơn vị', key: 'unitName', width: 40 },
        { header: 'Số nhiệm vụ', key: 'tasks' },
        { header: 'Hoàn thành', key: 'done' },
        { header: 'Đúng hạn', key: 'doneOnTime' },
        { header: 'Đang thực hiện', key: 'inProgress', width: 15 },
        { header: 'Chưa thực hiện', key: 'notStarted', width: 15 },
        { header: 'Quá hạn', key: 'overdue' },
      ],
      rows: d.byUnit,
    },
    {
      name: 'Theo văn bản',
      columns: [
        { header: 'Số, ký hiệu', key: 'number', width: 16 },
        { header: 'Trích yếu', key: 'title', width: 60 },
        { header: 'Số nhiệm vụ', key: 'tasks' },
        { header: 'Hoàn thành', key: 'done' },
        { header: 'Đúng hạn', key: 'doneOnTime' },
        { header: 'Quá hạn', key: 'overdue' },
      ],
      rows: d.byDirective,
    },
    {
      name: 'Quá hạn',
      columns: [
        { header: 'Cơ quan chủ trì', key: 'leadUnitName', width: 32 },
        { header: 'Văn bản', key: 'directiveNumber', width: 14 },
        { header: 'Mục', key: 'label', width: 6 },
        { header: 'Nhiệm vụ', key: 'content', width: 80 },
        { header: 'Hạn', key: 'nextDueDate', width: 12 },
        { header: 'Số ngày làm việc quá hạn', key: 'daysLate', width: 14 },
      ],
      rows: late.map((o) => ({ ...o, nextDueDate: o.nextDueDate ? dmy(o.nextDueDate) : '' })),
    },
  ]);
  return { filename: `bao-cao-cchc-${p.from}-${p.to}.xlsx`, data, figures: d };
}

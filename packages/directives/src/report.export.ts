import { authorize, formatDate, formatRate, officialDocx, tablesToXlsx, getUnitByCode, type Actor, type AppServices } from '@cchc/core';
import { dashboard } from './dashboard.service';

export interface ReportPeriod {
  from: string;
  to: string;
  label: string;
}

const pct = formatRate;
const dmy = formatDate;

/** The figures of the compiled report: the dashboard as of the period's last day. */
async function figures(s: AppServices, actor: Actor, p: ReportPeriod) {
  authorize(actor, 'directive.report');
  return dashboard(s, actor, { asOf: p.to });
}

export async function compiledReportDocx(s: AppServices, actor: Actor, p: ReportPeriod) {
  const d = await figures(s, actor, p);
  const province = await getUnitByCode(s, s.provinceCode);
  const t = d.totals;
  const provinceShort = province.name.replace(/^(Tỉnh|Thành phố) /, '');
  const data = await officialDocx({
    parentBody: `UBND ${province.name.toUpperCase()}`,
    issuer: 'SỞ NỘI VỤ',
    number: 'Số:      /BC-SNV',
    place: provinceShort,
    date: s.today(),
    kind: 'BÁO CÁO',
    title: `Kết quả thực hiện nhiệm vụ cải cách hành chính ${p.label}`,
    body: [
      {
        type: 'paragraph',
        text: `Thực hiện chế độ báo cáo định kỳ về công tác cải cách hành chính, Sở Nội vụ tổng hợp kết quả thực hiện các nhiệm vụ được giao tại các chỉ thị, kế hoạch của UBND tỉnh tính đến ngày ${dmy(p.to)} như sau:`,
      },
      { type: 'heading', text: '1. Kết quả chung' },
      {
        type: 'paragraph',
        text:
          `Tổng số nhiệm vụ được giao: ${t.tasks}; đã hoàn thành ${t.done} (${pct(t.done, t.tasks)}), trong đó hoàn thành đúng hạn ${t.doneOnTime} (${pct(t.doneOnTime, t.done)} số nhiệm vụ đã hoàn thành); ` +
          `đang thực hiện ${t.inProgress}; chưa thực hiện ${t.notStarted}; quá hạn chưa hoàn thành ${t.overdue}.`,
      },
      { type: 'heading', text: '2. Kết quả theo văn bản chỉ đạo' },
      {
        type: 'table',
        columns: ['Văn bản', 'Số nhiệm vụ', 'Hoàn thành', 'Đúng hạn', 'Quá hạn'],
        widths: [44, 14, 14, 14, 14],
        rows: d.byDirective.map((x) => [`${x.number}: ${x.title.slice(0, 90)}`, x.tasks, x.done, x.doneOnTime, x.overdue]),
      },
      { type: 'heading', text: '3. Kết quả theo cơ quan, đơn vị chủ trì' },
      {
        type: 'table',
        columns: ['Cơ quan, đơn vị', 'Số nhiệm vụ', 'Hoàn thành', 'Đúng hạn', 'Quá hạn', 'Tỷ lệ hoàn thành'],
        widths: [36, 12, 13, 13, 12, 14],
        rows: d.byUnit.map((u) => [u.unitName, u.tasks, u.done, u.doneOnTime, u.overdue, pct(u.done, u.tasks)]),
      },
      { type: 'heading', text: '4. Nhiệm vụ quá hạn chưa hoàn thành' },
      ...(d.overdue.length
        ? [
            {
              type: 'table' as const,
              columns: ['Cơ quan chủ trì', 'Văn bản', 'Nhiệm vụ', 'Hạn', 'Số ngày làm việc quá hạn'],
              widths: [22, 14, 40, 12, 12],
              rows: d.overdue.map((o) => [
                o.leadUnitName,
                o.directiveNumber,
                `${o.label} ${o.content.slice(0, 160)}`,
                o.nextDueDate ? dmy(o.nextDueDate) : '',
                o.daysLate,
              ]),
            },
          ]
        : [{ type: 'paragraph' as const, text: 'Không có nhiệm vụ quá hạn.' }]),
      { type: 'heading', text: '5. Đề xuất' },
      {
        type: 'paragraph',
        text: 'Đề nghị Chủ tịch UBND tỉnh chỉ đạo các cơ quan, đơn vị có nhiệm vụ quá hạn khẩn trương hoàn thành, báo cáo kết quả về Sở Nội vụ; xem xét trách nhiệm người đứng đầu theo quy định.',
      },
    ],
    recipients: ['Chủ tịch, các Phó Chủ tịch UBND tỉnh', 'Các sở, ban, ngành tỉnh', 'UBND các xã, phường'],
    signer: { position: 'GIÁM ĐỐC', name: '' },
  });
  return { filename: `bao-cao-cchc-${p.from}-${p.to}.docx`, data, figures: d };
}

export async function compiledReportXlsx(s: AppServices, actor: Actor, p: ReportPeriod) {
  const d = await figures(s, actor, p);
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
      rows: d.overdue,
    },
  ]);
  return { filename: `bao-cao-cchc-${p.from}-${p.to}.xlsx`, data, figures: d };
}

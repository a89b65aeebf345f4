/**
 * Documents of a survey: its results as XLSX (items, aspects, units) and as a DOCX report in the state
 * format, and the printable paper forms (PDF, one per sampled person, with the code and a QR code of the
 * link) for postal return.
 */
import {
  formatDate,
  formatNumber,
  officialDocx,
  renderPdf,
  tablesToXlsx,
  type Actor,
  type AppServices,
  type Block,
  type PdfContent,
} from '@cchc/core';
import { AppError, authorize } from '@cchc/core';
import { aspectLabel, SCALE5, type Definition, type Question } from './survey.domain';
import { definitionOf, loadSurvey } from './survey.service';
import { OVERALL_DEFINITION, surveyResults } from './results.service';

const pct = (p: number | null) => (p === null ? '—' : `${formatNumber(p * 100, 1)} %`);
const moe = (m: number | null) => (m === null ? '—' : `± ${formatNumber(m * 100, 1)} điểm %`);
const mean = (m: number | null) => (m === null ? '—' : formatNumber(m, 2));
const reliability = (r: boolean) => (r ? '' : 'Chưa đủ số phiếu tối thiểu');

export async function resultsXlsx(s: AppServices, actor: Actor, id: number, unit?: string) {
  const survey = await loadSurvey(s.db, s.provinceCode, id);
  const r = await surveyResults(s, actor, id, { unit });
  const where = r.unit ? r.unit.name : 'toàn tỉnh';
  const title = `${survey.name} — ${where} — ${r.valid} phiếu hợp lệ (kỳ ${formatDate(survey.periodFrom)}–${formatDate(survey.periodTo)})`;
  const data = await tablesToXlsx([
    {
      name: 'Khía cạnh',
      title,
      columns: [
        { header: 'Mã', key: 'id', width: 8 },
        { header: 'Khía cạnh', key: 'label', width: 44 },
        { header: 'Số người trả lời', key: 'n', width: 14 },
        { header: 'Tỷ lệ hài lòng', key: 'share', width: 14, numFmt: '0.0%' },
        { header: 'Sai số 95 % (±)', key: 'moe', width: 14, numFmt: '0.0%' },
        { header: 'Điểm trung bình (1–5)', key: 'mean', width: 16, numFmt: '0.00' },
        { header: 'Ghi chú', key: 'note', width: 26 },
      ],
      rows: [
        ...r.aspects.map((a) => ({
          id: a.id,
          label: a.label,
          n: a.n,
          share: a.satisfiedShare,
          moe: a.marginOfError,
          mean: a.mean,
          note: reliability(a.reliable),
        })),
        {
          id: 'CHUNG',
          label: 'Chỉ số chung (trung bình các khía cạnh)',
          n: r.overall.n,
          share: r.overall.satisfiedShare,
          moe: r.overall.marginOfError,
          mean: r.overall.mean,
          note: reliability(r.overall.reliable),
        },
        ...(r.weighted
          ? [
              {
                id: 'GIA_QUYEN',
                label: 'Chỉ số chung có trọng số theo số người được phục vụ của đơn vị',
                n: r.valid,
                share: r.weighted.satisfiedShare,
                moe: r.weighted.marginOfError,
                mean: null,
                note: '',
              },
            ]
          : []),
      ],
    },
    {
      name: 'Nội dung',
      title,
      columns: [
        { header: 'Mã', key: 'id', width: 8 },
        { header: 'Nội dung', key: 'text', width: 70 },
        { header: 'Khía cạnh', key: 'aspect', width: 28 },
        { header: 'Số câu trả lời', key: 'n', width: 12 },
        { header: 'Tỷ lệ hài lòng', key: 'share', width: 14, numFmt: '0.0%' },
        { header: 'Sai số 95 % (±)', key: 'moe', width: 14, numFmt: '0.0%' },
        { header: 'Điểm trung bình', key: 'mean', width: 14, numFmt: '0.00' },
        { header: 'Ghi chú', key: 'note', width: 26 },
      ],
      rows: r.items.map((i) => ({
        id: i.id,
        text: i.text,
        aspect: i.aspect ? aspectLabel(i.aspect) : '',
        n: i.n,
        share: i.satisfiedShare,
        moe: i.marginOfError,
        mean: i.mean,
        note: reliability(i.reliable),
      })),
    },
    {
      name: 'Đơn vị',
      title,
      columns: [
        { header: 'Mã đơn vị', key: 'code', width: 12 },
        { header: 'Đơn vị', key: 'name', width: 44 },
        { header: 'Số phiếu hợp lệ', key: 'n', width: 14 },
        { header: 'Tỷ lệ hài lòng', key: 'share', width: 14, numFmt: '0.0%' },
        { header: 'Sai số 95 % (±)', key: 'moe', width: 14, numFmt: '0.0%' },
        { header: 'Ghi chú', key: 'note', width: 26 },
      ],
      rows: r.perUnit.map((u) => ({
        code: u.unitCode,
        name: u.unitName,
        n: u.n,
        share: u.satisfiedShare,
        moe: u.marginOfError,
        note: reliability(u.reliable),
      })),
    },
  ]);
  return { filename: `ket-qua-khao-sat-${id}.xlsx`, data };
}

export async function resultsDocx(s: AppServices, actor: Actor, id: number) {
  const survey = await loadSurvey(s.db, s.provinceCode, id);
  const r = await surveyResults(s, actor, id, {});
  const province = await s.db
    .selectFrom('unit')
    .select('name')
    .where('code', '=', s.provinceCode)
    .where('type', '=', 'province')
    .executeTakeFirst();
  const body: Block[] = [
    {
      type: 'paragraph',
      text: `Thực hiện kế hoạch khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước, Sở Nội vụ báo cáo kết quả "${survey.name}" (kỳ ${formatDate(survey.periodFrom)} – ${formatDate(survey.periodTo)}) như sau.`,
    },
    { type: 'heading', text: 'I. Phương pháp' },
    {
      type: 'paragraph',
      text: `Người được khảo sát được chọn ngẫu nhiên từ danh sách hồ sơ thủ tục hành chính đã giải quyết trong kỳ, theo từng đơn vị, cỡ mẫu n = N / (1 + N·e²). Có ${formatNumber(r.valid, 0)} phiếu hợp lệ. ${OVERALL_DEFINITION} Sai số ở mức tin cậy 95 %; kết quả dưới ${r.minValid} phiếu được ghi "chưa đủ số phiếu tối thiểu".`,
    },
    { type: 'heading', text: 'II. Kết quả chung' },
    {
      type: 'paragraph',
      text: `Tỷ lệ hài lòng chung đạt ${pct(r.overall.satisfiedShare)} (${moe(r.overall.marginOfError)}), điểm trung bình ${mean(r.overall.mean)}/5${
        r.weighted
          ? `; tính có trọng số theo số người được phục vụ của từng đơn vị: ${pct(r.weighted.satisfiedShare)} (${moe(r.weighted.marginOfError)})`
          : ''
      }${r.official ? `. Chỉ số SIPAS chính thức năm ${r.official.year} của tỉnh: ${formatNumber(r.official.value ?? 0, 2)} %${r.official.rank ? `, xếp hạng ${r.official.rank}` : ''}` : ''}.`,
    },
    {
      type: 'table',
      columns: ['Khía cạnh', 'Số người trả lời', 'Tỷ lệ hài lòng', 'Sai số 95 %', 'Điểm TB'],
      widths: [44, 14, 14, 16, 12],
      rows: r.aspects.map((a) => [
        a.label + (a.reliable ? '' : ' (*)'),
        formatNumber(a.n, 0),
        pct(a.satisfiedShare),
        moe(a.marginOfError),
        mean(a.mean),
      ]),
    },
    { type: 'heading', text: 'III. Kết quả theo đơn vị' },
    {
      type: 'table',
      columns: ['Đơn vị', 'Số phiếu hợp lệ', 'Tỷ lệ hài lòng', 'Sai số 95 %'],
      widths: [52, 16, 16, 16],
      rows: r.perUnit.map((u) => [
        u.unitName + (u.reliable ? '' : ' (*)'),
        formatNumber(u.n, 0),
        pct(u.satisfiedShare),
        moe(u.marginOfError),
      ]),
    },
    { type: 'paragraph', text: '(*) Chưa đủ số phiếu tối thiểu: kết quả chỉ để tham khảo.', italic: true },
    { type: 'heading', text: 'IV. Những nội dung có tỷ lệ hài lòng thấp nhất' },
    ...r.items
      .filter((i) => i.satisfiedShare !== null)
      .sort((a, b) => a.satisfiedShare! - b.satisfiedShare!)
      .slice(0, 5)
      .map((i): Block => ({
        type: 'paragraph',
        text: `- ${i.text}: ${pct(i.satisfiedShare)} (${moe(i.marginOfError)}, ${formatNumber(i.n, 0)} câu trả lời).`,
      })),
  ];
  const data = await officialDocx({
    parentBody: `UBND ${(province?.name ?? 'TỈNH').toUpperCase()}`,
    issuer: 'SỞ NỘI VỤ',
    number: '   /BC-SNV',
    place: (province?.name ?? '').replace(/^(Tỉnh|Thành phố) /, ''),
    date: s.today(),
    kind: 'BÁO CÁO',
    title: `Kết quả khảo sát sự hài lòng: ${survey.name}`,
    body,
    recipients: ['UBND tỉnh (để báo cáo)', 'Các sở, ban, ngành; UBND các xã, phường', 'Lưu: VT, CCHC'],
    signer: { position: 'GIÁM ĐỐC', name: '' },
  });
  return { filename: `bao-cao-khao-sat-${id}.docx`, data };
}

function questionBlock(q: Question): PdfContent[] {
  const box = (label: string) => `☐ ${label}`;
  const head: PdfContent = { text: q.text + (q.required ? ' *' : ''), bold: true, margin: [0, 4, 0, 2] };
  switch (q.type) {
    case 'scale5':
      return [
        {
          columns: [
            { text: q.text, width: '*' },
            { text: '1   2   3   4   5', width: 80, alignment: 'right' },
          ],
          margin: [0, 1, 0, 1],
        },
      ];
    case 'single':
    case 'multiple':
      return [head, { text: (q.options ?? []).map((o) => box(o.label)).join('     '), margin: [8, 0, 0, 2] }];
    case 'matrix':
      return [
        head,
        {
          table: {
            widths: ['*', ...(q.options ?? []).map(() => 50)],
            body: [
              ['', ...(q.options ?? []).map((o) => ({ text: o.label, fontSize: 7, alignment: 'center' as const }))],
              ...(q.items ?? []).map((i) => [i.text, ...(q.options ?? []).map(() => ({ text: '☐', alignment: 'center' as const }))]),
            ],
          },
          layout: 'lightHorizontalLines',
          fontSize: 8,
        },
      ];
    default:
      return [head, { text: '.'.repeat(150), color: '#888888', margin: [8, 0, 0, 2] }];
  }
}

function formPages(def: Definition, token: { paperCode: string; link: string; unitName: string }, last: boolean): PdfContent[] {
  let group: string | undefined;
  const body: PdfContent[] = [];
  for (const section of def.sections) {
    body.push({ text: section.title, bold: true, fontSize: 11, margin: [0, 8, 0, 2] });
    if (section.questions.some((q) => q.type === 'scale5'))
      body.push({ text: `Thang điểm: ${SCALE5.map((o) => `${o.value} = ${o.label}`).join('; ')}`, italics: true, fontSize: 8 });
    for (const q of section.questions) {
      if (q.group && q.group !== group) body.push({ text: (group = q.group), bold: true, margin: [0, 4, 0, 2] });
      body.push(...questionBlock(q));
    }
  }
  return [
    {
      columns: [
        [
          { text: def.title.toUpperCase(), bold: true, fontSize: 12 },
          { text: `Đơn vị được đánh giá: ${token.unitName}`, margin: [0, 4, 0, 0] },
          { text: `Mã phiếu: ${token.paperCode}`, bold: true, fontSize: 14, margin: [0, 4, 0, 0] },
          {
            text: 'Ông/Bà có thể trả lời trên điện thoại bằng cách quét mã QR, hoặc điền phiếu này và gửi lại qua bưu điện (miễn cước).',
            fontSize: 8,
            margin: [0, 4, 0, 0],
          },
        ],
        { qr: token.link, fit: 90, width: 100 },
      ],
    },
    ...(def.intro ? [{ text: def.intro, italics: true, fontSize: 8, margin: [0, 6, 0, 0] } as PdfContent] : []),
    ...body,
    {
      text: 'Xin trân trọng cảm ơn Ông/Bà!',
      italics: true,
      alignment: 'center',
      margin: [0, 10, 0, 0],
      ...(last ? {} : { pageBreak: 'after' as const }),
    },
  ];
}

/** The paper forms of one unit's sample (issued tokens only), for printing and posting. */
export async function paperFormsPdf(s: AppServices, actor: Actor, id: number, q: { unit: string; baseUrl: string }) {
  const survey = await loadSurvey(s.db, s.provinceCode, id);
  // The people drawn and their forms: the office, whatever the survey's state.
  authorize(actor, 'survey.manage');
  const def = await definitionOf(s, survey, survey.currentVersion);
  const tokens = await s.db
    .selectFrom('surveyToken as t')
    .innerJoin('unit as u', 'u.id', 't.unitId')
    .select(['t.paperCode', 't.token', 'u.name as unitName'])
    .where('t.surveyId', '=', id)
    .where('u.code', '=', q.unit)
    .where('t.status', '=', 'issued')
    .orderBy('t.rank')
    .limit(401)
    .execute();
  if (!tokens.length) throw new AppError('NOT_FOUND', `Đơn vị ${q.unit} không có phiếu nào chờ trả lời để in.`, 404);
  if (tokens.length > 400)
    throw new AppError('VALIDATION', `Đơn vị ${q.unit} có hơn 400 phiếu chờ: hãy in theo từng đợt (liên hệ quản trị).`, 400);
  const content = tokens.flatMap((t, i) =>
    formPages(def, { paperCode: t.paperCode, link: `${q.baseUrl}/khao-sat/${t.token}`, unitName: t.unitName }, i === tokens.length - 1),
  );
  const data = await renderPdf({ content, info: { title: `${survey.name} — phiếu giấy ${q.unit}` } });
  return { filename: `phieu-khao-sat-${id}-${q.unit}.pdf`, data };
}

/**
 * Official documents in the state format of Decree 30/2020/NĐ-CP (Appendix I): A4, Times New Roman,
 * margins 20/20/30/15 mm, the two-column header (issuing body left, national motto right), number and
 * symbol, place and date in italics, the document kind and title centred in bold, justified body in
 * 13–14 pt, recipients (Nơi nhận) and the signature block.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';

const FONT = 'Times New Roman';
const MM = 56.7; // twips per millimetre
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

export interface OfficialDocumentInput {
  /** Body above the issuer, e.g. "UBND TỈNH VĨNH LONG"; the issuer itself, e.g. "SỞ NỘI VỤ". */
  parentBody?: string;
  issuer: string;
  /** "Số: 125/BC-SNV" (without "Số: " is fine). */
  number: string;
  place: string;
  /** YYYY-MM-DD */
  date: string;
  /** BÁO CÁO, KẾ HOẠCH, … */
  kind: string;
  title: string;
  body: Block[];
  recipients?: string[];
  signer?: { authority?: string; position: string; name: string };
}

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string; bold?: boolean; italic?: boolean }
  | { type: 'table'; columns: string[]; rows: (string | number)[][]; widths?: number[] };

const run = (text: string, o: { bold?: boolean; italic?: boolean; size?: number; underline?: boolean; allCaps?: boolean } = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: (o.size ?? 14) * 2,
    bold: o.bold,
    italics: o.italic,
    underline: o.underline ? {} : undefined,
    allCaps: o.allCaps,
  });

const centred = (children: TextRun[], after = 0) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children, spacing: { after, line: 240 } });

function formatVietnameseDate(iso: string, place: string): string {
  const [y, m, d] = iso.split('-');
  return `${place}, ngày ${d} tháng ${m} năm ${y}`;
}

function header(input: OfficialDocumentInput): Table {
  const number = input.number.startsWith('Số') ? input.number : `Số: ${input.number}`;
  const left = [
    ...(input.parentBody ? [centred([run(input.parentBody.toUpperCase(), { size: 13 })])] : []),
    centred([run(input.issuer.toUpperCase(), { size: 13, bold: true })]),
    centred([run('───────', { size: 13 })], 120),
    centred([run(number, { size: 13 })]),
  ];
  const right = [
    centred([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 13, bold: true })]),
    centred([run('Độc lập - Tự do - Hạnh phúc', { size: 14, bold: true })]),
    centred([run('───────────────', { size: 13 })], 120),
    centred([run(formatVietnameseDate(input.date, input.place), { size: 14, italic: true })]),
  ];
  const cell = (children: Paragraph[], pct: number) =>
    new TableCell({ children, width: { size: pct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, 40), cell(right, 60)] })],
  });
}

function bodyBlock(b: Block): (Paragraph | Table)[] {
  if (b.type === 'heading') {
    return [
      new Paragraph({
        children: [run(b.text, { bold: true })],
        spacing: { before: 120, after: 60 },
        indent: { firstLine: Math.round(10 * MM) },
      }),
    ];
  }
  if (b.type === 'paragraph') {
    return [
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        children: [run(b.text, { bold: b.bold, italic: b.italic })],
        spacing: { before: 60, after: 60, line: 300 },
        indent: { firstLine: Math.round(10 * MM) },
      }),
    ];
  }
  const widths = b.widths ?? b.columns.map(() => Math.floor(100 / b.columns.length));
  const cell = (text: string | number, i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 10, type: WidthType.PERCENTAGE },
      children: [
        new Paragraph({
          alignment: typeof text === 'number' || head ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(typeof text === 'number' ? text.toLocaleString('vi-VN') : text, { size: 12, bold: head })],
        }),
      ],
    });
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: b.columns.map((c, i) => cell(c, i, true)) }),
        ...b.rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, i, false)) })),
      ],
    }),
    new Paragraph({ children: [] }),
  ];
}

function footer(input: OfficialDocumentInput): Table {
  const recipients = [
    new Paragraph({ children: [run('Nơi nhận:', { size: 12, bold: true, italic: true })] }),
    ...(input.recipients ?? []).map((r) => new Paragraph({ children: [run(`- ${r};`, { size: 11 })] })),
    new Paragraph({ children: [run('- Lưu: VT.', { size: 11 })] }),
  ];
  const s = input.signer;
  const sign = s
    ? [
        ...(s.authority ? [centred([run(s.authority.toUpperCase(), { size: 13, bold: true })])] : []),
        centred([run(s.position.toUpperCase(), { size: 13, bold: true })]),
        centred([run('(Ký, ghi rõ họ tên)', { size: 13, italic: true })], 1200),
        centred([run(s.name, { size: 14, bold: true })]),
      ]
    : [new Paragraph({ children: [] })];
  const cell = (children: Paragraph[], pct: number) =>
    new TableCell({ children, width: { size: pct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(recipients, 50), cell(sign, 50)] })],
  });
}

export function officialDocument(input: OfficialDocumentInput): Document {
  const section: ISectionOptions = {
    properties: {
      page: {
        size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
        margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) },
      },
    },
    children: [
      header(input),
      new Paragraph({ children: [], spacing: { after: 240 } }),
      centred([run(input.kind.toUpperCase(), { bold: true })]),
      centred([run(input.title, { bold: true })]),
      centred([run('─────', {})], 240),
      ...input.body.flatMap(bodyBlock),
      new Paragraph({ children: [], spacing: { after: 240 } }),
      footer(input),
    ],
  };
  return new Document({
    creator: 'cchc',
    title: `${input.kind} ${input.title}`,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [section],
  });
}

export async function officialDocx(input: OfficialDocumentInput): Promise<Buffer> {
  return Packer.toBuffer(officialDocument(input));
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

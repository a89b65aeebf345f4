/**
 * A report of the Department of Home Affairs (Sở Nội vụ) to the province's leaders, from one list of blocks:
 * as DOCX in the state document format (Decree 30/2020) to sign and issue, or as PDF to print and send.
 * Every module's report (tasks, dossiers, index results…) is written once as blocks and offered in both.
 */
import { formatDate } from '../text/format';
import { officialDocx, DOCX_MIME, type Block } from './docx';
import { blocksToPdf, renderPdf, PDF_MIME } from './pdf';

export interface DepartmentReport {
  /** "Tỉnh Vĩnh Long" */
  provinceName: string;
  /** The report's date (YYYY-MM-DD): today. */
  date: string;
  /** After "BÁO CÁO": "Kết quả thực hiện nhiệm vụ cải cách hành chính 6 tháng năm 2026". */
  title: string;
  /** The date the figures are as of, said under the title of the PDF. */
  asOf: string;
  body: Block[];
  recipients?: string[];
  orientation?: 'portrait' | 'landscape';
}

export const REPORT_FORMATS = ['docx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_MIME: Record<ReportFormat, string> = { docx: DOCX_MIME, pdf: PDF_MIME };
/** How a route's summary names each format, and the suffix of its operation id. */
export const REPORT_FORMAT_NOTE: Record<ReportFormat, string> = { docx: 'DOCX, thể thức Nghị định 30/2020', pdf: 'PDF để in, gửi' };
export const REPORT_OPERATION_SUFFIX: Record<ReportFormat, string> = { docx: 'Docx', pdf: 'Pdf' };

const DEFAULT_RECIPIENTS = ['Chủ tịch, các Phó Chủ tịch UBND tỉnh', 'Các sở, ban, ngành tỉnh', 'UBND các xã, phường'];

export async function renderDepartmentReport(r: DepartmentReport, format: ReportFormat): Promise<Buffer> {
  const parentBody = `UBND ${r.provinceName.toUpperCase()}`;
  if (format === 'pdf')
    return renderPdf(
      blocksToPdf({
        heading: [parentBody, 'SỞ NỘI VỤ'],
        title: `BÁO CÁO\n${r.title}`,
        subtitle: `Số liệu đến ngày ${formatDate(r.asOf)}`,
        body: r.body,
        orientation: r.orientation,
      }),
    );
  return officialDocx({
    parentBody,
    issuer: 'SỞ NỘI VỤ',
    number: 'Số:      /BC-SNV',
    place: r.provinceName.replace(/^(Tỉnh|Thành phố) /, ''),
    date: r.date,
    kind: 'BÁO CÁO',
    title: r.title,
    body: r.body,
    recipients: r.recipients ?? DEFAULT_RECIPIENTS,
    signer: { position: 'GIÁM ĐỐC', name: '' },
  });
}

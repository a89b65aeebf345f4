/** Reading a directive's text (DOCX or pasted) into a proposed structure: nothing is saved. */
import mammoth from 'mammoth';
import {
  AppError,
  LOADED_OFFICE_LIMITS,
  authorize,
  checkZipBuffer,
  formatDate,
  isCommuneLevel,
  type Actor,
  type AppServices,
  type UploadedFile,
} from '@cchc/core';
import { parseDirective, type ParsedDirective } from './parser/directive-parser';
import type { MatchableUnit } from './parser/unit-matcher';
import { provinceUnits, similarDirectives } from './directive.service';
// ---- parse ----------------------------------------------------------------------------------------

export async function extractText(file: UploadedFile): Promise<string> {
  const name = file.filename.toLowerCase();
  if (!file.data.length) throw new AppError('EMPTY_FILE', `Tệp "${file.filename}" rỗng.`);
  if (name.endsWith('.docx') || file.data.subarray(0, 2).toString() === 'PK') {
    checkZipBuffer(file.data, file.filename, LOADED_OFFICE_LIMITS);
    try {
      return (await mammoth.extractRawText({ buffer: file.data })).value;
    } catch {
      throw new AppError('UNREADABLE_FILE', `Không đọc được tệp "${file.filename}": tệp không phải DOCX hợp lệ hoặc bị hỏng.`);
    }
  }
  if (name.endsWith('.pdf') || file.data.subarray(0, 4).toString() === '%PDF') {
    throw new AppError(
      'PDF_NOT_PARSED',
      'Chưa đọc được nội dung tệp PDF: hãy dán văn bản hoặc tải tệp DOCX; tệp PDF có thể đính kèm làm bản gốc sau khi lưu.',
      415,
    );
  }
  const text = file.data.toString('utf8');
  if (text.includes('\uFFFD')) throw new AppError('UNREADABLE_FILE', `Tệp "${file.filename}" không phải văn bản UTF-8 hay DOCX.`);
  return text;
}

export async function parseDirectiveText(
  s: AppServices,
  actor: Actor,
  text: string,
): Promise<ParsedDirective & { similar: Awaited<ReturnType<typeof similarDirectives>> }> {
  authorize(actor, 'directive.parse');
  if (!text.trim()) throw new AppError('EMPTY_TEXT', 'Văn bản rỗng: hãy dán nội dung chỉ thị, kế hoạch hoặc tải tệp DOCX.');
  const { children } = await provinceUnits(s.db, s.provinceCode, s.today());
  const units: MatchableUnit[] = children.map((u) => ({
    code: u.code,
    name: u.name,
    shortName: u.shortName,
    kind: isCommuneLevel(u.type) ? 'commune' : 'department',
  }));
  const parsed = parseDirective(text, units);
  if (!parsed.sections.length) {
    throw new AppError(
      'NO_SECTIONS',
      'Không nhận ra mục nhiệm vụ nào trong văn bản (các mục đánh số 1., 2.1., I., nhiệm vụ a), b) hoặc các đoạn “Lĩnh vực: nội dung”). Hãy kiểm tra lại nội dung đã dán.',
      422,
    );
  }
  const similar = await similarDirectives(s, parsed.number, parsed.issuer);
  if (similar.length)
    parsed.warnings.unshift(
      `Đã có ${similar.length} văn bản số ${parsed.number} cùng cơ quan ban hành trong hệ thống (${similar
        .map((d) => `ban hành ${formatDate(d.issuedOn)}, ${d.tasks} nhiệm vụ`)
        .join('; ')}): kiểm tra để không lưu trùng.`,
    );
  return { ...parsed, similar };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TObject, type TProperties } from '@sinclair/typebox';
import { AppError } from '../errors';
import type { UploadedFile } from './types';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/**
 * A multipart route: the body schema lists the text fields (validated as usual, and documented in
 * OpenAPI with the file as binary); this preValidation hook buffers the file into `req.upload` and puts
 * the text fields into `req.body`.
 */
export function multipartBody<P extends TProperties>(fields: P, description = 'Tệp cần nhập (CSV UTF-8 hoặc XLSX)') {
  return Type.Object({ file: Type.String({ format: 'binary', description }), ...fields }) as TObject<
    P & { file: ReturnType<typeof Type.String> }
  >;
}

export async function readMultipart(req: FastifyRequest): Promise<void> {
  if (!req.isMultipart()) {
    throw new AppError('NOT_MULTIPART', 'Yêu cầu phải gửi dạng multipart/form-data với trường "file".', 415);
  }
  const body: Record<string, string> = {};
  for await (const part of req.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } })) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      if (part.file.truncated)
        throw new AppError('FILE_TOO_LARGE', `Tệp "${part.filename}" lớn hơn ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`, 413);
      req.upload = { filename: part.filename, mimetype: part.mimetype, data };
      body[part.fieldname] = part.filename;
    } else {
      body[part.fieldname] = String(part.value);
    }
  }
  if (!req.upload) throw new AppError('MISSING_FILE', 'Thiếu tệp: hãy chọn tệp để tải lên (trường "file").');
  req.body = body;
}

/** The parts of a multipart request with several files (photos of a feedback case), within limits. */
export interface MultipartParts {
  fields: Record<string, string>;
  files: UploadedFile[];
}

/**
 * Buffers a multipart request with up to `maxFiles` files of at most `maxFileBytes` each (more files or a
 * larger one: 413 naming it) and its text fields. Files are optional; the caller checks what they are.
 */
export async function readMultipartParts(req: FastifyRequest, limits: { maxFiles: number; maxFileBytes: number }): Promise<MultipartParts> {
  if (!req.isMultipart()) throw new AppError('NOT_MULTIPART', 'Yêu cầu phải gửi dạng multipart/form-data.', 415);
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  const mb = Math.round(limits.maxFileBytes / 1024 / 1024);
  try {
    for await (const part of req.parts({
      limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 50, fieldSize: 100_000 },
    })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.file.truncated) throw new AppError('FILE_TOO_LARGE', `Tệp "${part.filename}" lớn hơn ${mb} MB.`, 413);
        if (data.length) files.push({ filename: part.filename, mimetype: part.mimetype, data, field: part.fieldname });
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') throw new AppError('TOO_MANY_FILES', `Chỉ gửi được tối đa ${limits.maxFiles} tệp.`, 413);
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', `Mỗi tệp không quá ${mb} MB.`, 413);
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new AppError('TOO_MANY_FIELDS', 'Biểu mẫu có quá nhiều trường.', 413);
    throw err;
  }
  return { fields, files };
}

/** Types a download may keep; anything else (HTML, SVG, scripts, unknown) goes out as octet-stream. */
const SAFE_DOWNLOAD_TYPES = new Set([
  'application/pdf',
  'application/zip',
  'text/csv',
  'text/plain',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);

export function safeDownloadType(mime: string | null | undefined): string {
  const base = (mime ?? '').split(';')[0]!.trim().toLowerCase();
  return SAFE_DOWNLOAD_TYPES.has(base) ? base : 'application/octet-stream';
}

/**
 * Sends a generated or stored file as a download: always an attachment (RFC 6266, UTF-8 file name),
 * with a content type from a safe list (never the uploader's text/html), no sniffing, no caching.
 */
export function sendDownload(reply: FastifyReply, file: { filename: string; data: Buffer }, mime: string) {
  const ascii = file.filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .type(safeDownloadType(mime))
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.data);
}

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@cchc/core';

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const PLACES: Record<string, string> = { body: 'nội dung', querystring: 'tham số truy vấn', params: 'đường dẫn', headers: 'header' };

/** Turns a JSON-schema validation failure into a Vietnamese sentence that names the field. */
export function describeValidation(issue: AjvIssue, context: string): string {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const missing = issue.keyword === 'required' ? String(issue.params.missingProperty) : '';
  const field = [path, missing].filter(Boolean).join('.') || '(toàn bộ)';
  const where = `trường "${field}" (${PLACES[context] ?? context})`;
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return `Thiếu ${where}.`;
    case 'type':
      return `Sai kiểu dữ liệu ở ${where}: cần ${p.type === 'integer' ? 'số nguyên' : p.type === 'number' ? 'số' : p.type === 'string' ? 'chuỗi' : p.type === 'boolean' ? 'true/false' : p.type === 'array' ? 'danh sách' : String(p.type)}.`;
    case 'minLength':
      return p.limit === 1
        ? `${where[0]!.toUpperCase()}${where.slice(1)} không được để trống.`
        : `${where[0]!.toUpperCase()}${where.slice(1)} phải có ít nhất ${p.limit} ký tự.`;
    case 'maxLength':
      return `${where[0]!.toUpperCase()}${where.slice(1)} dài quá ${p.limit} ký tự.`;
    case 'minimum':
      return `${where[0]!.toUpperCase()}${where.slice(1)} phải từ ${p.limit} trở lên.`;
    case 'maximum':
      return `${where[0]!.toUpperCase()}${where.slice(1)} không được vượt quá ${p.limit}.`;
    case 'minItems':
      return `${where[0]!.toUpperCase()}${where.slice(1)} phải có ít nhất ${p.limit} phần tử.`;
    case 'maxItems':
      return `${where[0]!.toUpperCase()}${where.slice(1)} có quá ${p.limit} phần tử.`;
    case 'pattern':
      return `${where[0]!.toUpperCase()}${where.slice(1)} sai định dạng.`;
    case 'format':
      return `${where[0]!.toUpperCase()}${where.slice(1)} sai định dạng ${p.format === 'email' ? 'thư điện tử' : String(p.format)}.`;
    case 'additionalProperties':
      return `Trường "${String(p.additionalProperty)}" (${PLACES[context] ?? context}) không được hỗ trợ.`;
    case 'anyOf':
    case 'enum':
    case 'const':
      return `Giá trị không hợp lệ ở ${where}.`;
    default:
      return `Dữ liệu không hợp lệ ở ${where}.`;
  }
}

/** PostgreSQL data exceptions (class 22) caused by a value the user sent: a 400, never a 500. */
const PG_DATA_ERRORS: Record<string, string> = {
  '22003': 'Giá trị số vượt quá phạm vi cho phép.',
  '22P02': 'Giá trị không đúng kiểu dữ liệu (ví dụ chữ ở chỗ cần số).',
  '22007': 'Ngày hoặc thời điểm sai định dạng.',
  '22008': 'Ngày hoặc thời điểm nằm ngoài phạm vi cho phép.',
  '22009': 'Ngày hoặc thời điểm nằm ngoài phạm vi cho phép.',
  '22015': 'Khoảng thời gian vượt quá phạm vi cho phép.',
  '22021': 'Dữ liệu chứa ký tự không hợp lệ (ví dụ ký tự NUL).',
  '22001': 'Chuỗi ký tự dài quá mức cho phép.',
  '22023': 'Giá trị tham số không hợp lệ.',
  '22012': 'Phép chia cho 0 do tham số không hợp lệ.',
};

export function errorHandler(
  err: FastifyError & { validation?: AjvIssue[]; validationContext?: string },
  req: FastifyRequest,
  reply: FastifyReply,
) {
  if (err instanceof AppError) {
    return reply
      .status(err.status)
      .send({ code: err.code, message: err.message, ...(err.details !== undefined && { details: err.details }) });
  }
  if (err.validation) {
    const messages = err.validation.map((v) => describeValidation(v, err.validationContext ?? 'body'));
    return reply.status(400).send({
      code: 'VALIDATION_ERROR',
      message: messages.join(' '),
      details: err.validation.map((v, i) => ({ path: v.instancePath, keyword: v.keyword, message: messages[i] })),
    });
  }
  if (err.statusCode === 429) {
    return reply
      .status(429)
      .send({ code: 'TOO_MANY_REQUESTS', message: 'Quá nhiều yêu cầu trong thời gian ngắn. Vui lòng chờ một phút rồi thử lại.' });
  }
  if (
    err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
    err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    (err.statusCode === 400 && err instanceof SyntaxError)
  ) {
    return reply.status(400).send({ code: 'INVALID_BODY', message: 'Nội dung yêu cầu không đọc được (cần JSON hợp lệ).' });
  }
  if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') {
    return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: 'Tệp hoặc nội dung gửi lên quá lớn.' });
  }
  if (err.statusCode && err.statusCode < 500) {
    return reply.status(err.statusCode).send({ code: err.code ?? 'BAD_REQUEST', message: 'Yêu cầu không hợp lệ.' });
  }
  const pgCode = (err as { code?: unknown }).code;
  if (typeof pgCode === 'string' && PG_DATA_ERRORS[pgCode]) {
    return reply.status(400).send({ code: 'INVALID_VALUE', message: PG_DATA_ERRORS[pgCode] });
  }
  req.log.error(
    { err, reqId: req.id, method: req.method, url: req.url.split('?')[0], user: req.actor?.username ?? null },
    'request failed',
  );
  return reply.status(500).send({
    code: 'INTERNAL_ERROR',
    message: `Lỗi hệ thống. Vui lòng thử lại; nếu vẫn lỗi, báo quản trị kèm mã yêu cầu ${req.id}.`,
    details: { requestId: req.id },
  });
}

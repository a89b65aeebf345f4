/** The public side of feedback: no login, rate-limited per address, never a sender's identity. */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { replies, sendDownload, type App, readMultipartParts } from '@cchc/core';
import * as S from './feedback.schemas';
import { checkChallenge, newChallenge } from './challenge';
import { submitPublic, type IntakeInput } from './intake.service';
import { publicPhoto, publishedAnswers, rateCase, trackCase } from './public.service';
import { listCategories } from './categories.service';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from './photos';

const tags = ['Công khai'];
const Code = Type.Object({ code: Type.String({ maxLength: 40 }) });

/** Multipart (the form, with photos) or JSON (a partner system): the fields in `req.body`, the photos in `req.uploads`. */
async function readIntake(req: FastifyRequest) {
  if (!req.isMultipart()) return;
  const parts = await readMultipartParts(req, { maxFiles: MAX_PHOTOS, maxFileBytes: MAX_PHOTO_BYTES });
  req.body = parts.fields;
  req.uploads = parts.files;
}

export function registerPublicFeedbackRoutes(app: App): void {
  const s = app.services;

  app.get(
    '/api/public/feedback/categories',
    {
      config: { permission: 'public' },
      schema: {
        operationId: 'listPublicFeedbackCategories',
        tags,
        summary: 'Công khai: các lĩnh vực phản ánh, kiến nghị và thời hạn trả lời',
        response: replies({ 200: Type.Array(S.Category) }),
      },
    },
    async () => (await listCategories(s)).filter((c) => c.isActive),
  );

  app.get(
    '/api/public/feedback/challenge',
    {
      config: { permission: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        operationId: 'getFeedbackChallenge',
        tags,
        summary: 'Công khai: thử thách chống gửi tự động (ALTCHA, trình duyệt tự giải, không cần dịch vụ bên ngoài)',
        response: replies({ 200: Type.Unknown() }),
      },
    },
    async () => newChallenge(s),
  );

  app.post(
    '/api/public/feedback',
    {
      config: { permission: 'public', skipCsrf: true, rateLimit: { max: 20, timeWindow: '10 minutes' } },
      preValidation: readIntake,
      schema: {
        operationId: 'submitFeedback',
        tags,
        summary: 'Công khai: gửi phản ánh, kiến nghị (multipart, kèm tối đa 5 ảnh); trả về mã tra cứu và hạn trả lời',
        consumes: ['multipart/form-data', 'application/json'],
        body: S.PublicIntake,
        response: replies({ 201: S.Submitted, 413: Type.Ref('ErrorReply'), 428: Type.Ref('ErrorReply'), 429: Type.Ref('ErrorReply') }),
      },
    },
    async (req, reply) => {
      const body = req.body as IntakeInput & { altcha?: string };
      await checkChallenge(s, req.ip, body.altcha || (req.headers['x-altcha'] as string | undefined));
      const out = await submitPublic(s, req.auditContext(), body, req.uploads ?? []);
      return reply.status(201).send(out);
    },
  );

  app.get(
    '/api/public/feedback',
    {
      config: { permission: 'public' },
      schema: {
        operationId: 'listPublishedFeedback',
        tags,
        summary: 'Công khai: các phản ánh đã được trả lời (tìm theo từ, lĩnh vực, đơn vị, thời gian công khai)',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          category: Type.Optional(Type.String({ maxLength: 40 })),
          unit: Type.Optional(Type.String({ maxLength: 40 })),
          from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
          to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
        }),
        response: replies({ 200: S.PublicAnswers }),
      },
    },
    async (req) => publishedAnswers(s, { ...req.query, limit: req.query.limit ?? 10, offset: req.query.offset ?? 0 }),
  );

  app.get(
    '/api/public/feedback/:code',
    {
      config: { permission: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        operationId: 'trackFeedback',
        tags,
        summary: 'Công khai: tra cứu phản ánh theo mã (trạng thái, hạn, đơn vị xử lý, trả lời) — không có thông tin người gửi',
        params: Code,
        response: replies({ 200: S.Tracked }),
      },
    },
    async (req) => trackCase(s, req.params.code),
  );

  app.post(
    '/api/public/feedback/:code/rating',
    {
      config: { permission: 'public', skipCsrf: true, rateLimit: { max: 10, timeWindow: '10 minutes' } },
      schema: {
        operationId: 'rateFeedback',
        tags,
        summary: 'Công khai: người gửi đánh giá trả lời (1–5 sao) và cho biết vấn đề đã được giải quyết chưa (chưa: mở phản ánh lặp lại)',
        params: Code,
        body: Type.Object({
          stars: Type.Integer({ minimum: 1, maximum: 5 }),
          solved: Type.Boolean(),
          comment: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
        response: replies({
          200: Type.Object({
            code: Type.String(),
            stars: Type.Integer(),
            solved: Type.Boolean(),
            repeatCode: Type.Union([Type.String(), Type.Null()]),
          }),
        }),
      },
    },
    async (req) => rateCase(s, req.auditContext(), req.params.code, req.body),
  );

  app.get(
    '/api/public/feedback/:code/photos/:photoId',
    {
      config: { permission: 'public' },
      schema: {
        operationId: 'getPublicFeedbackPhoto',
        tags,
        summary: 'Công khai: ảnh của phản ánh đã trả lời (chỉ ảnh đã được kiểm tra, đã xoá thông tin vị trí)',
        params: Type.Object({ code: Type.String({ maxLength: 40 }), photoId: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (req, reply) => sendDownload(reply, await publicPhoto(s, req.params.code, req.params.photoId), 'image/jpeg'),
  );
}

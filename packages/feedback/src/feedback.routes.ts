/** Staff routes of the feedback module: thin — schema, permission, service, reply. */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import {
  AppError,
  IsoDateString,
  readMultipart,
  readMultipartParts,
  multipartBody,
  replies,
  sendDownload,
  XLSX_MIME,
  type App,
} from '@cchc/core';
import * as S from './feedback.schemas';
import * as cases from './case.service';
import { createByStaff, type StaffIntake } from './intake.service';
import { feedbackStats, listFeedback } from './stats.service';
import { listCategories, saveCategories } from './categories.service';
import { importFeedback, importTemplate } from './import.service';
import { MAX_PHOTOS } from './photos';
import { registerPublicFeedbackRoutes } from './public.routes';

const tags = ['Phản ánh, kiến nghị'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Detail = replies({ 200: Type.Ref('FeedbackCase') });

async function readStaffIntake(req: FastifyRequest) {
  if (!req.isMultipart()) return;
  const parts = await readMultipartParts(req, { maxFiles: MAX_PHOTOS + 1, maxFileBytes: 20 * 1024 * 1024 });
  req.body = parts.fields;
  req.uploads = parts.files;
}

export function registerFeedbackRoutes(app: App): void {
  const s = app.services;
  app.addSchema(S.CaseItem);
  app.addSchema(S.CaseDetail);
  registerPublicFeedbackRoutes(app);

  app.get(
    '/api/feedback',
    {
      config: { permission: 'feedback.read' },
      schema: {
        operationId: 'listFeedback',
        tags,
        summary:
          'Danh sách phản ánh, kiến nghị trong phạm vi (tìm theo mã hoặc nội dung, lọc, phân trang); đơn vị không thấy thông tin người gửi',
        querystring: S.ListQuery,
        response: replies({ 200: S.CasePage }),
      },
    },
    async (req) => listFeedback(s, req.requireActor(), req.query),
  );

  app.post(
    '/api/feedback',
    {
      config: { permission: 'feedback.create' },
      preValidation: readStaffIntake,
      schema: {
        operationId: 'createFeedback',
        tags,
        summary: 'Cán bộ nhập phản ánh nhận qua thư, điện thoại, thư điện tử, trực tiếp (ghi kênh, đính kèm bản quét thư)',
        consumes: ['multipart/form-data', 'application/json'],
        body: S.StaffIntake,
        response: replies({ 201: Type.Object({ id: Type.Integer(), code: Type.String(), dueDate: IsoDateString }) }),
      },
    },
    async (req, reply) => {
      const files = req.uploads ?? [];
      const letter = files.find((f) => f.field === 'letter') ?? null;
      const out = await createByStaff(
        s,
        req.auditContext(),
        req.requireActor(),
        req.body as StaffIntake,
        files.filter((f) => f !== letter),
        letter,
      );
      return reply.status(201).send(out);
    },
  );

  app.get(
    '/api/feedback/stats',
    {
      config: { permission: 'feedback.read' },
      schema: {
        operationId: 'getFeedbackStats',
        tags,
        summary: 'Thống kê theo đơn vị, lĩnh vực, kênh hoặc tháng: phân loại, đúng hạn, hài lòng (nhóm 5 Bộ chỉ số 766), lặp lại, quá hạn',
        querystring: Type.Object({
          from: IsoDateString,
          to: IsoDateString,
          unit: Type.Optional(Type.String({ maxLength: 40 })),
          groupBy: Type.Optional(Type.Union(['unit', 'category', 'channel', 'month'].map((g) => Type.Literal(g)))),
        }),
        response: replies({ 200: S.Stats }),
      },
    },
    async (req) =>
      feedbackStats(s, req.requireActor(), {
        ...req.query,
        groupBy: (req.query.groupBy as 'unit' | 'category' | 'channel' | 'month') ?? 'unit',
      }),
  );

  app.get(
    '/api/feedback/categories',
    {
      config: { permission: 'feedback.read' },
      schema: {
        operationId: 'listFeedbackCategories',
        tags,
        summary: 'Lĩnh vực và thời hạn (ngày làm việc)',
        response: replies({ 200: Type.Array(S.Category) }),
      },
    },
    async () => listCategories(s),
  );

  app.put(
    '/api/feedback/categories',
    {
      config: { permission: 'feedback.manage' },
      schema: {
        operationId: 'saveFeedbackCategories',
        tags,
        summary:
          'Sửa danh mục lĩnh vực và thời hạn xử lý, từ chối, chuyển, công khai (ngày làm việc); áp dụng cho phản ánh tiếp nhận sau đó',
        body: Type.Array(S.Category, { minItems: 1, maxItems: 100 }),
        response: replies({ 200: Type.Array(S.Category) }),
      },
    },
    async (req) => saveCategories(s, req.auditContext(), req.requireActor(), req.body),
  );

  app.post(
    '/api/feedback/import',
    {
      config: { permission: 'feedback.manage' },
      preValidation: readMultipart,
      schema: {
        operationId: 'importFeedback',
        tags,
        summary:
          'Nhập tệp xuất của Cổng Dịch vụ công quốc gia (PAKN) hoặc ứng dụng của tỉnh (CSV, XLSX); nhập lại cùng tệp không tạo bản trùng',
        consumes: ['multipart/form-data'],
        body: multipartBody({
          source: Type.String({ maxLength: 40, description: 'Nguồn, ví dụ cong-dvc-quoc-gia, hue-s' }),
          channel: Type.Optional(Type.String({ maxLength: 20 })),
          mapping: Type.Optional(Type.String({ maxLength: 4000, description: 'JSON: trường → tên cột trong tệp' })),
        }),
        response: replies({ 200: S.ImportResult, 413: Type.Ref('ErrorReply'), 422: Type.Ref('ErrorReply') }),
      },
    },
    async (req) => {
      if (!req.upload) throw new AppError('MISSING_FILE', 'Thiếu tệp cần nhập (trường "file").');
      return importFeedback(
        s,
        req.auditContext(),
        req.requireActor(),
        req.upload,
        req.body as { source: string; channel?: string; mapping?: string },
      );
    },
  );

  app.get(
    '/api/feedback/import-template.xlsx',
    {
      config: { permission: 'feedback.manage' },
      schema: { operationId: 'feedbackImportTemplate', tags, summary: 'Mẫu tệp nhập phản ánh (các cột, giá trị hợp lệ)' },
    },
    async (_req, reply) =>
      sendDownload(reply, { filename: 'mau-nhap-phan-anh.xlsx', data: await importTemplate(await listCategories(s)) }, XLSX_MIME),
  );

  app.get(
    '/api/feedback/:id',
    {
      config: { permission: 'feedback.read' },
      schema: {
        operationId: 'getFeedback',
        tags,
        summary: 'Một phản ánh: nội dung, hạn, diễn biến, ảnh, các thao tác được phép',
        params: Id,
        response: Detail,
      },
    },
    async (req) => cases.getCaseView(s, req.requireActor(), req.params.id),
  );

  app.post(
    '/api/feedback/:id/assign',
    {
      config: { permission: 'feedback.assign' },
      schema: {
        operationId: 'assignFeedback',
        tags,
        summary: 'Phân loại và giao đơn vị chủ trì (và phối hợp); giao lại là chuyển đơn vị, được đếm',
        params: Id,
        body: Type.Object({
          unitCode: Type.String({ minLength: 1, maxLength: 40 }),
          coordinators: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
          category: Type.Optional(Type.String({ maxLength: 40 })),
          kind: Type.Optional(Type.Union([Type.Literal('phan_anh'), Type.Literal('kien_nghi')])),
          note: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
        response: Detail,
      },
    },
    async (req) => cases.assignCase(s, req.auditContext(), req.requireActor(), req.params.id, req.body),
  );

  app.post(
    '/api/feedback/:id/reject',
    {
      config: { permission: 'feedback.reject' },
      schema: {
        operationId: 'rejectFeedback',
        tags,
        summary: 'Không tiếp nhận (không đủ điều kiện), có lý do cho người gửi',
        params: Id,
        body: Type.Object({ reason: Type.String({ maxLength: 5000 }) }),
        response: Detail,
      },
    },
    async (req) => cases.rejectCase(s, req.auditContext(), req.requireActor(), req.params.id, req.body.reason),
  );

  app.post(
    '/api/feedback/:id/redirect',
    {
      config: { permission: 'feedback.redirect' },
      schema: {
        operationId: 'redirectFeedback',
        tags,
        summary: 'Chuyển cơ quan có thẩm quyền: khiếu nại, tố cáo (luật riêng) hoặc ngoài thẩm quyền của tỉnh',
        params: Id,
        body: Type.Object({ note: Type.String({ maxLength: 5000 }), complaint: Type.Optional(Type.Boolean()) }),
        response: Detail,
      },
    },
    async (req) => cases.redirectCase(s, req.auditContext(), req.requireActor(), req.params.id, req.body),
  );

  app.post(
    '/api/feedback/:id/answer',
    {
      config: { permission: 'feedback.draft' },
      schema: {
        operationId: 'answerFeedback',
        tags,
        summary: 'Trả lời: cán bộ đầu mối lưu dự thảo; thủ trưởng đơn vị duyệt (sửa hoặc giữ nguyên dự thảo)',
        params: Id,
        body: Type.Object({ text: Type.Optional(Type.String({ maxLength: 20000 })) }),
        response: Detail,
      },
    },
    async (req) => cases.answerCase(s, req.auditContext(), req.requireActor(), req.params.id, req.body.text),
  );

  app.post(
    '/api/feedback/:id/return',
    {
      config: { permission: 'feedback.return' },
      schema: {
        operationId: 'returnFeedbackAnswer',
        tags,
        summary: 'Trả lại trả lời không đúng nội dung phản ánh (trước khi công khai)',
        params: Id,
        body: Type.Object({ note: Type.String({ maxLength: 5000 }) }),
        response: Detail,
      },
    },
    async (req) => cases.returnAnswer(s, req.auditContext(), req.requireActor(), req.params.id, req.body.note),
  );

  app.post(
    '/api/feedback/:id/publish',
    {
      config: { permission: 'feedback.publish' },
      schema: {
        operationId: 'publishFeedback',
        tags,
        summary: 'Công khai trả lời đã được thủ trưởng đơn vị duyệt',
        params: Id,
        response: Detail,
      },
    },
    async (req) => cases.publishCase(s, req.auditContext(), req.requireActor(), req.params.id),
  );

  app.post(
    '/api/feedback/:id/extend',
    {
      config: { permission: 'feedback.extend' },
      schema: {
        operationId: 'extendFeedback',
        tags,
        summary: 'Gia hạn một lần, có lý do (người gửi được thông báo trên trang tra cứu)',
        params: Id,
        body: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 90 }), reason: Type.String({ maxLength: 2000 }) }),
        response: Detail,
      },
    },
    async (req) => cases.extendCase(s, req.auditContext(), req.requireActor(), req.params.id, req.body),
  );

  app.post(
    '/api/feedback/:id/task',
    {
      config: { permission: 'feedback.task' },
      schema: {
        operationId: 'createTaskFromFeedback',
        tags,
        summary: '"Người dân nói, chính quyền làm": giao nhiệm vụ khắc phục từ phản ánh (theo dõi, báo cáo như mọi nhiệm vụ)',
        params: Id,
        body: Type.Object({
          content: Type.String({ maxLength: 5000 }),
          dueDate: IsoDateString,
          unitCode: Type.Optional(Type.String({ maxLength: 40, description: 'Mặc định: đơn vị chủ trì xử lý phản ánh' })),
        }),
        response: Detail,
      },
    },
    async (req) => cases.createTaskFromCase(s, req.auditContext(), req.requireActor(), req.params.id, req.body),
  );

  app.post(
    '/api/feedback/:id/hide',
    {
      config: { permission: 'feedback.hide' },
      schema: {
        operationId: 'hideFeedback',
        tags,
        summary: 'Ẩn khỏi trang công khai phản ánh vi phạm quy định nội dung (vẫn theo dõi, vẫn tính hạn), hoặc hiện lại',
        params: Id,
        body: Type.Object({ hidden: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 2000 })) }),
        response: Detail,
      },
    },
    async (req) => cases.hideCase(s, req.auditContext(), req.requireActor(), req.params.id, req.body),
  );

  app.put(
    '/api/feedback/:id/photos/:photoId',
    {
      config: { permission: 'feedback.photos' },
      schema: {
        operationId: 'setFeedbackPhotoPublic',
        tags,
        summary: 'Cho phép công khai ảnh (đã kiểm tra không lộ khuôn mặt, biển số) hoặc thôi công khai',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), photoId: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ isPublic: Type.Boolean() }),
        response: Detail,
      },
    },
    async (req) => cases.setPhotoPublic(s, req.auditContext(), req.requireActor(), req.params.id, req.params.photoId, req.body.isPublic),
  );

  app.get(
    '/api/feedback/:id/photos/:photoId',
    {
      config: { permission: 'feedback.read' },
      schema: {
        operationId: 'getFeedbackPhoto',
        tags,
        summary: 'Ảnh của phản ánh (đã xoá thông tin vị trí, máy ảnh)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), photoId: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (req, reply) =>
      sendDownload(reply, await cases.casePhoto(s, req.requireActor(), req.params.id, req.params.photoId), 'image/jpeg'),
  );

  app.get(
    '/api/feedback/:id/letter',
    {
      config: { permission: 'feedback.viewSender' },
      schema: { operationId: 'getFeedbackLetter', tags, summary: 'Bản quét thư, đơn (chỉ bộ phận tiếp nhận)', params: Id },
    },
    async (req, reply) => {
      const f = await cases.caseLetter(s, req.requireActor(), req.params.id);
      return sendDownload(reply, f, f.mime);
    },
  );
}

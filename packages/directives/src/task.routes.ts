import { Type } from '@sinclair/typebox';
import { cachedReply, multipartBody, readMultipart, replies, sendDownload, type App } from '@cchc/core';
import * as S from './directives.schemas';
import * as reading from './dashboard.service';
import * as tasks from './task.service';
import * as evidence from './evidence.service';

const tags = ['Chỉ đạo, điều hành'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const TaskPeriod = Type.Object({ id: Type.Integer({ minimum: 1 }), period: Type.String({ maxLength: 20 }) });

/** Tasks: the list, one task, and its report workflow (write, evidence, submit, review). */
export function registerTaskRoutes(app: App): void {
  const s = app.services;

  app.get(
    '/api/tasks',
    {
      config: { permission: 'directive.read' },
      schema: {
        operationId: 'listTasks',
        tags,
        summary: 'Nhiệm vụ trong phạm vi của người dùng: lọc, tìm, sắp xếp và phân trang',
        querystring: Type.Object({
          status: Type.Optional(S.Status),
          unit: Type.Optional(Type.String({ maxLength: 32 })),
          directive: Type.Optional(Type.Integer({ minimum: 1 })),
          q: Type.Optional(Type.String({ maxLength: 100, description: 'Tìm trong nội dung, ký hiệu nhiệm vụ, số văn bản' })),
          sort: Type.Optional(Type.Union([Type.Literal('directive'), Type.Literal('due'), Type.Literal('overdue')])),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
        }),
        response: replies({ 200: Type.Object({ total: Type.Integer(), rows: Type.Array(Type.Ref('TaskSummary')) }) }),
      },
    },
    async (req, reply) => {
      const actor = req.requireActor();
      return cachedReply(s, req, reply, actor, 'tasks', req.query, () =>
        reading.listTaskPage(s, actor, req.query as Parameters<typeof reading.listTaskPage>[2]),
      );
    },
  );

  app.get(
    '/api/tasks/:id',
    {
      config: { permission: 'directive.read' },
      schema: {
        operationId: 'getTask',
        tags,
        summary: 'Chi tiết nhiệm vụ, các kỳ báo cáo, minh chứng',
        params: Id,
        response: replies({ 200: Type.Ref('TaskDetail') }),
      },
    },
    async (req) => tasks.getTask(s, req.requireActor(), req.params.id),
  );

  app.put(
    '/api/tasks/:id/reports/:period',
    {
      config: { permission: 'task.report' },
      schema: {
        operationId: 'saveTaskReport',
        tags,
        summary: 'Đơn vị cập nhật tiến độ (bản nháp)',
        params: TaskPeriod,
        body: Type.Object({
          content: Type.String({ minLength: 1, maxLength: 20_000 }),
          percent: Type.Integer({ minimum: 0, maximum: 100 }),
          version: Type.Optional(
            Type.Integer({ minimum: 1, description: 'Phiên bản báo cáo đã xem; khác phiên bản hiện tại thì trả 409' }),
          ),
        }),
        response: replies({ 200: Type.Ref('TaskDetail') }),
      },
    },
    async (req) => tasks.saveReport(s, req.auditContext(), req.requireActor(), req.params.id, req.params.period, req.body),
  );

  app.post(
    '/api/tasks/:id/reports/:period/evidence',
    {
      config: { permission: 'task.report' },
      preValidation: readMultipart,
      schema: {
        operationId: 'addTaskEvidence',
        tags,
        summary: 'Đính kèm minh chứng',
        consumes: ['multipart/form-data'],
        params: TaskPeriod,
        body: multipartBody({}, 'Tệp minh chứng'),
        response: replies({ 200: Type.Ref('TaskDetail') }),
      },
    },
    async (req) => evidence.addEvidence(s, req.auditContext(), req.requireActor(), req.params.id, req.params.period, req.upload!),
  );

  app.get(
    '/api/evidence/:id',
    {
      config: { permission: 'directive.read' },
      schema: {
        operationId: 'getEvidence',
        tags,
        summary: 'Tải tệp minh chứng',
        params: Id,
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (req, reply) => {
      const f = await evidence.getEvidence(s, req.requireActor(), req.params.id);
      return sendDownload(reply, f, f.mime);
    },
  );

  app.post(
    '/api/tasks/:id/reports/:period/submit',
    {
      config: { permission: 'task.submit' },
      schema: {
        operationId: 'submitTaskReport',
        tags,
        summary: 'Thủ trưởng đơn vị duyệt và gửi báo cáo',
        params: TaskPeriod,
        body: Type.Optional(Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) })),
        response: replies({ 200: Type.Ref('TaskDetail') }),
      },
    },
    async (req) => tasks.submitReport(s, req.auditContext(), req.requireActor(), req.params.id, req.params.period, req.body?.version),
  );

  app.post(
    '/api/tasks/:id/reports/:period/review',
    {
      config: { permission: 'task.review' },
      schema: {
        operationId: 'reviewTaskReport',
        tags,
        summary: 'Sở Nội vụ chấp nhận hoặc trả lại báo cáo (kèm lý do)',
        params: TaskPeriod,
        body: Type.Object({
          decision: Type.Union([Type.Literal('accept'), Type.Literal('return')]),
          note: Type.Optional(Type.String({ maxLength: 2000 })),
          version: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
        response: replies({ 200: Type.Ref('TaskDetail') }),
      },
    },
    async (req) => tasks.reviewReport(s, req.auditContext(), req.requireActor(), req.params.id, req.params.period, req.body),
  );
}

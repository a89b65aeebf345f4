import { Type } from '@sinclair/typebox';
import {
  AppError,
  DOCX_MIME,
  formatDateRange,
  cachedReply,
  XLSX_MIME,
  multipartBody,
  readMultipart,
  replies,
  sendDownload,
  type App,
} from '@cchc/core';
import * as S from './directives.schemas';
import * as directives from './directive.service';
import * as parsing from './parse.service';
import * as reading from './dashboard.service';
import * as tasks from './task.service';
import * as evidence from './evidence.service';
import { compiledReportDocx, compiledReportXlsx } from './report.export';
import { syncObligations } from './task.obligations';

const tags = ['Chỉ đạo, điều hành'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const TaskPeriod = Type.Object({ id: Type.Integer({ minimum: 1 }), period: Type.String({ maxLength: 20 }) });
const Date = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Period = Type.Object({ from: Date, to: Date, label: Type.Optional(Type.String({ maxLength: 100 })) });

const periodLabel = (q: { from: string; to: string; label?: string }) => q.label ?? formatDateRange(q.from, q.to);

async function readParseInput(req: Parameters<typeof readMultipart>[0]): Promise<void> {
  if (req.isMultipart()) await readMultipart(req);
}

export function registerDirectiveRoutes(app: App): void {
  // Due dates depend on the working calendar: recomputed for every task when an administrator edits it.
  app.services.onCalendarChange?.(async () => {
    await syncObligations(app.services.db, app.services.calendar(), 'all');
  });
  for (const schema of [S.ParsedDirective, S.UnitProgress, S.TaskSummary, S.DirectiveSummary, S.DirectiveDetail, S.TaskDetail, S.Dashboard])
    app.addSchema(schema);
  const s = app.services;

  app.post(
    '/api/directives/parse',
    {
      config: { permission: 'directive.parse' },
      preValidation: readParseInput,
      schema: {
        operationId: 'parseDirective',
        tags,
        summary: 'Đề xuất cấu trúc từ văn bản chỉ thị, kế hoạch (JSON {text} hoặc multipart tệp DOCX); không lưu gì',
        consumes: ['application/json', 'multipart/form-data'],
        body: Type.Object({
          text: Type.Optional(Type.String({ maxLength: 500_000 })),
          file: Type.Optional(Type.String({ format: 'binary' })),
        }),
        response: replies({ 200: Type.Ref('ParsedDirective') }),
      },
    },
    async (req) => {
      const text = req.upload ? await parsing.extractText(req.upload) : req.body.text;
      if (text === undefined) throw new AppError('MISSING_TEXT', 'Thiếu trường "text" (nội dung văn bản) hoặc tệp DOCX.');
      return parsing.parseDirectiveText(s, req.requireActor(), text);
    },
  );

  app.post(
    '/api/directives',
    {
      config: { permission: 'directive.create' },
      schema: {
        operationId: 'createDirective',
        tags,
        summary: 'Lưu văn bản đã rà soát cùng các nhiệm vụ (nhóm đơn vị được tách thành từng nhiệm vụ)',
        body: S.CreateDirective,
        response: replies({ 200: Type.Object({ id: Type.Integer(), tasks: Type.Integer() }) }),
      },
    },
    async (req) => directives.createDirective(s, req.auditContext(), req.requireActor(), req.body),
  );

  app.get(
    '/api/directives',
    {
      config: { permission: 'directive.read' },
      schema: {
        operationId: 'listDirectives',
        tags,
        summary: 'Danh sách văn bản chỉ đạo và tiến độ (mới nhất trước, tìm theo số hoặc trích yếu, phân trang)',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
        }),
        response: replies({ 200: Type.Object({ total: Type.Integer(), rows: Type.Array(Type.Ref('DirectiveSummary')) }) }),
      },
    },
    async (req, reply) => {
      const actor = req.requireActor();
      return cachedReply(s, req, reply, actor, 'directives', req.query, () => reading.listDirectives(s, actor, req.query));
    },
  );

  app.get(
    '/api/directives/:id',
    {
      config: { permission: 'directive.read' },
      schema: {
        operationId: 'getDirective',
        tags,
        summary: 'Chi tiết văn bản: các mục, nhiệm vụ và trạng thái',
        params: Id,
        response: replies({ 200: Type.Ref('DirectiveDetail') }),
      },
    },
    async (req) => reading.getDirective(s, req.requireActor(), req.params.id),
  );

  app.get(
    '/api/directives/:id/progress',
    {
      config: { permission: 'directive.read' },
      schema: {
        operationId: 'getDirectiveProgress',
        tags,
        summary: 'Tiến độ theo đơn vị chủ trì',
        params: Id,
        querystring: Type.Object({ asOf: Type.Optional(Date) }),
        response: replies({ 200: Type.Array(Type.Ref('UnitProgress')) }),
      },
    },
    async (req) => reading.directiveProgress(s, req.requireActor(), req.params.id, req.query.asOf),
  );

  app.post(
    '/api/directives/:id/source',
    {
      config: { permission: 'directive.create' },
      preValidation: readMultipart,
      schema: {
        operationId: 'attachDirectiveSource',
        tags,
        summary: 'Đính kèm tệp gốc của văn bản (DOCX, PDF, văn bản)',
        consumes: ['multipart/form-data'],
        params: Id,
        body: multipartBody({}, 'Tệp gốc'),
        response: replies({ 200: Type.Object({ ok: Type.Boolean() }) }),
      },
    },
    async (req) => directives.attachSource(s, req.auditContext(), req.requireActor(), req.params.id, req.upload!),
  );

  app.get(
    '/api/directives/:id/source',
    {
      config: { permission: 'directive.read' },
      schema: {
        operationId: 'getDirectiveSource',
        tags,
        summary: 'Tải tệp gốc của văn bản',
        params: Id,
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (req, reply) => {
      const f = await directives.getSource(s, req.requireActor(), req.params.id);
      return sendDownload(reply, f, f.mime);
    },
  );

  app.get(
    '/api/directives/dashboard',
    {
      config: { permission: 'directive.read' },
      schema: {
        operationId: 'getDirectiveDashboard',
        tags,
        summary: 'Bảng điều hành: tỷ lệ hoàn thành, đúng hạn theo đơn vị và văn bản, nhiệm vụ quá hạn, xu hướng',
        querystring: Type.Object({ asOf: Type.Optional(Date), unit: Type.Optional(Type.String({ maxLength: 32 })) }),
        response: replies({ 200: Type.Ref('DirectiveDashboard') }),
      },
    },
    async (req, reply) => {
      const actor = req.requireActor();
      return cachedReply(s, req, reply, actor, 'reading.dashboard', req.query, () =>
        reading.dashboard(s, actor, { asOf: req.query.asOf, unitCode: req.query.unit }),
      );
    },
  );

  app.get(
    '/api/directives/report.docx',
    {
      config: { permission: 'directive.report' },
      schema: {
        operationId: 'getCompiledReportDocx',
        tags,
        summary: 'Báo cáo tổng hợp CCHC (DOCX, thể thức Nghị định 30/2020)',
        querystring: Period,
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (req, reply) => {
      const f = await compiledReportDocx(s, req.requireActor(), { from: req.query.from, to: req.query.to, label: periodLabel(req.query) });
      return sendDownload(reply, f, DOCX_MIME);
    },
  );

  app.get(
    '/api/directives/report.xlsx',
    {
      config: { permission: 'directive.report' },
      schema: {
        operationId: 'getCompiledReportXlsx',
        tags,
        summary: 'Báo cáo tổng hợp CCHC (XLSX)',
        querystring: Period,
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (req, reply) => {
      const f = await compiledReportXlsx(s, req.requireActor(), { from: req.query.from, to: req.query.to, label: periodLabel(req.query) });
      return sendDownload(reply, f, XLSX_MIME);
    },
  );

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

import { Type } from '@sinclair/typebox';
import {
  AppError,
  REPORT_FORMAT_NOTE,
  REPORT_FORMATS,
  REPORT_MIME,
  REPORT_OPERATION_SUFFIX,
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
import * as changes from './directive.changes';
import * as parsing from './parse.service';
import * as reading from './dashboard.service';
import { compiledReportFile, compiledReportXlsx } from './report.export';
import { syncObligations } from './task.obligations';
import { registerTaskRoutes } from './task.routes';

const tags = ['Chỉ đạo, điều hành'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Date = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Period = Type.Object({ from: Date, to: Date, label: Type.Optional(Type.String({ maxLength: 100 })) });
/** The dashboard's and the summary's query: as of a date, the province or one unit. */
const ReadingQuery = Type.Object({ asOf: Type.Optional(Date), unit: Type.Optional(Type.String({ maxLength: 32 })) });

const periodLabel = (q: { from: string; to: string; label?: string }) => q.label ?? formatDateRange(q.from, q.to);

async function readParseInput(req: Parameters<typeof readMultipart>[0]): Promise<void> {
  if (req.isMultipart()) await readMultipart(req);
}

export function registerDirectiveRoutes(app: App): void {
  // Due dates depend on the working calendar: recomputed for every task when an administrator edits it.
  app.services.onCalendarChange?.(async () => {
    await syncObligations(app.services.db, app.services.calendar(), 'all');
  });
  for (const schema of [
    S.DirectiveRef,
    S.DirectivePreview,
    S.ParsedDirective,
    S.UnitProgress,
    S.TaskSummary,
    S.DirectiveSummary,
    S.DirectiveDetail,
    S.TaskDetail,
    S.Dashboard,
  ])
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

  app.post(
    '/api/directives/preview',
    {
      config: { permission: 'directive.create' },
      schema: {
        operationId: 'previewDirective',
        tags,
        summary: 'Xem trước khi lưu: số nhiệm vụ mỗi đơn vị chủ trì, phối hợp; các lỗi; văn bản cùng số đã lưu. Không lưu gì',
        body: S.CreateDirective,
        response: replies({ 200: Type.Ref('DirectivePreview') }),
      },
    },
    async (req) => directives.previewDirective(s, req.requireActor(), req.body),
  );

  app.get(
    '/api/directives/similar',
    {
      config: { permission: 'directive.create' },
      schema: {
        operationId: 'similarDirectives',
        tags,
        summary: 'Văn bản đã lưu có cùng số, ký hiệu và cơ quan ban hành (mọi năm)',
        querystring: Type.Object({
          number: Type.String({ maxLength: 60 }),
          issuer: Type.Optional(Type.String({ maxLength: 300 })),
          except: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
        response: replies({ 200: Type.Array(Type.Ref('DirectiveRef')) }),
      },
    },
    async (req) => directives.similarDirectives(s, req.query.number, req.query.issuer, req.query.except),
  );

  app.patch(
    '/api/directives/:id',
    {
      config: { permission: 'directive.edit' },
      schema: {
        operationId: 'updateDirective',
        tags,
        summary: 'Sửa số, loại, ngày, cơ quan ban hành, trích yếu của văn bản đã lưu (ghi nhật ký, báo các đơn vị)',
        params: Id,
        body: S.UpdateDirective,
        response: replies({ 200: Type.Object({ id: Type.Integer(), changed: Type.Integer() }) }),
      },
    },
    async (req) => changes.updateDirective(s, req.auditContext(), req.requireActor(), req.params.id, req.body),
  );

  app.post(
    '/api/directives/:id/withdraw',
    {
      config: { permission: 'directive.withdraw' },
      schema: {
        operationId: 'withdrawDirective',
        tags,
        summary: 'Thu hồi văn bản: các nhiệm vụ được hủy (giữ lịch sử, không tính vào số liệu), báo các đơn vị',
        params: Id,
        body: S.Reason,
        response: replies({ 200: Type.Object({ id: Type.Integer(), cancelledTasks: Type.Integer() }) }),
      },
    },
    async (req) => changes.withdrawDirective(s, req.auditContext(), req.requireActor(), req.params.id, req.body.reason),
  );

  app.delete(
    '/api/directives/:id',
    {
      config: { permission: 'directive.delete' },
      schema: {
        operationId: 'deleteDirective',
        tags,
        summary: 'Xóa văn bản lưu nhầm (chỉ khi chưa đơn vị nào báo cáo; sau đó chỉ thu hồi được)',
        params: Id,
        response: replies({ 200: Type.Object({ id: Type.Integer(), tasks: Type.Integer() }) }),
      },
    },
    async (req) => changes.deleteDirective(s, req.auditContext(), req.requireActor(), req.params.id),
  );

  app.post(
    '/api/directives/:id/tasks',
    {
      config: { permission: 'directive.edit' },
      schema: {
        operationId: 'addDirectiveTask',
        tags,
        summary: 'Thêm nhiệm vụ vào một mục của văn bản đã lưu',
        params: Id,
        body: S.AddTask,
        response: replies({ 200: Type.Object({ id: Type.Integer() }) }),
      },
    },
    async (req) => changes.addTask(s, req.auditContext(), req.requireActor(), req.params.id, req.body),
  );

  app.patch(
    '/api/tasks/:id',
    {
      config: { permission: 'task.edit' },
      schema: {
        operationId: 'updateTask',
        tags,
        summary: 'Sửa nội dung, thời hạn, đơn vị chủ trì, phối hợp của nhiệm vụ (ghi nhật ký, báo các đơn vị liên quan)',
        params: Id,
        body: S.UpdateTask,
        response: replies({ 200: Type.Object({ id: Type.Integer(), changed: Type.Integer() }) }),
      },
    },
    async (req) => changes.updateTask(s, req.auditContext(), req.requireActor(), req.params.id, req.body),
  );

  app.post(
    '/api/tasks/:id/remove',
    {
      config: { permission: 'task.edit' },
      schema: {
        operationId: 'removeTask',
        tags,
        summary: 'Bỏ nhiệm vụ: hủy nếu đã có báo cáo (giữ lịch sử), xóa nếu chưa',
        params: Id,
        body: S.Reason,
        response: replies({ 200: Type.Object({ id: Type.Integer(), cancelled: Type.Boolean(), deleted: Type.Boolean() }) }),
      },
    },
    async (req) => changes.removeTask(s, req.auditContext(), req.requireActor(), req.params.id, req.body.reason),
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
        querystring: ReadingQuery,
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
    '/api/directives/summary',
    {
      config: { permission: 'directive.read' },
      schema: {
        operationId: 'getDirectiveSummary',
        tags,
        summary: 'Số nhiệm vụ theo trạng thái (tổng, không kèm danh sách): các con số của trang chủ',
        querystring: ReadingQuery,
        response: replies({ 200: Type.Object({ asOf: Type.String(), totals: Type.Object(S.Counts) }) }),
      },
    },
    async (req, reply) => {
      const actor = req.requireActor();
      return cachedReply(s, req, reply, actor, 'reading.summary', req.query, () =>
        reading.summary(s, actor, { asOf: req.query.asOf, unitCode: req.query.unit }),
      );
    },
  );

  for (const format of REPORT_FORMATS)
    app.get(
      `/api/directives/report.${format}`,
      {
        config: { permission: 'directive.report' },
        schema: {
          operationId: `getCompiledReport${REPORT_OPERATION_SUFFIX[format]}`,
          tags,
          summary: `Báo cáo tổng hợp CCHC (${REPORT_FORMAT_NOTE[format]})`,
          querystring: Period,
          response: replies({ 200: Type.String({ format: 'binary' }) }),
        },
      },
      async (req, reply) => {
        const period = { from: req.query.from, to: req.query.to, label: periodLabel(req.query) };
        return sendDownload(reply, await compiledReportFile(s, req.requireActor(), period, format), REPORT_MIME[format]);
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

  registerTaskRoutes(app);
}

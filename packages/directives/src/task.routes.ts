import { Type } from '@sinclair/typebox';
import {
  XLSX_MIME,
  cachedReply,
  formatDate,
  multipartBody,
  readMultipart,
  replies,
  sendDownload,
  tablesToXlsx,
  type App,
} from '@cchc/core';
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

  const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
  const ListFilters = {
    status: Type.Optional(S.Status),
    unit: Type.Optional(Type.String({ maxLength: 32 })),
    directive: Type.Optional(Type.Integer({ minimum: 1 })),
    section: Type.Optional(Type.Integer({ minimum: 1, description: 'Một mục của văn bản (cùng với directive)' })),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Tìm trong nội dung, ký hiệu nhiệm vụ, số văn bản' })),
    dueFrom: Type.Optional(DateStr),
    dueTo: Type.Optional(DateStr),
    index: Type.Optional(
      Type.String({ maxLength: 40, pattern: '^[A-Z0-9_]+(:[A-Za-z0-9_.]+)?$', description: 'Chỉ số hoặc thành phần: PAPI, PAPI:D6' }),
    ),
    reportState: Type.Optional(
      Type.Union(
        ['none', 'draft', 'submitted', 'returned', 'accepted'].map((x) => Type.Literal(x)),
        {
          description: 'Có báo cáo ở trạng thái này (chờ ai xử lý); none = chưa có báo cáo',
        },
      ),
    ),
    sort: Type.Optional(Type.Union([Type.Literal('directive'), Type.Literal('due'), Type.Literal('overdue'), Type.Literal('unit')])),
  };
  type ListQuery = Parameters<typeof reading.listTaskPage>[2];

  app.get(
    '/api/tasks',
    {
      config: { permission: 'directive.read' },
      schema: {
        operationId: 'listTasks',
        tags,
        summary: 'Nhiệm vụ trong phạm vi của người dùng: lọc, tìm, sắp xếp và phân trang',
        querystring: Type.Object({
          ...ListFilters,
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
        }),
        response: replies({ 200: Type.Object({ total: Type.Integer(), rows: Type.Array(Type.Ref('TaskSummary')) }) }),
      },
    },
    async (req, reply) => {
      const actor = req.requireActor();
      return cachedReply(s, req, reply, actor, 'tasks', req.query, () => reading.listTaskPage(s, actor, req.query as ListQuery));
    },
  );

  app.get(
    '/api/tasks.xlsx',
    {
      config: { permission: 'directive.read' },
      schema: {
        operationId: 'exportTasks',
        tags,
        summary: 'Danh sách nhiệm vụ đang lọc, dạng XLSX (tối đa 20.000 dòng)',
        querystring: Type.Object(ListFilters),
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (req, reply) => {
      const rows = await reading.exportTaskList(s, req.requireActor(), req.query as ListQuery);
      const data = await tablesToXlsx([
        {
          name: 'Nhiệm vụ',
          title: `Danh sách nhiệm vụ (${rows.length.toLocaleString('vi-VN')} nhiệm vụ, đến ngày ${formatDate(s.today())})`,
          columns: [
            { header: 'Văn bản', key: 'directiveNumber', width: 16 },
            { header: 'Mục', key: 'sectionNumber', width: 6 },
            { header: 'Ký hiệu', key: 'label', width: 6 },
            { header: 'Nhiệm vụ', key: 'content', width: 70 },
            { header: 'Cơ quan chủ trì', key: 'leadUnitName', width: 30 },
            { header: 'Cơ quan phối hợp', key: 'coordinators', width: 30 },
            { header: 'Hạn tiếp theo', key: 'nextDueDateText', width: 14 },
            { header: 'Kỳ', key: 'periodLabel', width: 14 },
            { header: 'Trạng thái', key: 'statusLabel', width: 22 },
            { header: 'Báo cáo', key: 'reportStateLabel', width: 16 },
            { header: 'Chỉ số liên quan', key: 'indexLinks', width: 18 },
          ],
          rows: rows.map((r) => ({ ...r, nextDueDateText: r.nextDueDate ? formatDate(r.nextDueDate) : '' })),
        },
      ]);
      return sendDownload(reply, { filename: `nhiem-vu-${s.today()}.xlsx`, data }, XLSX_MIME);
    },
  );

  app.get(
    '/api/tasks/waiting',
    {
      config: { permission: 'directive.read' },
      schema: {
        operationId: 'tasksWaitingForMe',
        tags,
        summary: 'Việc đang chờ người dùng: báo cáo chờ thẩm định (Sở Nội vụ), bản nháp chờ gửi (thủ trưởng), báo cáo bị trả lại',
        response: replies({ 200: Type.Object({ toReview: Type.Integer(), toSubmit: Type.Integer(), returned: Type.Integer() }) }),
      },
    },
    async (req, reply) => {
      const actor = req.requireActor();
      return cachedReply(s, req, reply, actor, 'tasks.waiting', null, () => reading.waitingForMe(s, actor));
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

  app.delete(
    '/api/tasks/:id/reports/:period/evidence/:evidenceId',
    {
      config: { permission: 'task.report' },
      schema: {
        operationId: 'removeTaskEvidence',
        tags,
        summary: 'Gỡ tệp minh chứng khỏi báo cáo đang soạn hoặc bị trả lại (bản đã gửi vẫn giữ tệp)',
        params: Type.Object({ ...TaskPeriod.properties, evidenceId: Type.Integer({ minimum: 1 }) }),
        response: replies({ 200: Type.Ref('TaskDetail') }),
      },
    },
    async (req) =>
      evidence.removeEvidence(s, req.auditContext(), req.requireActor(), req.params.id, req.params.period, req.params.evidenceId),
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

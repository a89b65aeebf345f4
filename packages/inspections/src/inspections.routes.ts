/** Routes of the inspections module: thin — schema, permission, service, reply. */
import { Type } from '@sinclair/typebox';
import { AppError, DOCX_MIME, XLSX_MIME, multipartBody, readMultipart, replies, sendDownload, type App } from '@cchc/core';
import * as S from './inspections.schemas';
import * as svc from './inspection.service';
import { drawUnannounced, getCoverage, listDraws, riskRanking } from './coverage.service';
import { conclusionDocx, recordDocx, yearReportDocx, yearReportXlsx } from './inspections.export';

const tags = ['Kiểm tra CCHC'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Created = replies({ 201: Type.Object({ id: Type.Integer() }) });
const Detail = replies({ 200: Type.Ref('InspectionDetail') });
const YearQuery = Type.Object({ year: S.Year });
const Binary = replies({ 200: Type.String({ format: 'binary' }) });

export function registerInspectionsRoutes(app: App): void {
  const s = app.services;
  app.addSchema({ ...S.InspectionDetail, $id: 'InspectionDetail' });

  app.get(
    '/api/inspections/plans',
    {
      config: { permission: 'inspection.read' },
      schema: {
        operationId: 'listInspectionPlans',
        tags,
        summary: 'Kế hoạch kiểm tra theo năm',
        querystring: Type.Object({ year: Type.Optional(S.Year) }),
        response: replies({ 200: Type.Array(S.Plan) }),
      },
    },
    async (req) => svc.listPlans(s, req.query.year),
  );
  app.post(
    '/api/inspections/plans',
    {
      config: { permission: 'inspection.manage' },
      schema: {
        operationId: 'createInspectionPlan',
        tags,
        summary: 'Lập kế hoạch kiểm tra CCHC của năm (chỉ tiêu mặc định 30 % đơn vị)',
        body: S.PlanInput,
        response: Created,
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createPlan(s, req.auditContext(), req.requireActor(), req.body)),
  );
  app.patch(
    '/api/inspections/plans/:id',
    {
      config: { permission: 'inspection.manage' },
      schema: {
        operationId: 'updateInspectionPlan',
        tags,
        summary: 'Sửa tên, chỉ tiêu của kế hoạch',
        params: Id,
        body: Type.Partial(S.PlanInput),
        response: replies({ 200: Type.Object({ id: Type.Integer() }) }),
      },
    },
    async (req) => svc.updatePlan(s, req.auditContext(), req.requireActor(), req.params.id, req.body),
  );
  app.post(
    '/api/inspections/plans/:id/draw',
    {
      config: { permission: 'inspection.manage' },
      schema: {
        operationId: 'drawUnannouncedInspections',
        tags,
        summary: 'Bốc thăm ngẫu nhiên đơn vị kiểm tra đột xuất (hạt giống do hệ thống tạo, lưu lại; đơn vị không thấy trước ngày kiểm tra)',
        params: Id,
        body: Type.Object({
          count: Type.Integer({ minimum: 1, maximum: 500 }),
          date: Type.String({ maxLength: 10 }),
          areas: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
        }),
        response: replies({
          201: Type.Object({
            drawId: Type.Integer(),
            chosen: Type.Array(Type.Object({ unitCode: Type.String(), unitName: Type.String(), inspectionId: Type.Integer() })),
          }),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await drawUnannounced(s, req.auditContext(), req.requireActor(), req.params.id, req.body)),
  );
  app.get(
    '/api/inspections/plans/:id/draws',
    {
      config: { permission: 'inspection.viewSealed' },
      schema: {
        operationId: 'listInspectionDraws',
        tags,
        summary: 'Các lần bốc thăm của kế hoạch (chỉ Sở Nội vụ): hạt giống, số đơn vị, kết quả, kiểm chứng bốc lại',
        params: Id,
        response: replies({ 200: Type.Array(S.Draw) }),
      },
    },
    async (req) => listDraws(s, req.requireActor(), req.params.id),
  );

  app.get(
    '/api/inspections/template',
    {
      config: { permission: 'inspection.read' },
      schema: {
        operationId: 'getInspectionTemplate',
        tags,
        summary: 'Mẫu nội dung kiểm tra (danh mục)',
        response: replies({ 200: Type.Array(S.TemplateView) }),
      },
    },
    async () => svc.getTemplate(s),
  );
  app.put(
    '/api/inspections/template',
    {
      config: { permission: 'inspection.manage' },
      schema: {
        operationId: 'saveInspectionTemplate',
        tags,
        summary: 'Sửa mẫu nội dung kiểm tra (áp dụng cho các cuộc kiểm tra lập sau đó)',
        body: Type.Array(S.TemplateItem, { minItems: 1, maxItems: 300 }),
        response: replies({ 200: Type.Array(S.TemplateView) }),
      },
    },
    async (req) => svc.saveTemplate(s, req.auditContext(), req.requireActor(), req.body),
  );

  app.get(
    '/api/inspections/coverage',
    {
      config: { permission: 'inspection.read' },
      schema: {
        operationId: 'getInspectionCoverage',
        tags,
        summary: 'Tỷ lệ đơn vị đã được kiểm tra trong năm so với chỉ tiêu; đơn vị chưa kiểm tra; tự kiểm tra đơn vị trực thuộc',
        querystring: YearQuery,
        response: replies({ 200: S.Coverage }),
      },
    },
    async (req) => getCoverage(s, req.requireActor(), req.query.year),
  );
  app.get(
    '/api/inspections/risk',
    {
      config: { permission: 'inspection.manage' },
      schema: {
        operationId: 'getInspectionRisk',
        tags,
        summary:
          'Đề xuất đơn vị cần kiểm tra theo rủi ro: hồ sơ trễ hạn, nhiệm vụ quá hạn, chưa xin lỗi, phản ánh, chỉ số nội bộ, lâu chưa kiểm tra',
        querystring: Type.Object({ year: S.Year, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }),
        response: replies({ 200: S.Risk }),
      },
    },
    async (req) => riskRanking(s, req.requireActor(), req.query.year, req.query.limit),
  );
  app.get(
    '/api/inspections/report.xlsx',
    {
      config: { permission: 'inspection.read' },
      schema: {
        operationId: 'inspectionReportXlsx',
        tags,
        summary: 'Kết quả kiểm tra CCHC của năm (XLSX)',
        querystring: YearQuery,
        response: Binary,
      },
    },
    async (req, reply) => sendDownload(reply, await yearReportXlsx(s, req.requireActor(), req.query.year), XLSX_MIME),
  );
  app.get(
    '/api/inspections/report.docx',
    {
      config: { permission: 'inspection.read' },
      schema: {
        operationId: 'inspectionReportDocx',
        tags,
        summary: 'Báo cáo kết quả kiểm tra CCHC của năm (DOCX, thể thức Nghị định 30)',
        querystring: YearQuery,
        response: Binary,
      },
    },
    async (req, reply) => sendDownload(reply, await yearReportDocx(s, req.requireActor(), req.query.year), DOCX_MIME),
  );

  app.get(
    '/api/inspections/findings',
    {
      config: { permission: 'inspection.read' },
      schema: {
        operationId: 'listInspectionFindings',
        tags,
        summary: 'Kiến nghị sau kiểm tra (lọc theo trạng thái khắc phục, đơn vị, mức độ, lặp lại)',
        querystring: S.FindingQuery,
        response: replies({ 200: S.FindingPage }),
      },
    },
    async (req) => svc.listFindings(s, req.requireActor(), req.query),
  );
  app.post(
    '/api/inspections/findings/:id/verify',
    {
      config: { permission: 'inspection.verify' },
      schema: {
        operationId: 'verifyInspectionFinding',
        tags,
        summary: 'Xác nhận đơn vị đã khắc phục, hoặc ghi chưa khắc phục (cần kiểm tra lại) kèm lý do',
        params: Id,
        body: Type.Object({ remedied: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 2000 })) }),
        response: replies({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      await svc.verifyFinding(s, req.auditContext(), req.requireActor(), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/inspections',
    {
      config: { permission: 'inspection.read' },
      schema: {
        operationId: 'listInspections',
        tags,
        summary: 'Các cuộc kiểm tra trong phạm vi (lọc, tìm, phân trang)',
        querystring: S.ListQuery,
        response: replies({ 200: S.InspectionPage }),
      },
    },
    async (req) => svc.listInspections(s, req.requireActor(), req.query),
  );
  app.post(
    '/api/inspections',
    {
      config: { permission: 'inspection.self' },
      schema: {
        operationId: 'createInspection',
        tags,
        summary: 'Lên lịch một cuộc kiểm tra (theo kế hoạch, đột xuất, chuyên đề; đơn vị tự kiểm tra đơn vị trực thuộc)',
        description: 'Sở Nội vụ lập mọi hình thức; thủ trưởng đơn vị lập cuộc tự kiểm tra (kind = self) của đơn vị trực thuộc.',
        body: S.InspectionInput,
        response: Created,
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createInspection(s, req.auditContext(), req.requireActor(), req.body)),
  );
  app.get(
    '/api/inspections/:id',
    {
      config: { permission: 'inspection.read' },
      schema: {
        operationId: 'getInspection',
        tags,
        summary: 'Một cuộc kiểm tra: nội dung, kết quả từng mục, kiến nghị, tài liệu',
        params: Id,
        response: Detail,
      },
    },
    async (req) => svc.getInspection(s, req.requireActor(), req.params.id),
  );
  app.patch(
    '/api/inspections/:id',
    {
      config: { permission: 'inspection.cancel' },
      schema: {
        operationId: 'updateInspection',
        tags,
        summary: 'Đổi ngày, nội dung, đoàn kiểm tra (khi chưa có kết luận)',
        params: Id,
        body: Type.Object({
          version: Type.Integer(),
          date: Type.Optional(Type.String({ maxLength: 10 })),
          areas: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
          teamLeader: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
          teamMembers: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
        }),
        response: Detail,
      },
    },
    async (req) => {
      const actor = req.requireActor();
      await svc.updateInspection(s, req.auditContext(), actor, req.params.id, req.body);
      return svc.getInspection(s, actor, req.params.id);
    },
  );
  app.post(
    '/api/inspections/:id/cancel',
    {
      config: { permission: 'inspection.cancel' },
      schema: {
        operationId: 'cancelInspection',
        tags,
        summary: 'Hủy cuộc kiểm tra chưa diễn ra (ghi lý do)',
        params: Id,
        body: Type.Object({ reason: Type.String({ maxLength: 1000 }) }),
        response: Detail,
      },
    },
    async (req) => {
      const actor = req.requireActor();
      await svc.cancelInspection(s, req.auditContext(), actor, req.params.id, req.body.reason);
      return svc.getInspection(s, actor, req.params.id);
    },
  );
  app.put(
    '/api/inspections/:id/checklist',
    {
      config: { permission: 'inspection.conduct' },
      schema: {
        operationId: 'saveInspectionChecklist',
        tags,
        summary: 'Ghi kết quả từng nội dung kiểm tra (máy tính bảng gửi lại khi có mạng: gửi trùng không ghi hai lần)',
        params: Id,
        body: Type.Object({
          version: Type.Integer(),
          results: Type.Array(
            Type.Object({
              itemCode: Type.String({ maxLength: 20 }),
              result: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('na'), Type.Null()]),
              note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
            }),
            { maxItems: 300 },
          ),
        }),
        response: Detail,
      },
    },
    async (req) => {
      const actor = req.requireActor();
      await svc.saveChecklist(s, req.auditContext(), actor, req.params.id, req.body as svc.ChecklistInput);
      return svc.getInspection(s, actor, req.params.id);
    },
  );
  app.post(
    '/api/inspections/:id/conclude',
    {
      config: { permission: 'inspection.conclude' },
      schema: {
        operationId: 'concludeInspection',
        tags,
        summary: 'Ghi biên bản và ban hành kết luận kiểm tra',
        params: Id,
        body: Type.Object({
          version: Type.Integer(),
          recordText: Type.String({ maxLength: 50_000 }),
          conclusion: Type.String({ maxLength: 50_000 }),
        }),
        response: Detail,
      },
    },
    async (req) => {
      const actor = req.requireActor();
      await svc.conclude(s, req.auditContext(), actor, req.params.id, req.body);
      return svc.getInspection(s, actor, req.params.id);
    },
  );
  app.post(
    '/api/inspections/:id/findings',
    {
      config: { permission: 'inspection.conduct' },
      schema: {
        operationId: 'addInspectionFinding',
        tags,
        summary: 'Ghi một tồn tại, hạn chế: thành nhiệm vụ khắc phục trong danh sách nhiệm vụ của đơn vị',
        params: Id,
        body: S.FindingInput,
        response: replies({ 201: Type.Object({ id: Type.Integer(), taskId: Type.Integer(), repeated: Type.Boolean() }) }),
      },
    },
    async (req, reply) => reply.status(201).send(await svc.addFinding(s, req.auditContext(), req.requireActor(), req.params.id, req.body)),
  );
  app.post(
    '/api/inspections/:id/evidence',
    {
      config: { permission: 'inspection.conduct' },
      preValidation: readMultipart,
      schema: {
        operationId: 'addInspectionEvidence',
        tags,
        summary: 'Đính kèm tài liệu, ảnh chụp của cuộc kiểm tra',
        consumes: ['multipart/form-data'],
        params: Id,
        body: multipartBody({}, 'Tài liệu, ảnh'),
        response: Detail,
      },
    },
    async (req) => {
      if (!req.upload) throw new AppError('MISSING_FILE', 'Thiếu tệp: hãy chọn tài liệu (trường "file").');
      const actor = req.requireActor();
      await svc.addEvidence(s, req.auditContext(), actor, req.params.id, req.upload);
      return svc.getInspection(s, actor, req.params.id);
    },
  );
  app.delete(
    '/api/inspections/:id/evidence/:fileId',
    {
      config: { permission: 'inspection.conduct' },
      schema: {
        operationId: 'removeInspectionEvidence',
        tags,
        summary: 'Gỡ một tài liệu của cuộc kiểm tra',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), fileId: Type.Integer({ minimum: 1 }) }),
        response: Detail,
      },
    },
    async (req) => {
      const actor = req.requireActor();
      await svc.removeEvidence(s, req.auditContext(), actor, req.params.id, req.params.fileId);
      return svc.getInspection(s, actor, req.params.id);
    },
  );
  app.get(
    '/api/inspections/:id/evidence/:fileId',
    {
      config: { permission: 'inspection.read' },
      schema: {
        operationId: 'getInspectionEvidence',
        tags,
        summary: 'Tải tài liệu của cuộc kiểm tra',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), fileId: Type.Integer({ minimum: 1 }) }),
        response: Binary,
      },
    },
    async (req, reply) => {
      const f = await svc.evidenceFile(s, req.requireActor(), req.params.id, req.params.fileId);
      return sendDownload(reply, f, f.mime);
    },
  );
  app.get(
    '/api/inspections/:id/record.docx',
    {
      config: { permission: 'inspection.read' },
      schema: { operationId: 'inspectionRecordDocx', tags, summary: 'Biên bản kiểm tra (DOCX)', params: Id, response: Binary },
    },
    async (req, reply) => sendDownload(reply, await recordDocx(s, req.requireActor(), req.params.id), DOCX_MIME),
  );
  app.get(
    '/api/inspections/:id/conclusion.docx',
    {
      config: { permission: 'inspection.read' },
      schema: { operationId: 'inspectionConclusionDocx', tags, summary: 'Kết luận kiểm tra (DOCX)', params: Id, response: Binary },
    },
    async (req, reply) => sendDownload(reply, await conclusionDocx(s, req.requireActor(), req.params.id), DOCX_MIME),
  );
}

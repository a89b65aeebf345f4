/** The internal index API: frameworks, rounds, a unit's sheet and its scores, results. */
import { Type } from '@sinclair/typebox';
import { AppError, XLSX_MIME, multipartBody, readMultipart, replies, sendDownload, type App } from '@cchc/core';
import * as S from './assessment.schemas';
import * as frameworks from './framework.service';
import * as rounds from './round.service';
import { roundAnalysis } from './analysis.service';
import { editFramework } from './framework-edit.service';
import { registerRoundAdminRoutes } from './round-admin.routes';
import { registerPublicationRoutes } from './publication.routes';

const tags = ['Chỉ số CCHC nội bộ'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const RoundUnit = Type.Object({ id: Type.Integer({ minimum: 1 }), unitCode: Type.String({ maxLength: 40 }) });

export function registerAssessmentRoutes(app: App): void {
  app.addSchema(S.Framework);
  app.addSchema(S.Sheet);
  const s = app.services;
  registerRoundAdminRoutes(app);
  registerPublicationRoutes(app);

  app.post(
    '/api/assessment/frameworks/import',
    {
      config: { permission: 'assessment.manage' },
      preValidation: readMultipart,
      schema: {
        operationId: 'importAssessmentFramework',
        tags,
        summary:
          'Nhập bộ tiêu chí từ tệp XLSX hoặc CSV (cột ma, noi_dung, diem_toi_da, cach_cham, du_lieu, thang_diem, minh_chung); lưu khi không có dòng lỗi',
        consumes: ['multipart/form-data'],
        body: multipartBody(
          {
            year: Type.Integer({ minimum: 2000, maximum: 2100 }),
            unitGroup: S.UnitGroup,
            name: Type.String({ minLength: 3, maxLength: 300 }),
          },
          'Tệp bộ tiêu chí',
        ),
        response: replies({ 200: S.ImportReply }),
      },
    },
    async (req) => {
      if (!req.upload) throw new AppError('MISSING_FILE', 'Thiếu tệp: hãy chọn tệp bộ tiêu chí (trường "file").');
      const body = req.body as { year: number; unitGroup: 'department' | 'commune' | 'province'; name: string };
      return frameworks.importFramework(s, req.auditContext(), req.requireActor(), {
        ...body,
        filename: req.upload.filename,
        data: req.upload.data,
      });
    },
  );

  app.get(
    '/api/assessment/frameworks',
    {
      config: { permission: 'assessment.read' },
      schema: {
        operationId: 'listAssessmentFrameworks',
        tags,
        summary: 'Các bộ tiêu chí (theo năm, nhóm đơn vị)',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
        response: replies({ 200: Type.Array(S.FrameworkSummary) }),
      },
    },
    async (req) => frameworks.listFrameworks(s, req.requireActor(), req.query.year),
  );

  app.get(
    '/api/assessment/frameworks/:id',
    {
      config: { permission: 'assessment.read' },
      schema: {
        operationId: 'getAssessmentFramework',
        tags,
        summary: 'Một bộ tiêu chí với cây nội dung, tiêu chí, tiêu chí thành phần',
        params: Id,
        response: replies({ 200: Type.Ref('AssessmentFramework') }),
      },
    },
    async (req) => frameworks.getFramework(s, req.requireActor(), req.params.id),
  );

  app.put(
    '/api/assessment/frameworks/:id',
    {
      config: { permission: 'assessment.manage' },
      schema: {
        operationId: 'editAssessmentFramework',
        tags,
        summary: 'Sửa bộ tiêu chí (cả cây, kiểm tra như khi nhập tệp); chỉ khi chưa đơn vị nào được chấm theo bộ này',
        params: Id,
        body: S.FrameworkEdit,
        response: replies({ 200: S.ImportReply }),
      },
    },
    async (req) => editFramework(s, req.auditContext(), req.requireActor(), req.params.id, req.body),
  );

  app.get(
    '/api/assessment/frameworks/:id/export.xlsx',
    {
      config: { permission: 'assessment.read' },
      schema: {
        operationId: 'exportAssessmentFramework',
        tags,
        summary: 'Xuất bộ tiêu chí ra XLSX theo đúng mẫu nhập',
        params: Id,
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (req, reply) => sendDownload(reply, await frameworks.exportFramework(s, req.requireActor(), req.params.id), XLSX_MIME),
  );

  app.post(
    '/api/assessment/frameworks/:id/copy',
    {
      config: { permission: 'assessment.manage' },
      schema: {
        operationId: 'copyAssessmentFramework',
        tags,
        summary: 'Sao chép bộ tiêu chí sang một năm khác (để chỉnh cho năm mới)',
        params: Id,
        body: Type.Object({
          year: Type.Integer({ minimum: 2000, maximum: 2100 }),
          name: Type.Optional(Type.String({ minLength: 3, maxLength: 300 })),
          validFrom: Type.Optional(
            Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Bản mới trong cùng năm: áp dụng từ ngày' }),
          ),
        }),
        response: replies({ 200: Type.Object({ id: Type.Integer() }) }),
      },
    },
    async (req) => frameworks.copyFramework(s, req.auditContext(), req.requireActor(), req.params.id, req.body),
  );

  app.post(
    '/api/assessment/rounds',
    {
      config: { permission: 'assessment.manage' },
      schema: {
        operationId: 'createAssessmentRound',
        tags,
        summary: 'Mở đợt đánh giá theo một bộ tiêu chí với các hạn: tự đánh giá, thẩm định lần 1, giải trình, thẩm định lần 2',
        body: S.RoundInput,
        response: replies({ 200: Type.Object({ id: Type.Integer() }) }),
      },
    },
    async (req) => rounds.createRound(s, req.auditContext(), req.requireActor(), req.body),
  );

  app.get(
    '/api/assessment/rounds',
    {
      config: { permission: 'assessment.read' },
      schema: { operationId: 'listAssessmentRounds', tags, summary: 'Các đợt đánh giá', response: replies({ 200: Type.Array(S.Round) }) },
    },
    async (req) => rounds.listRounds(s, req.requireActor()),
  );

  app.get(
    '/api/assessment/rounds/:id/units/:unitCode',
    {
      config: { permission: 'assessment.read' },
      schema: {
        operationId: 'getAssessmentSheet',
        tags,
        summary: 'Phiếu của một đơn vị: tự chấm, thẩm định lần 1, giải trình, thẩm định lần 2, chốt điểm cạnh nhau',
        params: RoundUnit,
        response: replies({ 200: Type.Ref('AssessmentSheet') }),
      },
    },
    async (req) => rounds.getSheet(s, req.requireActor(), req.params.id, req.params.unitCode),
  );

  app.put(
    '/api/assessment/rounds/:id/units/:unitCode/scores',
    {
      // The stage decides the permission (self-scoring, appraisal or the final decision), checked by the service.
      config: { permission: 'assessment.read' },
      schema: {
        operationId: 'saveAssessmentScores',
        tags,
        summary: 'Chấm điểm một giai đoạn (tự chấm, thẩm định lần 1, lần 2, chốt) cho các tiêu chí của đơn vị',
        params: RoundUnit,
        body: S.ScoresInput,
        response: replies({ 200: Type.Ref('AssessmentSheet') }),
      },
    },
    async (req) => rounds.saveScores(s, req.auditContext(), req.requireActor(), req.params.id, req.params.unitCode, req.body),
  );

  app.post(
    '/api/assessment/rounds/:id/units/:unitCode/submit',
    {
      config: { permission: 'assessment.submit' },
      schema: {
        operationId: 'submitAssessmentSheet',
        tags,
        summary: 'Thủ trưởng đơn vị gửi tự đánh giá (hoặc giải trình) trước hạn',
        params: RoundUnit,
        response: replies({ 200: Type.Ref('AssessmentSheet') }),
      },
    },
    async (req) => rounds.submitSheet(s, req.auditContext(), req.requireActor(), req.params.id, req.params.unitCode),
  );

  app.get(
    '/api/assessment/rounds/:id/results',
    {
      config: { permission: 'assessment.results' },
      schema: {
        operationId: 'getAssessmentResults',
        tags,
        summary: 'Kết quả: điểm tự chấm, thẩm định, khảo sát, thưởng, trừ, tổng, chỉ số (%), thứ hạng trong nhóm, xếp loại',
        params: Id,
        response: replies({ 200: Type.Array(S.ResultRow) }),
      },
    },
    async (req) => rounds.roundResults(s, req.requireActor(), req.params.id),
  );

  app.get(
    '/api/assessment/rounds/:id/results.xlsx',
    {
      config: { permission: 'assessment.results' },
      schema: {
        operationId: 'exportAssessmentResults',
        tags,
        summary: 'Xuất kết quả, xếp hạng của đợt đánh giá ra XLSX',
        params: Id,
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (req, reply) => sendDownload(reply, await rounds.exportResults(s, req.requireActor(), req.params.id), XLSX_MIME),
  );

  app.get(
    '/api/assessment/rounds/:id/analysis',
    {
      config: { permission: 'assessment.results' },
      schema: {
        operationId: 'getAssessmentAnalysis',
        tags,
        summary:
          'Phân tích: điểm bị mất theo tiêu chí (so với đơn vị cao nhất, trung vị), tiêu chí bị trừ điểm thẩm định nhiều nhất, so với năm trước; ?unit= cho một đơn vị',
        params: Id,
        querystring: Type.Object({ unit: Type.Optional(Type.String({ maxLength: 40 })) }),
        response: replies({ 200: S.Analysis }),
      },
    },
    async (req) => roundAnalysis(s, req.requireActor(), req.params.id, req.query.unit),
  );
}

/** Routes of the surveys module: thin — schema, permission, service, reply. */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { DOCX_MIME, PDF_MIME, XLSX_MIME, replies, sendDownload, type App } from '@cchc/core';
import * as S from './survey.schemas';
import * as surveys from './survey.service';
import * as samples from './sample.service';
import * as responses from './response.service';
import * as results from './results.service';
import { paperFormsPdf, resultsDocx, resultsXlsx } from './survey.export';
import { TEMPLATES } from './survey.templates';
import type { Definition } from './survey.domain';

const tags = ['Khảo sát sự hài lòng'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Binary = replies({ 200: Type.String({ format: 'binary' }) });
const Ok = replies({ 204: Type.Null() });
const Any = replies({ 200: Type.Unknown() });
const UnitQuery = Type.Object({ unit: Type.Optional(Type.String({ maxLength: 40 })) });

const baseUrl = (req: FastifyRequest) => process.env.PUBLIC_URL || `${req.protocol}://${req.host}`;

export function registerSurveyRoutes(app: App): void {
  const s = app.services;
  app.addSchema({ ...S.SurveyDetail, $id: 'SurveyDetail' });
  app.addSchema({ ...S.Results, $id: 'Results' });

  app.get(
    '/api/surveys/templates',
    {
      config: { permission: 'survey.read' },
      schema: {
        operationId: 'listSurveyTemplates',
        tags,
        summary: 'Các mẫu bảng hỏi có sẵn (SIPAS 1001, điều tra xã hội học Chỉ số CCHC nội bộ)',
        response: replies({ 200: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })) }),
      },
    },
    async () => Object.entries(TEMPLATES).map(([code, t]) => ({ code, label: t.label })),
  );
  app.get(
    '/api/surveys',
    {
      config: { permission: 'survey.read' },
      schema: {
        operationId: 'listSurveys',
        tags,
        summary: 'Các cuộc khảo sát: lọc theo trạng thái, năm, tìm theo tên, phân trang',
        querystring: S.ListQuery,
        response: replies({ 200: S.SurveyPage }),
      },
    },
    async (req) => surveys.listSurveys(s, req.requireActor(), req.query),
  );
  app.post(
    '/api/surveys/from-template',
    {
      config: { permission: 'survey.manage' },
      schema: {
        operationId: 'createSurveyFromTemplate',
        tags,
        summary: 'Tạo cuộc khảo sát từ một mẫu bảng hỏi, cho một kỳ',
        body: S.FromTemplate,
        response: replies({ 201: Type.Object({ id: Type.Integer() }) }),
      },
    },
    async (req, reply) => reply.status(201).send(await surveys.createFromTemplate(s, req.auditContext(), req.requireActor(), req.body)),
  );
  app.get(
    '/api/surveys/trend',
    {
      config: { permission: 'survey.read' },
      schema: {
        operationId: 'getSurveyTrend',
        tags,
        summary: 'Xu hướng: tỷ lệ hài lòng chung của các cuộc khảo sát cùng mẫu qua các kỳ',
        querystring: Type.Object({ template: Type.String({ maxLength: 40 }), unit: Type.Optional(Type.String({ maxLength: 40 })) }),
        response: Any,
      },
    },
    async (req) => results.surveyTrend(s, req.requireActor(), req.query),
  );
  app.get(
    '/api/surveys/paper/:code',
    {
      config: { permission: 'survey.read' },
      schema: {
        operationId: 'findSurveyPaperForm',
        tags,
        summary: 'Phiếu giấy theo mã in trên phiếu (để nhập phiếu gửi về)',
        params: Type.Object({ code: Type.String({ maxLength: 20 }) }),
        response: Any,
      },
    },
    async (req) => responses.findPaperForm(s, req.requireActor(), req.params.code),
  );
  app.get(
    '/api/surveys/:id',
    {
      config: { permission: 'survey.read' },
      schema: {
        operationId: 'getSurvey',
        tags,
        summary: 'Một cuộc khảo sát: bảng hỏi hiện hành, các phiên bản, quyền của người xem',
        params: Id,
        response: replies({ 200: Type.Ref('SurveyDetail') }),
      },
    },
    async (req) => surveys.surveyDetail(s, req.requireActor(), req.params.id),
  );
  app.put(
    '/api/surveys/:id/questionnaire',
    {
      config: { permission: 'survey.manage' },
      schema: {
        operationId: 'saveSurveyQuestionnaire',
        tags,
        summary: 'Lưu bảng hỏi; khi khảo sát đã mở, thay đổi tạo phiên bản mới (phiếu đã trả lời giữ phiên bản cũ)',
        params: Id,
        body: Type.Object({ definition: S.DefinitionSchema, version: Type.Integer({ minimum: 1 }) }),
        response: replies({ 200: Type.Object({ version: Type.Integer(), newVersion: Type.Boolean() }) }),
      },
    },
    async (req) =>
      surveys.saveQuestionnaire(s, req.auditContext(), req.requireActor(), req.params.id, {
        ...req.body,
        definition: req.body.definition as Definition,
      }),
  );
  for (const [path, action, summary] of [
    ['publish', 'publish', 'Mở khảo sát: các mã phiếu bắt đầu nhận trả lời'],
    ['close', 'close', 'Kết thúc khảo sát: không nhận thêm phiếu'],
    ['results/publish', 'publishResults', 'Công bố kết quả (trang công khai và Chỉ số CCHC nội bộ qua chỉ tiêu surveys.satisfaction)'],
    ['results/unpublish', 'unpublishResults', 'Thu hồi công bố kết quả'],
  ] as const) {
    app.post(
      `/api/surveys/:id/${path}`,
      {
        config: { permission: 'survey.manage' },
        schema: { operationId: `${action}Survey`, tags, summary, params: Id, response: Ok },
      },
      async (req, reply) => {
        await surveys.changeStatus(s, req.auditContext(), req.requireActor(), req.params.id, action);
        return reply.status(204).send(null);
      },
    );
  }
  app.post(
    '/api/surveys/:id/sample',
    {
      config: { permission: 'survey.manage' },
      schema: {
        operationId: 'drawSurveySample',
        tags,
        summary:
          'Chọn mẫu từ hồ sơ đã giải quyết trong kỳ: theo đơn vị, n = N/(1+N·e²), ngẫu nhiên với hạt giống ghi lại; mỗi người một mã dùng một lần',
        params: Id,
        body: S.SampleInput,
        response: replies({ 200: S.SampleResult }),
      },
    },
    async (req) => samples.drawSurveySample(s, req.auditContext(), req.requireActor(), req.params.id, req.body),
  );
  app.get(
    '/api/surveys/:id/samples',
    {
      config: { permission: 'survey.read' },
      schema: {
        operationId: 'listSurveySamples',
        tags,
        summary: 'Mẫu của từng đơn vị: tổng thể, cỡ mẫu, hạt giống, tỷ lệ trả lời',
        params: Id,
        response: replies({ 200: Type.Array(S.SampleRow) }),
      },
    },
    async (req) => samples.listSamples(s, req.requireActor(), req.params.id),
  );
  app.get(
    '/api/surveys/:id/tokens',
    {
      config: { permission: 'survey.manage' },
      schema: {
        operationId: 'listSurveyTokens',
        tags,
        summary: 'Danh sách người được chọn (mã phiếu, hồ sơ, trạng thái trả lời)',
        params: Id,
        querystring: S.TokenQuery,
        response: replies({ 200: S.TokenPage }),
      },
    },
    async (req) => samples.listTokens(s, req.requireActor(), req.params.id, req.query),
  );
  app.post(
    '/api/surveys/:id/tokens/:tokenId/status',
    {
      config: { permission: 'survey.read' },
      schema: {
        operationId: 'setSurveyTokenStatus',
        tags,
        summary: 'Ghi nhận không trả lời (từ chối, không liên lạc được, phiếu trống) và lý do',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), tokenId: Type.Integer({ minimum: 1 }) }),
        body: S.TokenStatusInput,
        response: Ok,
      },
    },
    async (req, reply) => {
      await samples.setTokenStatus(s, req.auditContext(), req.requireActor(), req.params.id, req.params.tokenId, req.body);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/surveys/:id/forms.pdf',
    {
      config: { permission: 'survey.manage' },
      schema: {
        operationId: 'printSurveyForms',
        tags,
        summary: 'Phiếu giấy của mẫu một đơn vị (PDF): mỗi người một phiếu có mã và mã QR',
        params: Id,
        querystring: Type.Object({ unit: Type.String({ maxLength: 40 }) }),
        response: Binary,
      },
    },
    async (req, reply) =>
      sendDownload(
        reply,
        await paperFormsPdf(s, req.requireActor(), req.params.id, { unit: req.query.unit, baseUrl: baseUrl(req) }),
        PDF_MIME,
      ),
  );
  app.post(
    '/api/surveys/:id/responses',
    {
      config: { permission: 'survey.read' },
      schema: {
        operationId: 'enterSurveyResponse',
        tags,
        summary: 'Nhập một phiếu: phiếu giấy (theo mã), phỏng vấn (ghi người phỏng vấn), máy tại quầy (đơn vị của cán bộ)',
        params: Id,
        body: S.Entry,
        response: replies({
          200: Type.Object({ id: Type.Integer(), duplicate: Type.Boolean() }),
          201: Type.Object({ id: Type.Integer(), duplicate: Type.Boolean() }),
        }),
      },
    },
    async (req, reply) => {
      const r = await responses.enterResponse(s, req.auditContext(), req.requireActor(), req.params.id, req.body as responses.EntryInput);
      return reply.status(r.duplicate ? 200 : 201).send(r);
    },
  );
  app.post(
    '/api/surveys/:id/responses/sync',
    {
      config: { permission: 'survey.read' },
      schema: {
        operationId: 'syncSurveyResponses',
        tags,
        summary: 'Đồng bộ các phiếu nhập khi không có mạng: mỗi phiếu lưu một lần theo mã của trình duyệt, báo kết quả từng phiếu',
        params: Id,
        body: S.SyncInput,
        response: replies({ 200: S.SyncResult }),
      },
    },
    async (req) => responses.syncResponses(s, req.auditContext(), req.requireActor(), req.params.id, req.body.items as never),
  );
  app.get(
    '/api/surveys/:id/responses',
    {
      config: { permission: 'survey.read' },
      schema: {
        operationId: 'listSurveyResponses',
        tags,
        summary: 'Phiếu trả lời để kiểm soát chất lượng: lọc theo đơn vị, kênh, cảnh báo, đã loại',
        params: Id,
        querystring: S.ResponseQuery,
        response: replies({ 200: S.ResponsePage }),
      },
    },
    async (req) => responses.listResponses(s, req.requireActor(), req.params.id, req.query),
  );
  app.get(
    '/api/surveys/responses/:id',
    {
      config: { permission: 'survey.read' },
      schema: {
        operationId: 'getSurveyResponse',
        tags,
        summary: 'Một phiếu trả lời (câu trả lời, cảnh báo, lần nhập thứ hai)',
        params: Id,
        response: Any,
      },
    },
    async (req) => responses.responseDetail(s, req.requireActor(), req.params.id),
  );
  app.post(
    '/api/surveys/responses/:id/double-entry',
    {
      config: { permission: 'survey.read' },
      schema: {
        operationId: 'doubleEnterSurveyResponse',
        tags,
        summary: 'Nhập lần hai một phiếu giấy (người khác nhập) để đo lỗi nhập liệu',
        params: Id,
        body: Type.Object({ answers: Type.Record(Type.String(), Type.Unknown()) }),
        response: replies({
          200: Type.Object({ fields: Type.Integer(), mismatches: Type.Integer(), differing: Type.Array(Type.String()) }),
        }),
      },
    },
    async (req) => responses.doubleEntry(s, req.auditContext(), req.requireActor(), req.params.id, req.body.answers),
  );
  app.post(
    '/api/surveys/responses/:id/exclusion',
    {
      config: { permission: 'survey.read' },
      schema: {
        operationId: 'setSurveyResponseExcluded',
        tags,
        summary: 'Loại một phiếu khỏi kết quả (hoặc khôi phục), có lý do; không sửa câu trả lời',
        params: Id,
        body: S.ExcludeInput,
        response: Ok,
      },
    },
    async (req, reply) => {
      await responses.setExcluded(s, req.auditContext(), req.requireActor(), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/surveys/:id/quality',
    {
      config: { permission: 'survey.read' },
      schema: {
        operationId: 'getSurveyQuality',
        tags,
        summary:
          'Kiểm soát chất lượng: tỷ lệ trả lời theo đơn vị và kênh, không trả lời, thời gian, cảnh báo, điều tra viên, lỗi nhập liệu',
        params: Id,
        response: Any,
      },
    },
    async (req) => results.surveyQuality(s, req.requireActor(), req.params.id),
  );
  app.get(
    '/api/surveys/:id/results',
    {
      config: { permission: 'survey.read' },
      schema: {
        operationId: 'getSurveyResults',
        tags,
        summary:
          'Kết quả: theo nội dung, khía cạnh và chung — tỷ lệ hài lòng, điểm trung bình, sai số 95 %, số phiếu hợp lệ; có trọng số; so với SIPAS chính thức',
        params: Id,
        querystring: UnitQuery,
        response: replies({ 200: Type.Ref('Results') }),
      },
    },
    async (req) => results.surveyResults(s, req.requireActor(), req.params.id, req.query),
  );
  app.get(
    '/api/surveys/:id/results.xlsx',
    {
      config: { permission: 'survey.read' },
      schema: {
        operationId: 'exportSurveyResultsXlsx',
        tags,
        summary: 'Kết quả (XLSX): khía cạnh, nội dung, đơn vị',
        params: Id,
        querystring: UnitQuery,
        response: Binary,
      },
    },
    async (req, reply) => sendDownload(reply, await resultsXlsx(s, req.requireActor(), req.params.id, req.query.unit), XLSX_MIME),
  );
  app.get(
    '/api/surveys/:id/results.docx',
    {
      config: { permission: 'survey.read' },
      schema: {
        operationId: 'exportSurveyResultsDocx',
        tags,
        summary: 'Báo cáo kết quả khảo sát (DOCX, thể thức văn bản hành chính)',
        params: Id,
        response: Binary,
      },
    },
    async (req, reply) => sendDownload(reply, await resultsDocx(s, req.requireActor(), req.params.id), DOCX_MIME),
  );
}

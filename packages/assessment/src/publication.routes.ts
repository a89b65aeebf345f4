/** Publishing a round (the decision's number and date), its draft decision as DOCX, and the public page's data. */
import { Type } from '@sinclair/typebox';
import { DOCX_MIME, XLSX_MIME, replies, sendDownload, type App } from '@cchc/core';
import * as S from './assessment.schemas';
import * as publication from './publication.service';
import * as summary from './summary.service';

const tags = ['Chỉ số CCHC nội bộ'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const RoundUnit = Type.Object({ id: Type.Integer({ minimum: 1 }), unitCode: Type.String({ maxLength: 40 }) });

export function registerPublicationRoutes(app: App): void {
  const s = app.services;

  app.post(
    '/api/assessment/rounds/:id/publish',
    {
      config: { permission: 'assessment.manage' },
      schema: {
        operationId: 'publishAssessmentRound',
        tags,
        summary: 'Công bố kết quả (khi mọi đơn vị đã được chốt điểm) theo quyết định của UBND tỉnh; hiện trên trang công khai',
        params: Id,
        body: S.PublishInput,
        response: replies({ 200: Type.Object({ id: Type.Integer(), publishedAt: Type.String() }) }),
      },
    },
    async (req) => publication.publishRound(s, req.auditContext(), req.requireActor(), req.params.id, req.body),
  );

  app.get(
    '/api/assessment/rounds/:id/decision.docx',
    {
      config: { permission: 'assessment.results' },
      schema: {
        operationId: 'getAssessmentDecision',
        tags,
        summary: 'Dự thảo quyết định công bố Chỉ số CCHC (DOCX theo thể thức Nghị định 30), phụ lục xếp hạng',
        params: Id,
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (req, reply) => sendDownload(reply, await publication.decisionDocx(s, req.requireActor(), req.params.id), DOCX_MIME),
  );

  app.get(
    '/api/public/assessment',
    {
      config: { permission: 'public' },
      schema: {
        operationId: 'getPublicAssessment',
        tags: ['Công khai'],
        summary: 'Công khai: Chỉ số CCHC của các sở, ngành và xã, phường đã được công bố (hạng, chỉ số, xếp loại)',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
        response: replies({ 200: Type.Array(S.PublicRound) }),
      },
    },
    async (req) => publication.publicResults(s, req.query.year),
  );

  for (const [ext, mime] of [
    ['xlsx', XLSX_MIME],
    ['docx', DOCX_MIME],
  ] as const)
    app.get(
      `/api/assessment/rounds/:id/units/:unitCode/summary.${ext}`,
      {
        config: { permission: 'assessment.read' },
        schema: {
          operationId: ext === 'xlsx' ? 'getAssessmentSummaryXlsx' : 'getAssessmentSummaryDocx',
          tags,
          summary: `Biểu tổng hợp tự đánh giá của đơn vị (${ext.toUpperCase()}): điểm tự chấm, giải trình, tài liệu kiểm chứng theo tiêu chí`,
          params: RoundUnit,
          response: replies({ 200: Type.String({ format: 'binary' }) }),
        },
      },
      async (req, reply) => {
        const make = ext === 'xlsx' ? summary.summaryXlsx : summary.summaryDocx;
        return sendDownload(reply, await make(s, req.requireActor(), req.params.id, req.params.unitCode), mime);
      },
    );
}

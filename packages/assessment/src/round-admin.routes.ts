/** A round's appraisers and deadlines, the head's withdrawal, and the evidence of a unit's sheet. */
import { Type } from '@sinclair/typebox';
import { AppError, multipartBody, readMultipart, replies, sendDownload, type App } from '@cchc/core';
import * as S from './assessment.schemas';
import * as admin from './round-admin.service';
import * as evidence from './evidence.service';
import { getSheet } from './round.service';

const tags = ['Chỉ số CCHC nội bộ'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const RoundUnit = Type.Object({ id: Type.Integer({ minimum: 1 }), unitCode: Type.String({ maxLength: 40 }) });

export function registerRoundAdminRoutes(app: App): void {
  const s = app.services;

  app.get(
    '/api/assessment/rounds/:id/appraisers',
    {
      config: { permission: 'assessment.manage' },
      schema: {
        operationId: 'listAssessmentAppraisers',
        tags,
        summary: 'Người thẩm định của tỉnh và ai được phân công cho đợt (chưa phân công: mọi người thẩm định)',
        params: Id,
        response: replies({ 200: Type.Array(S.Appraiser) }),
      },
    },
    async (req) => admin.listAppraisers(s, req.requireActor(), req.params.id),
  );

  app.put(
    '/api/assessment/rounds/:id/appraisers',
    {
      config: { permission: 'assessment.manage' },
      schema: {
        operationId: 'setAssessmentAppraisers',
        tags,
        summary: 'Phân công người thẩm định cho đợt (nhóm đơn vị của đợt); không ai thẩm định đơn vị của chính mình',
        params: Id,
        body: Type.Object({ userIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200 }) }),
        response: replies({ 200: Type.Array(S.Appraiser) }),
      },
    },
    async (req) => admin.setAppraisers(s, req.auditContext(), req.requireActor(), req.params.id, req.body.userIds),
  );

  app.put(
    '/api/assessment/rounds/:id/deadlines',
    {
      config: { permission: 'assessment.manage' },
      schema: {
        operationId: 'changeAssessmentDeadlines',
        tags,
        summary: 'Đổi các hạn của đợt (mở lại giai đoạn đã khóa), có lý do, ghi nhật ký',
        params: Id,
        body: Type.Object({ deadlines: S.Deadlines, reason: Type.String({ maxLength: 1000 }) }),
        response: replies({ 200: Type.Object({ id: Type.Integer(), reopened: Type.Array(Type.String()) }) }),
      },
    },
    async (req) => admin.changeDeadlines(s, req.auditContext(), req.requireActor(), req.params.id, req.body),
  );

  app.post(
    '/api/assessment/rounds/:id/units/:unitCode/withdraw',
    {
      config: { permission: 'assessment.withdraw' },
      schema: {
        operationId: 'withdrawAssessmentSheet',
        tags,
        summary: 'Thủ trưởng đơn vị rút lại tự đánh giá đã gửi (trước hạn tự đánh giá)',
        params: RoundUnit,
        response: replies({ 200: Type.Ref('AssessmentSheet') }),
      },
    },
    async (req) => admin.withdrawSheet(s, req.auditContext(), req.requireActor(), req.params.id, req.params.unitCode),
  );

  app.post(
    '/api/assessment/rounds/:id/units/:unitCode/evidence',
    {
      config: { permission: 'assessment.selfScore' },
      preValidation: readMultipart,
      schema: {
        operationId: 'addAssessmentEvidence',
        tags,
        summary: 'Đính kèm tài liệu kiểm chứng cho một tiêu chí (ghi mục, trang khi là một phần của văn bản)',
        consumes: ['multipart/form-data'],
        params: RoundUnit,
        body: multipartBody(
          { criterion: Type.String({ minLength: 1, maxLength: 20 }), locator: Type.Optional(Type.String({ maxLength: 300 })) },
          'Tệp tài liệu kiểm chứng',
        ),
        response: replies({ 200: Type.Ref('AssessmentSheet') }),
      },
    },
    async (req) => {
      if (!req.upload) throw new AppError('MISSING_FILE', 'Thiếu tệp: hãy chọn tài liệu kiểm chứng (trường "file").');
      const body = req.body as { criterion: string; locator?: string };
      const actor = req.requireActor();
      await evidence.addEvidence(s, req.auditContext(), actor, req.params.id, req.params.unitCode, { ...body, file: req.upload });
      return getSheet(s, actor, req.params.id, req.params.unitCode);
    },
  );

  app.delete(
    '/api/assessment/rounds/:id/units/:unitCode/evidence/:evidenceId',
    {
      config: { permission: 'assessment.selfScore' },
      schema: {
        operationId: 'removeAssessmentEvidence',
        tags,
        summary: 'Gỡ một tài liệu kiểm chứng (khi đơn vị còn được tự chấm hoặc giải trình)',
        params: Type.Object({
          id: Type.Integer({ minimum: 1 }),
          unitCode: Type.String({ maxLength: 40 }),
          evidenceId: Type.Integer({ minimum: 1 }),
        }),
        response: replies({ 200: Type.Ref('AssessmentSheet') }),
      },
    },
    async (req) => {
      const actor = req.requireActor();
      await evidence.removeEvidence(s, req.auditContext(), actor, req.params.id, req.params.unitCode, req.params.evidenceId);
      return getSheet(s, actor, req.params.id, req.params.unitCode);
    },
  );

  app.get(
    '/api/assessment/evidence/:id',
    {
      config: { permission: 'assessment.read' },
      schema: {
        operationId: 'getAssessmentEvidence',
        tags,
        summary: 'Tải tài liệu kiểm chứng',
        params: Id,
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (req, reply) => {
      const f = await evidence.getEvidenceFile(s, req.requireActor(), req.params.id);
      return sendDownload(reply, f, f.mime);
    },
  );
}

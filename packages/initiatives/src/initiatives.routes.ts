/** Routes of the initiatives module: thin — schema, permission, service, reply. */
import { Type } from '@sinclair/typebox';
import { AppError, DOCX_MIME, multipartBody, readMultipart, replies, sendDownload, systemActor, type Actor, type App } from '@cchc/core';
import * as S from './initiatives.schemas';
import * as svc from './initiative.service';
import { getCoverage, getEffect } from './coverage.service';
import { certificateDocx, decisionDocx } from './initiatives.export';

const tags = ['Sáng kiến CCHC'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Detail = replies({ 200: Type.Ref('InitiativeDetail') });
const Binary = replies({ 200: Type.String({ format: 'binary' }) });

export function registerInitiativesRoutes(app: App): void {
  const s = app.services;
  app.addSchema({ ...S.InitiativeDetail, $id: 'InitiativeDetail' });
  const detail = (actor: Actor, id: number) => svc.getInitiative(s, actor, id);

  app.get(
    '/api/initiatives',
    {
      config: { permission: 'initiative.read' },
      schema: {
        operationId: 'listInitiatives',
        tags,
        summary: 'Sáng kiến trong phạm vi, hoặc danh mục sáng kiến đã công nhận (catalogue=true): lọc, tìm, phân trang',
        querystring: S.ListQuery,
        response: replies({ 200: S.InitiativePage }),
      },
    },
    async (req) => svc.listInitiatives(s, req.requireActor(), req.query),
  );
  app.post(
    '/api/initiatives',
    {
      config: { permission: 'initiative.create' },
      schema: {
        operationId: 'createInitiative',
        tags,
        summary: 'Đăng ký một sáng kiến, giải pháp CCHC của đơn vị (hoặc ghi nhận sáng kiến của tỉnh khác)',
        body: S.InitiativeInput,
        response: replies({ 201: Type.Object({ id: Type.Integer(), code: Type.String() }) }),
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createInitiative(s, req.auditContext(), req.requireActor(), req.body)),
  );
  app.get(
    '/api/initiatives/coverage',
    {
      config: { permission: 'initiative.read' },
      schema: {
        operationId: 'getInitiativeCoverage',
        tags,
        summary: 'Đơn vị đã có, chưa có sáng kiến trong năm (mỗi đơn vị ít nhất 1; hạn báo cáo 30/11)',
        querystring: Type.Object({ year: S.Year }),
        response: replies({ 200: S.Coverage }),
      },
    },
    async (req) => getCoverage(s, req.requireActor(), req.query.year),
  );
  app.get(
    '/api/initiatives/criteria',
    {
      config: { permission: 'initiative.read' },
      schema: {
        operationId: 'listInitiativeCriteria',
        tags,
        summary: 'Tiêu chí chấm điểm của Hội đồng sáng kiến',
        response: replies({ 200: Type.Array(S.Criterion) }),
      },
    },
    async () => svc.listCriteria(s),
  );
  app.put(
    '/api/initiatives/criteria',
    {
      config: { permission: 'initiative.manage' },
      schema: {
        operationId: 'saveInitiativeCriteria',
        tags,
        summary: 'Sửa tiêu chí, điểm tối đa (áp dụng cho lần chấm sau)',
        body: Type.Array(S.Criterion, { minItems: 1, maxItems: 20 }),
        response: replies({ 200: Type.Array(S.Criterion) }),
      },
    },
    async (req) => svc.saveCriteria(s, req.auditContext(), req.requireActor(), req.body),
  );
  app.get(
    '/api/initiatives/:id',
    {
      config: { permission: 'initiative.read' },
      schema: {
        operationId: 'getInitiative',
        tags,
        summary: 'Một sáng kiến: nội dung, điểm Hội đồng, quyết định, đơn vị nhân rộng, tài liệu',
        params: Id,
        response: Detail,
      },
    },
    async (req) => detail(req.requireActor(), req.params.id),
  );
  app.patch(
    '/api/initiatives/:id',
    {
      config: { permission: 'initiative.edit' },
      schema: {
        operationId: 'updateInitiative',
        tags,
        summary: 'Sửa sáng kiến khi đang soạn hoặc bị trả lại',
        params: Id,
        body: Type.Intersect([
          Type.Partial(Type.Omit(S.InitiativeInput, ['unitCode', 'year', 'externalProvince'])),
          Type.Object({ version: Type.Integer() }),
        ]),
        response: Detail,
      },
    },
    async (req) => {
      const actor = req.requireActor();
      await svc.updateInitiative(s, req.auditContext(), actor, req.params.id, req.body as Parameters<typeof svc.updateInitiative>[4]);
      return detail(actor, req.params.id);
    },
  );
  for (const action of ['submit', 'accept', 'return'] as const)
    app.post(
      `/api/initiatives/:id/${action}`,
      {
        config: { permission: `initiative.${action}` },
        schema: {
          operationId: `${action}Initiative`,
          tags,
          summary: {
            submit: 'Thủ trưởng đơn vị gửi sáng kiến',
            accept: 'Sở Nội vụ xác nhận hồ sơ đầy đủ, chuyển Hội đồng',
            return: 'Sở Nội vụ trả lại để bổ sung (ghi nội dung)',
          }[action],
          params: Id,
          body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }),
          response: Detail,
        },
      },
      async (req) => {
        const actor = req.requireActor();
        await svc.step(s, req.auditContext(), actor, req.params.id, action, req.body?.note);
        return detail(actor, req.params.id);
      },
    );
  app.put(
    '/api/initiatives/:id/scores',
    {
      config: { permission: 'initiative.score' },
      schema: {
        operationId: 'scoreInitiative',
        tags,
        summary: 'Thành viên Hội đồng chấm điểm từng tiêu chí (gửi lại thì thay điểm cũ)',
        params: Id,
        body: Type.Array(
          Type.Object({
            criterion: Type.String({ maxLength: 20 }),
            points: Type.Number(),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          }),
          { minItems: 1, maxItems: 20 },
        ),
        response: Detail,
      },
    },
    async (req) => {
      const actor = req.requireActor();
      await svc.score(s, req.auditContext(), actor, req.params.id, req.body);
      return detail(actor, req.params.id);
    },
  );
  app.post(
    '/api/initiatives/:id/decision',
    {
      config: { permission: 'initiative.decide' },
      schema: {
        operationId: 'decideInitiative',
        tags,
        summary: 'Ghi quyết định của Hội đồng: công nhận (cấp cơ sở, cấp tỉnh) hoặc không công nhận',
        params: Id,
        body: Type.Object({
          recognised: Type.Boolean(),
          level: Type.Optional(S.Level),
          decisionNumber: Type.String({ maxLength: 100 }),
          decidedOn: Type.String({ maxLength: 10 }),
        }),
        response: Detail,
      },
    },
    async (req) => {
      const actor = req.requireActor();
      await svc.decide(s, req.auditContext(), actor, req.params.id, req.body);
      return detail(actor, req.params.id);
    },
  );
  app.post(
    '/api/initiatives/:id/award',
    {
      config: { permission: 'initiative.award' },
      schema: {
        operationId: 'markInitiativeAward',
        tags,
        summary: 'Ghi sáng kiến đã dùng để xét danh hiệu, khen thưởng (chỉ một lần)',
        params: Id,
        body: Type.Object({ note: Type.String({ maxLength: 1000 }) }),
        response: Detail,
      },
    },
    async (req) => {
      const actor = req.requireActor();
      await svc.markAward(s, req.auditContext(), actor, req.params.id, req.body.note);
      return detail(actor, req.params.id);
    },
  );
  app.post(
    '/api/initiatives/:id/adoptions',
    {
      config: { permission: 'initiative.adopt' },
      schema: {
        operationId: 'adoptInitiative',
        tags,
        summary: 'Ghi một đơn vị áp dụng, nhân rộng sáng kiến (từ ngày)',
        params: Id,
        body: Type.Object({
          unitCode: Type.Optional(Type.String({ maxLength: 40 })),
          adoptedOn: Type.String({ maxLength: 10 }),
          note: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
        response: Detail,
      },
    },
    async (req) => {
      const actor = req.requireActor();
      await svc.adopt(s, req.auditContext(), actor, req.params.id, req.body);
      return detail(actor, req.params.id);
    },
  );
  app.get(
    '/api/initiatives/:id/effect',
    {
      config: { permission: 'initiative.read' },
      schema: {
        operationId: 'getInitiativeEffect',
        tags,
        summary: 'Hiệu quả: số liệu của đơn vị và các đơn vị nhân rộng một năm trước và sau ngày áp dụng',
        params: Id,
        response: replies({ 200: S.Effect }),
      },
    },
    async (req) => getEffect(s, req.requireActor(), req.params.id),
  );
  app.post(
    '/api/initiatives/:id/documents',
    {
      config: { permission: 'initiative.edit' },
      preValidation: readMultipart,
      schema: {
        operationId: 'addInitiativeDocument',
        tags,
        summary: 'Đính kèm tài liệu của sáng kiến',
        consumes: ['multipart/form-data'],
        params: Id,
        body: multipartBody({}, 'Tài liệu'),
        response: Detail,
      },
    },
    async (req) => {
      if (!req.upload) throw new AppError('MISSING_FILE', 'Thiếu tệp: hãy chọn tài liệu (trường "file").');
      const actor = req.requireActor();
      await svc.addDocument(s, req.auditContext(), actor, req.params.id, req.upload);
      return detail(actor, req.params.id);
    },
  );
  app.delete(
    '/api/initiatives/:id/documents/:fileId',
    {
      config: { permission: 'initiative.edit' },
      schema: {
        operationId: 'removeInitiativeDocument',
        tags,
        summary: 'Gỡ một tài liệu',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), fileId: Type.Integer({ minimum: 1 }) }),
        response: Detail,
      },
    },
    async (req) => {
      const actor = req.requireActor();
      await svc.removeDocument(s, req.auditContext(), actor, req.params.id, req.params.fileId);
      return detail(actor, req.params.id);
    },
  );
  app.get(
    '/api/initiatives/:id/documents/:fileId',
    {
      config: { permission: 'initiative.read' },
      schema: {
        operationId: 'getInitiativeDocument',
        tags,
        summary: 'Tải tài liệu của sáng kiến',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), fileId: Type.Integer({ minimum: 1 }) }),
        response: Binary,
      },
    },
    async (req, reply) => {
      const f = await svc.documentFile(s, req.requireActor(), req.params.id, req.params.fileId);
      return sendDownload(reply, f, f.mime);
    },
  );
  app.get(
    '/api/initiatives/:id/decision.docx',
    {
      config: { permission: 'initiative.read' },
      schema: {
        operationId: 'initiativeDecisionDocx',
        tags,
        summary: 'Quyết định công nhận sáng kiến (DOCX)',
        params: Id,
        response: Binary,
      },
    },
    async (req, reply) => sendDownload(reply, await decisionDocx(s, req.requireActor(), req.params.id), DOCX_MIME),
  );
  app.get(
    '/api/initiatives/:id/certificate.docx',
    {
      config: { permission: 'initiative.read' },
      schema: { operationId: 'initiativeCertificateDocx', tags, summary: 'Giấy chứng nhận sáng kiến (DOCX)', params: Id, response: Binary },
    },
    async (req, reply) => sendDownload(reply, await certificateDocx(s, req.requireActor(), req.params.id), DOCX_MIME),
  );

  // The public catalogue: recognised initiatives of the province and those recorded from other provinces.
  const publicActor = () => systemActor(s.provinceCode, 'Công khai');
  app.get(
    '/api/public/initiatives',
    {
      config: { permission: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        operationId: 'listPublicInitiatives',
        tags,
        summary: 'Danh mục công khai sáng kiến CCHC đã được công nhận (và của tỉnh khác): tìm, lọc theo lĩnh vực, năm',
        querystring: Type.Omit(S.ListQuery, ['status', 'catalogue', 'unit']),
        response: replies({ 200: S.InitiativePage }),
      },
    },
    async (req) => svc.listInitiatives(s, publicActor(), { ...req.query, catalogue: true }),
  );
  app.get(
    '/api/public/initiatives/:id',
    {
      config: { permission: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        operationId: 'getPublicInitiative',
        tags,
        summary: 'Một sáng kiến đã công nhận: nội dung, giải pháp, đơn vị áp dụng (không có điểm, tài liệu nội bộ)',
        params: Id,
        response: replies({
          200: Type.Pick(S.InitiativeDetail, [
            'id',
            'code',
            'origin',
            'unitName',
            'externalProvince',
            'externalUnit',
            'year',
            'title',
            'summary',
            'problem',
            'solution',
            'areaLabel',
            'startedOn',
            'levelLabel',
            'decisionNumber',
            'decidedOn',
            'adopters',
          ]),
        }),
      },
    },
    async (req) => {
      const v = await svc.getInitiative(s, publicActor(), req.params.id);
      if (v.status !== 'recognised' && v.origin !== 'external')
        throw new AppError('NOT_FOUND', 'Không tìm thấy sáng kiến đã công nhận.', 404);
      return v;
    },
  );
}

/**
 * The public side of surveys, no login: the form behind a one-use token (HTML page and JSON), its answer
 * (once per token; rate-limited per address so a flood from one address does not block the others), and
 * the published results.
 */
import { Type } from '@sinclair/typebox';
import { AppError, replies, type App } from '@cchc/core';
import * as S from './survey.schemas';
import { publicForm, submitPublic } from './response.service';
import { computeResults, namedPerUnit, resultsOf } from './results.service';
import { definitionOf, loadSurvey, loadSurveys } from './survey.service';
import { FORM_SCRIPT, renderFormPage, renderMessagePage } from './public-form';

const tags = ['Công khai'];
const Token = Type.Object({ token: Type.String({ maxLength: 64 }) });

export function registerPublicSurveyRoutes(app: App): void {
  const s = app.services;

  app.get(
    '/api/public/surveys/:token',
    {
      config: { permission: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        operationId: 'getPublicSurvey',
        tags,
        summary: 'Công khai: bảng hỏi của một mã phiếu (không cần đăng nhập)',
        params: Token,
        response: replies({ 200: S.PublicForm }),
      },
    },
    async (req) => publicForm(s, req.params.token),
  );
  app.post(
    '/api/public/surveys/:token/responses',
    {
      config: { permission: 'public', skipCsrf: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        operationId: 'answerPublicSurvey',
        tags,
        summary: 'Công khai: gửi câu trả lời của một mã phiếu (mỗi mã một lần; lần thứ hai → 409)',
        params: Token,
        body: S.PublicAnswer,
        response: replies({ 201: Type.Object({ id: Type.Integer() }), 409: Type.Ref('ErrorReply'), 429: Type.Ref('ErrorReply') }),
      },
    },
    async (req, reply) => reply.status(201).send(await submitPublic(s, req.params.token, req.body)),
  );
  app.get('/khao-sat/form.js', { config: { permission: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('text/javascript; charset=utf-8').send(FORM_SCRIPT),
  );
  app.get(
    '/khao-sat/:token',
    { config: { permission: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } }, schema: { hide: true, params: Token } },
    async (req, reply) => {
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      try {
        return renderFormPage(req.params.token, await publicForm(s, req.params.token));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return reply.status(err.status).send(renderMessagePage('Phiếu khảo sát', err.message));
      }
    },
  );

  app.get(
    '/api/public/survey-results',
    {
      config: { permission: 'public' },
      schema: {
        operationId: 'listPublicSurveyResults',
        tags,
        summary: 'Công khai: các cuộc khảo sát đã công bố kết quả, với tỷ lệ hài lòng chung',
        response: replies({ 200: Type.Unknown() }),
      },
    },
    async () => {
      const surveys = await loadSurveys(s.db, s.provinceCode, (q) =>
        q.where('resultsPublishedAt', 'is not', null).orderBy('periodTo', 'desc').limit(20),
      );
      return (await resultsOf(s, surveys, null)).map(({ survey, res }) => ({
        id: survey.id,
        name: survey.name,
        periodFrom: survey.periodFrom,
        periodTo: survey.periodTo,
        publishedAt: survey.resultsPublishedAt?.toISOString() ?? null,
        valid: res.valid,
        overall: res.overall,
        weighted: res.weighted,
      }));
    },
  );
  app.get(
    '/api/public/survey-results/:id',
    {
      config: { permission: 'public' },
      schema: {
        operationId: 'getPublicSurveyResults',
        tags,
        summary: 'Công khai: kết quả đã công bố của một cuộc khảo sát (khía cạnh, nội dung, đơn vị)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: replies({ 200: Type.Unknown() }),
      },
    },
    async (req) => {
      const survey = await loadSurvey(s.db, s.provinceCode, req.params.id);
      if (!survey.resultsPublishedAt) throw new AppError('NOT_FOUND', 'Kết quả khảo sát này chưa được công bố.', 404);
      const def = await definitionOf(s, survey, survey.currentVersion);
      const res = await computeResults(s, survey, def, null);
      return {
        id: survey.id,
        name: survey.name,
        periodFrom: survey.periodFrom,
        periodTo: survey.periodTo,
        publishedAt: survey.resultsPublishedAt.toISOString(),
        valid: res.valid,
        minValid: res.minValid,
        overall: res.overall,
        weighted: res.weighted,
        aspects: res.aspects,
        items: res.items,
        perUnit: await namedPerUnit(s, res.perUnit, res.minValid),
      };
    },
  );
}

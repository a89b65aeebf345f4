/** Analysis routes: the province's profile in an index, trend, what-if, and their XLSX/DOCX exports. */
import { Type, type Static } from '@sinclair/typebox';
import {
  cachedReply,
  replies,
  sendDownload,
  REPORT_FORMAT_NOTE,
  REPORT_FORMATS,
  REPORT_MIME,
  REPORT_OPERATION_SUFFIX,
  XLSX_MIME,
  type App,
} from '@cchc/core';
import type { IndexCode } from './indices.tables';
import * as S from './indices.schemas';
import * as analyses from './analysis.service';
import { analysisReport, analysisXlsx } from './indices.export';

const tags = ['Chỉ số quốc gia'];

/** The analysis query string as the service takes it (one place for the page and its two exports). */

const analysisQuery = (q: Static<typeof S.AnalysisQuery>) => ({
  index: q.index as IndexCode,
  year: q.year,
  provinceCode: q.province,
  subject: q.subject,
  peers: q.peers ? q.peers.split(',') : undefined,
});

export function registerAnalysisRoutes(app: App): void {
  const s = app.services;
  // The tasks protecting each component come from whichever module publishes them (metrics registry).
  const deps = { linkedTasks: analyses.linkedTasksFromMetrics(s) };

  app.get(
    '/api/indices/analysis',
    {
      config: { permission: 'index_result.read' },
      schema: {
        operationId: 'getIndexAnalysis',
        tags,
        summary: 'Hồ sơ chỉ số của tỉnh: điểm, thứ hạng, thành phần mất điểm so với tốt nhất, trung vị, nhóm so sánh',
        querystring: S.AnalysisQuery,
        response: replies({ 200: Type.Ref('IndexAnalysis') }),
      },
    },
    async (req, reply) => {
      const actor = req.requireActor();
      return cachedReply(s, req, reply, actor, 'indices.analysis', req.query, () =>
        analyses.analysis(s, actor, analysisQuery(req.query), deps.linkedTasks),
      );
    },
  );

  app.get(
    '/api/indices/trend',
    {
      config: { permission: 'index_result.read' },
      schema: {
        operationId: 'getIndexTrend',
        tags,
        summary: 'Diễn biến qua các năm (kể cả các tỉnh cũ trước sáp nhập)',
        querystring: Type.Object({ index: S.IndexParam, province: S.ProvinceCode }),
        response: replies({
          200: Type.Array(
            Type.Object({
              year: Type.Integer(),
              parts: Type.Array(S.Subject),
              main: Type.Union([S.Subject, Type.Null()]),
              fieldSize: Type.Integer(),
              median: S.Num,
            }),
          ),
        }),
      },
    },
    async (req) => analyses.trend(s, req.requireActor(), { index: req.query.index as IndexCode, provinceCode: req.query.province }),
  );

  app.get(
    '/api/indices/what-if',
    {
      config: { permission: 'index_result.read' },
      schema: {
        operationId: 'getIndexWhatIf',
        tags,
        summary: 'Giả định: đặt giá trị mục tiêu cho thành phần, xem tổng điểm và thứ hạng so với các tỉnh năm đó',
        querystring: Type.Object({
          index: S.IndexParam,
          year: S.Year,
          province: S.ProvinceCode,
          targets: Type.String({ pattern: '^[A-Za-z0-9.]+:[0-9.]+(,[A-Za-z0-9.]+:[0-9.]+)*$', description: 'Ví dụ D6:7.5,D8:4' }),
        }),
        response: replies({
          200: Type.Object({
            total: S.Num,
            rank: Type.Union([Type.Integer(), Type.Null()]),
            fieldSize: Type.Integer(),
            baselineTotal: S.Num,
            baselineRank: Type.Union([Type.Integer(), Type.Null()]),
            subject: Type.String(),
            derived: Type.Boolean(),
            computable: Type.Boolean(),
            rule: Type.String(),
          }),
        }),
      },
    },
    async (req) => {
      const targets = Object.fromEntries(
        req.query.targets.split(',').map((p) => {
          const [k, v] = p.split(':');
          return [k!.toUpperCase(), Number(v)];
        }),
      );
      return analyses.whatIfFor(s, req.requireActor(), {
        index: req.query.index as IndexCode,
        year: req.query.year,
        provinceCode: req.query.province,
        targets,
      });
    },
  );

  app.get(
    '/api/indices/analysis.xlsx',
    {
      config: { permission: 'index_result.read' },
      schema: {
        operationId: 'exportIndexAnalysisXlsx',
        tags,
        summary: 'Xuất phân tích chỉ số ra XLSX',
        querystring: S.AnalysisQuery,
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (req, reply) => {
      const f = await analysisXlsx(s, req.requireActor(), analysisQuery(req.query), deps.linkedTasks);
      return sendDownload(reply, f, XLSX_MIME);
    },
  );

  for (const format of REPORT_FORMATS)
    app.get(
      `/api/indices/briefing.${format}`,
      {
        config: { permission: 'index_result.read' },
        schema: {
          operationId: `exportIndexBriefing${REPORT_OPERATION_SUFFIX[format]}`,
          tags,
          summary: `Báo cáo tóm tắt cho lãnh đạo (${REPORT_FORMAT_NOTE[format]})`,
          querystring: S.AnalysisQuery,
          response: replies({ 200: Type.String({ format: 'binary' }) }),
        },
      },
      async (req, reply) => {
        const f = await analysisReport(s, req.requireActor(), analysisQuery(req.query), format, deps.linkedTasks);
        return sendDownload(reply, f, REPORT_MIME[format]);
      },
    );
}

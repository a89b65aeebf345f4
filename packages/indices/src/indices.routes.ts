import { Type, type Static } from '@sinclair/typebox';
import { cachedReply, multipartBody, readMultipart, replies, sendDownload, DOCX_MIME, XLSX_MIME, type App } from '@cchc/core';
import { INDEX_CODES, type IndexCode } from './indices.tables';
import * as results from './indices.service';
import * as schemes from './scheme.service';
import { analysisDocx, analysisXlsx } from './indices.export';

const tags = ['Chỉ số quốc gia'];
const IndexParam = Type.Union(
  INDEX_CODES.map((c) => Type.Literal(c)),
  { description: 'PAR_INDEX, SIPAS, PAPI hoặc 766' },
);
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const ProvinceCode = Type.String({ pattern: '^\\d{2}$', description: 'Mã tỉnh 2 chữ số' });
const Num = Type.Union([Type.Number(), Type.Null()]);

const RowError = Type.Object({ row: Type.Integer(), field: Type.Optional(Type.String()), message: Type.String() });

const Component = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 20 }),
  parentCode: Type.Union([Type.String({ maxLength: 20 }), Type.Null()]),
  name: Type.String({ minLength: 1, maxLength: 500 }),
  minPoints: Num,
  maxPoints: Num,
});
const Scheme = Type.Object(
  {
    id: Type.Integer(),
    indexCode: Type.String(),
    name: Type.String(),
    decision: Type.String(),
    validFromYear: Type.Integer(),
    validToYear: Type.Union([Type.Integer(), Type.Null()]),
    totalMin: Type.Number(),
    totalMax: Type.Number(),
    totalRule: Type.String(),
    unit: Type.String(),
    source: Type.String(),
    note: Type.Union([Type.String(), Type.Null()]),
    isExample: Type.Boolean(),
    components: Type.Array(Type.Intersect([Component, Type.Object({ sortOrder: Type.Integer() })])),
  },
  { $id: 'IndexScheme' },
);
const Result = Type.Object(
  {
    provinceCode: Type.String(),
    provinceName: Type.String(),
    isOldProvince: Type.Boolean(),
    year: Type.Integer(),
    value: Num,
    rank: Type.Union([Type.Integer(), Type.Null()]),
    rankComputed: Type.Union([Type.Integer(), Type.Null()]),
    rankMismatch: Type.Boolean(),
    rankCheckable: Type.Boolean(),
    components: Type.Record(Type.String(), Type.Number()),
    source: Type.String(),
  },
  { $id: 'IndexResult' },
);
const Subject = Type.Object({
  key: Type.String(),
  provinceCode: Type.String(),
  name: Type.String(),
  derived: Type.Boolean(),
  value: Num,
  rank: Type.Union([Type.Integer(), Type.Null()]),
  components: Type.Record(Type.String(), Type.Number()),
});
const ImportReply = Type.Object({
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
  unmatched: Type.Array(Type.String()),
  errors: Type.Array(RowError),
  fileError: Type.Union([Type.String(), Type.Null()]),
});
const AnalysisQuery = Type.Object({
  index: IndexParam,
  year: Year,
  province: ProvinceCode,
  subject: Type.Optional(ProvinceCode),
  peers: Type.Optional(Type.String({ pattern: '^(\\d{2})(,\\d{2})*$', description: 'Mã các tỉnh so sánh, cách nhau bởi dấu phẩy' })),
});
const LinkedTasks = Type.Object(
  {
    linked: Type.Integer(),
    overdue: Type.Integer(),
    done: Type.Integer(),
    items: Type.Array(
      Type.Object({
        id: Type.String(),
        label: Type.String(),
        status: Type.String(),
        statusLabel: Type.String(),
        unitName: Type.String(),
        link: Type.String(),
      }),
    ),
  },
  { description: 'Nhiệm vụ trong các văn bản chỉ đạo được liên kết với thành phần này' },
);
const Gap = Type.Object({
  tasks: LinkedTasks,
  code: Type.String(),
  name: Type.String(),
  maxPoints: Num,
  value: Num,
  best: Num,
  bestKey: Type.Union([Type.String(), Type.Null()]),
  median: Num,
  peerMean: Num,
  gapToBest: Num,
  gapToMedian: Num,
  gapToPeers: Num,
  rank: Type.Union([Type.Integer(), Type.Null()]),
});
const Analysis = Type.Object(
  {
    index: Type.String(),
    year: Type.Integer(),
    scheme: Type.Union([
      Type.Object({
        id: Type.Integer(),
        name: Type.String(),
        decision: Type.String(),
        totalMin: Type.Number(),
        totalMax: Type.Number(),
        unit: Type.String(),
        isExample: Type.Boolean(),
      }),
      Type.Null(),
    ]),
    fieldSize: Type.Integer(),
    best: Num,
    median: Num,
    parts: Type.Array(Type.Intersect([Subject, Type.Object({ previousValue: Num })])),
    main: Type.Union([Type.Intersect([Subject, Type.Object({ previousValue: Num, change: Num })]), Type.Null()]),
    peerGroups: Type.Object({
      formerParts: Type.Array(Type.String()),
      region: Type.Union([Type.Object({ name: Type.String(), codes: Type.Array(Type.String()) }), Type.Null()]),
      used: Type.Array(Type.String()),
    }),
    components: Type.Array(Gap),
  },
  { $id: 'IndexAnalysis' },
);

/** The analysis query string as the service takes it (one place for the page and its two exports). */
const analysisQuery = (q: Static<typeof AnalysisQuery>) => ({
  index: q.index as IndexCode,
  year: q.year,
  provinceCode: q.province,
  subject: q.subject,
  peers: q.peers ? q.peers.split(',') : undefined,
});

export function registerIndicesRoutes(app: App): void {
  app.addSchema(Scheme);
  app.addSchema(Result);
  app.addSchema(Analysis);
  const s = app.services;
  // The tasks protecting each component come from whichever module publishes them (metrics registry).
  const deps = { linkedTasks: results.linkedTasksFromMetrics(s) };

  app.get(
    '/api/index-schemes',
    {
      config: { permission: 'index_result.read' },
      schema: {
        operationId: 'listIndexSchemes',
        tags,
        summary: 'Các phương pháp (bộ tiêu chí) của từng chỉ số',
        response: replies({ 200: Type.Array(Type.Ref('IndexScheme')) }),
      },
    },
    async (req) => schemes.listSchemes(s, req.requireActor()),
  );

  app.put(
    '/api/index-schemes/:id/components',
    {
      config: { permission: 'index_scheme.update' },
      schema: {
        operationId: 'replaceIndexSchemeComponents',
        tags,
        summary: 'Sửa cây tiêu chí của một phương pháp',
        params: Type.Object({ id: Type.Integer() }),
        body: Type.Object({ components: Type.Array(Component, { maxItems: 500 }) }),
        response: replies({ 200: Type.Ref('IndexScheme') }),
      },
    },
    async (req) => schemes.replaceSchemeComponents(s, req.auditContext(), req.requireActor(), req.params.id, req.body.components),
  );

  app.get(
    '/api/index-schemes/:id/export.xlsx',
    {
      config: { permission: 'index_result.read' },
      schema: {
        operationId: 'exportIndexScheme',
        tags,
        summary: 'Xuất cây tiêu chí ra XLSX',
        params: Type.Object({ id: Type.Integer() }),
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (req, reply) => {
      const f = await schemes.exportSchemeXlsx(s, req.requireActor(), req.params.id);
      return sendDownload(reply, f, XLSX_MIME);
    },
  );

  app.post(
    '/api/index-schemes/:id/import',
    {
      config: { permission: 'index_scheme.update' },
      preValidation: readMultipart,
      schema: {
        operationId: 'importIndexScheme',
        tags,
        summary: 'Nạp cây tiêu chí từ XLSX (theo mẫu xuất ra)',
        consumes: ['multipart/form-data'],
        params: Type.Object({ id: Type.Integer() }),
        body: multipartBody({}, 'Tệp XLSX theo mẫu xuất ra'),
        response: replies({ 200: Type.Ref('IndexScheme') }),
      },
    },
    async (req) => schemes.importSchemeXlsx(s, req.auditContext(), req.requireActor(), req.params.id, req.upload!.data),
  );

  app.post(
    '/api/index-results/imports',
    {
      config: { permission: 'index_result.import' },
      preValidation: readMultipart,
      schema: {
        operationId: 'importIndexResults',
        tags,
        summary: 'Nhập kết quả chỉ số từ CSV/XLSX',
        consumes: ['multipart/form-data'],
        body: multipartBody({
          index: IndexParam,
          format: Type.Union([Type.Literal('papi-provinces'), Type.Literal('long')], {
            description: 'papi-provinces: bảng PAPI công bố; long: year,index,province,component,value,rank,source',
          }),
        }),
        response: replies({ 200: ImportReply }),
      },
    },
    async (req) =>
      results.importResults(s, req.auditContext(), req.requireActor(), {
        index: req.body.index,
        format: req.body.format,
        filename: req.upload!.filename,
        data: req.upload!.data,
      }),
  );

  app.get(
    '/api/index-results',
    {
      config: { permission: 'index_result.read' },
      schema: {
        operationId: 'listIndexResults',
        tags,
        summary: 'Kết quả chỉ số theo năm (thứ hạng công bố và thứ hạng tính lại)',
        querystring: Type.Object({ index: IndexParam, year: Type.Optional(Year) }),
        response: replies({ 200: Type.Array(Type.Ref('IndexResult')) }),
      },
    },
    async (req) => results.listResults(s, req.requireActor(), req.query.index as IndexCode, req.query.year),
  );

  app.put(
    '/api/index-results',
    {
      config: { permission: 'index_result.update' },
      schema: {
        operationId: 'saveIndexResult',
        tags,
        summary: 'Nhập tay một kết quả (kèm nguồn)',
        body: Type.Object({
          index: IndexParam,
          year: Year,
          provinceCode: ProvinceCode,
          value: Num,
          rank: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
          components: Type.Record(Type.String({ maxLength: 20 }), Type.Number()),
          source: Type.String({ minLength: 3, maxLength: 1000 }),
        }),
        response: replies({ 200: Type.Ref('IndexResult') }),
      },
    },
    async (req) => results.saveResult(s, req.auditContext(), req.requireActor(), { ...req.body, index: req.body.index as IndexCode }),
  );

  app.post(
    '/api/index-results/aliases',
    {
      config: { permission: 'index_result.import' },
      schema: {
        operationId: 'resolveProvinceAlias',
        tags,
        summary: 'Gán một tên tỉnh chưa khớp cho một tỉnh',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), provinceCode: ProvinceCode, year: Year }),
        response: replies({ 200: Type.Object({ name: Type.String(), provinceCode: Type.String(), provinceName: Type.String() }) }),
      },
    },
    async (req) => results.resolveAlias(s, req.auditContext(), req.requireActor(), req.body),
  );

  app.get(
    '/api/indices/analysis',
    {
      config: { permission: 'index_result.read' },
      schema: {
        operationId: 'getIndexAnalysis',
        tags,
        summary: 'Hồ sơ chỉ số của tỉnh: điểm, thứ hạng, thành phần mất điểm so với tốt nhất, trung vị, nhóm so sánh',
        querystring: AnalysisQuery,
        response: replies({ 200: Type.Ref('IndexAnalysis') }),
      },
    },
    async (req, reply) => {
      const actor = req.requireActor();
      return cachedReply(s, req, reply, actor, 'indices.analysis', req.query, () =>
        results.analysis(s, actor, analysisQuery(req.query), deps.linkedTasks),
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
        querystring: Type.Object({ index: IndexParam, province: ProvinceCode }),
        response: replies({
          200: Type.Array(
            Type.Object({
              year: Type.Integer(),
              parts: Type.Array(Subject),
              main: Type.Union([Subject, Type.Null()]),
              fieldSize: Type.Integer(),
              median: Num,
            }),
          ),
        }),
      },
    },
    async (req) => results.trend(s, req.requireActor(), { index: req.query.index as IndexCode, provinceCode: req.query.province }),
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
          index: IndexParam,
          year: Year,
          province: ProvinceCode,
          targets: Type.String({ pattern: '^[A-Za-z0-9.]+:[0-9.]+(,[A-Za-z0-9.]+:[0-9.]+)*$', description: 'Ví dụ D6:7.5,D8:4' }),
        }),
        response: replies({
          200: Type.Object({
            total: Num,
            rank: Type.Union([Type.Integer(), Type.Null()]),
            fieldSize: Type.Integer(),
            baselineTotal: Num,
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
      return results.whatIfFor(s, req.requireActor(), {
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
        querystring: AnalysisQuery,
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (req, reply) => {
      const f = await analysisXlsx(s, req.requireActor(), analysisQuery(req.query), deps.linkedTasks);
      return sendDownload(reply, f, XLSX_MIME);
    },
  );

  app.get(
    '/api/indices/briefing.docx',
    {
      config: { permission: 'index_result.read' },
      schema: {
        operationId: 'exportIndexBriefingDocx',
        tags,
        summary: 'Báo cáo tóm tắt cho lãnh đạo (DOCX, thể thức Nghị định 30/2020)',
        querystring: AnalysisQuery,
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (req, reply) => {
      const f = await analysisDocx(s, req.requireActor(), analysisQuery(req.query), deps.linkedTasks);
      return sendDownload(reply, f, DOCX_MIME);
    },
  );
}

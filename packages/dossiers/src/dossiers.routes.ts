import { Type } from '@sinclair/typebox';
import {
  AppError,
  XLSX_MIME,
  authorize,
  cachedReply,
  can,
  rowsOf,
  recordAudit,
  replies,
  sendDownload,
  tablesToXlsx,
  type App,
} from '@cchc/core';
import * as svc from './dossier.service';
import { MAX_DOSSIER_IMPORT_BYTES, importDossiers } from './dossier.import';
import { FIELDS, resolveColumns, type Field } from './dossier.row';

const tags = ['Hồ sơ TTHC'];
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** Dossiers received from–to, judged as of a date, for one unit or all the caller sees. */
const RangeQuery = Type.Object({ from: DateStr, to: DateStr, asOf: Type.Optional(DateStr), unit: Type.Optional(Type.String()) });
const GroupBy = Type.Union(['unit', 'procedure', 'channel', 'month', 'official', 'sector'].map((g) => Type.Literal(g)));
const StatsQuery = Type.Object({
  from: DateStr,
  to: DateStr,
  groupBy: GroupBy,
  asOf: Type.Optional(DateStr),
  unit: Type.Optional(Type.String({ maxLength: 32 })),
  procedure: Type.Optional(Type.String({ maxLength: 32 })),
});
const N = Type.Integer();
const StatsRow = Type.Object(
  {
    key: Type.String(),
    label: Type.Union([Type.String(), Type.Null()]),
    received: N,
    resolved: N,
    early: N,
    onTime: N,
    late: N,
    open: N,
    openOverdue: N,
    apologies: N,
    apologyCompliant: N,
    apologyMissing: N,
    online: N,
    avgDays: Type.Union([Type.Number(), Type.Null()]),
  },
  { $id: 'DossierStatsRow' },
);
const RowError = Type.Object({ row: N, field: Type.String(), message: Type.String() });
const ImportReply = Type.Object(
  {
    importId: N,
    inserted: N,
    updated: N,
    unchanged: N,
    rejected: N,
    flagged: N,
    rowsRead: N,
    errors: Type.Array(RowError),
    errorsTotal: N,
  },
  { $id: 'DossierImportReply' },
);
const Indicator = Type.Object({
  code: Type.String(),
  name: Type.String(),
  max: Type.Number(),
  threshold: Type.Union([Type.Number(), Type.Null()]),
  status: Type.String(),
  rate: Type.Union([Type.Number(), Type.Null()]),
  points: Type.Union([Type.Number(), Type.Null()]),
  formula: Type.String(),
  data: Type.Union([Type.Record(Type.String(), Type.Number()), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
});
const Index766 = Type.Object(
  {
    unitCode: Type.String(),
    unitName: Type.String(),
    period: Type.String(),
    from: Type.String(),
    to: Type.String(),
    total: Type.Number(),
    computedMax: Type.Number(),
    assumption: Type.String(),
    counts: Type.Record(Type.String(), Type.Number()),
    groups: Type.Array(
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        max: Type.Number(),
        points: Type.Union([Type.Number(), Type.Null()]),
        computedMax: Type.Number(),
        official: Type.Union([Type.Number(), Type.Null()]),
        officialSource: Type.Union([Type.String(), Type.Null()]),
        difference: Type.Union([Type.Number(), Type.Null()]),
        indicators: Type.Array(Indicator),
      }),
    ),
  },
  { $id: 'Index766' },
);

export function registerDossierRoutes(app: App): void {
  app.addSchema(StatsRow);
  app.addSchema(ImportReply);
  app.addSchema(Index766);
  const s = app.services;

  // Streaming import: the file part is parsed as it arrives; fields sent before it (mapping) apply.
  app.post(
    '/api/dossiers/imports',
    {
      config: { permission: 'dossier.import' },
      schema: {
        operationId: 'importDossiers',
        tags,
        summary: 'Nhập hồ sơ từ tệp CSV (UTF-8) hoặc XLSX; lũy đẳng theo mã hồ sơ',
        consumes: ['multipart/form-data'],
        body: Type.Object({ file: Type.String({ format: 'binary' }), mappingId: Type.Optional(Type.String()) }),
        response: replies({ 200: Type.Ref('DossierImportReply') }),
      },
      validatorCompiler: () => () => true,
    },
    async (req) => {
      const actor = req.requireActor();
      authorize(actor, 'dossier.import');
      if (!req.isMultipart()) throw new AppError('NOT_MULTIPART', 'Yêu cầu phải gửi dạng multipart/form-data với trường "file".', 415);
      let mapping: Partial<Record<Field, string>> | undefined;
      for await (const part of req.parts({ limits: { fileSize: MAX_DOSSIER_IMPORT_BYTES, files: 1 } })) {
        if (part.type === 'field') {
          if (part.fieldname === 'mappingId' && part.value) {
            const m = await s.db
              .selectFrom('dossierMapping')
              .select('mapping')
              .where('id', '=', Number(part.value))
              .where('provinceCode', '=', s.provinceCode)
              .executeTakeFirst();
            if (!m) throw new AppError('UNKNOWN_MAPPING', `Không có ánh xạ cột số ${part.value}.`, 404);
            mapping = m.mapping as Partial<Record<Field, string>>;
          }
          continue;
        }
        return importDossiers(s, req.auditContext(), actor, { filename: part.filename, stream: part.file, mapping });
      }
      throw new AppError('MISSING_FILE', 'Thiếu tệp: hãy chọn tệp để tải lên (trường "file").');
    },
  );

  app.post(
    '/api/dossiers/imports/headers',
    {
      config: { permission: 'dossier.import' },
      schema: {
        operationId: 'readDossierHeaders',
        tags,
        summary: 'Đọc dòng tiêu đề của tệp để ánh xạ cột',
        consumes: ['multipart/form-data'],
        body: Type.Object({ file: Type.String({ format: 'binary' }) }),
        response: replies({
          200: Type.Object({
            headers: Type.Array(Type.String()),
            fields: Type.Array(Type.String()),
            suggested: Type.Record(Type.String(), Type.String()),
            missing: Type.Array(Type.String()),
          }),
        }),
      },
      validatorCompiler: () => () => true,
    },
    async (req) => {
      authorize(req.requireActor(), 'dossier.import');
      const part = await req.file();
      if (!part) throw new AppError('MISSING_FILE', 'Thiếu tệp.');
      let headers: string[] = [];
      for await (const row of rowsOf(part.file, part.filename)) {
        headers = row;
        break;
      }
      part.file.resume();
      const { columns, missing } = resolveColumns(headers);
      const suggested = Object.fromEntries(Object.entries(columns).map(([f, i]) => [f, headers[i!]!]));
      return { headers, fields: [...FIELDS], suggested, missing };
    },
  );

  app.get(
    '/api/dossiers/mappings',
    {
      config: { permission: 'dossier.import' },
      schema: {
        operationId: 'listDossierMappings',
        tags,
        summary: 'Các ánh xạ cột đã lưu',
        response: replies({
          200: Type.Array(Type.Object({ id: N, name: Type.String(), mapping: Type.Record(Type.String(), Type.String()) })),
        }),
      },
    },
    async (req) => {
      authorize(req.requireActor(), 'dossier.import');
      return (await s.db
        .selectFrom('dossierMapping')
        .select(['id', 'name', 'mapping'])
        .where('provinceCode', '=', s.provinceCode)
        .orderBy('name')
        .execute()) as never;
    },
  );

  app.post(
    '/api/dossiers/mappings',
    {
      config: { permission: 'dossier.import' },
      schema: {
        operationId: 'saveDossierMapping',
        tags,
        summary: 'Lưu ánh xạ cột của một phần mềm một cửa',
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 100 }),
          mapping: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 200 })),
        }),
        response: replies({ 200: Type.Object({ id: N }) }),
      },
    },
    async (req) => {
      const actor = req.requireActor();
      authorize(actor, 'dossier.import');
      const unknown = Object.keys(req.body.mapping).filter((k) => !(FIELDS as readonly string[]).includes(k));
      if (unknown.length) throw new AppError('UNKNOWN_FIELD', `Trường không có trong mẫu chuẩn: ${unknown.join(', ')}.`);
      return s.db.transaction().execute(async (tx) => {
        const r = await tx
          .insertInto('dossierMapping')
          .values({ provinceCode: s.provinceCode, name: req.body.name, mapping: JSON.stringify(req.body.mapping), createdBy: actor.userId })
          .onConflict((oc) => oc.columns(['provinceCode', 'name']).doUpdateSet({ mapping: JSON.stringify(req.body.mapping) }))
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(tx, req.auditContext(), 'dossier.mapping', { entityType: 'dossier_mapping', entityId: r.id, after: req.body });
        return r;
      });
    },
  );

  app.get(
    '/api/dossiers/imports',
    {
      config: { permission: 'dossier.import' },
      schema: {
        operationId: 'listDossierImports',
        tags,
        summary: 'Các lần nhập hồ sơ (đang chạy, xong, bị gián đoạn, bị từ chối), mới nhất trước',
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
        }),
        response: replies({
          200: Type.Object({
            total: N,
            rows: Type.Array(
              Type.Object({
                id: N,
                filename: Type.String(),
                status: Type.String(),
                statusLabel: Type.String(),
                startedAt: Type.String(),
                finishedAt: Type.Union([Type.String(), Type.Null()]),
                rowsRead: N,
                inserted: N,
                updated: N,
                unchanged: N,
                rejected: N,
                userName: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
        }),
      },
    },
    async (req) => svc.listImports(s, req.requireActor(), req.query),
  );

  app.get(
    '/api/dossiers/imports/:id/errors.xlsx',
    {
      config: { permission: 'dossier.importReport' },
      schema: {
        operationId: 'getDossierImportErrors',
        tags,
        summary: 'Báo cáo đầy đủ các dòng bị loại của một lần nhập',
        params: Type.Object({ id: N }),
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (req, reply) => {
      const actor = req.requireActor();
      const run = await s.db
        .selectFrom('dossierImport')
        .select('userId')
        .where('id', '=', req.params.id)
        .where('provinceCode', '=', s.provinceCode)
        .executeTakeFirst();
      if (!run || !can(actor, 'dossier.importReport', { userId: run.userId === null ? null : Number(run.userId) })) {
        throw new AppError('NOT_FOUND', `Không có lần nhập số ${req.params.id} hoặc lần nhập ngoài phạm vi của bạn.`, 404);
      }
      const rows = await s.db
        .selectFrom('dossierImportError')
        .select(['row', 'field', 'message'])
        .where('importId', '=', req.params.id)
        .orderBy('row')
        .execute();
      const data = await tablesToXlsx([
        {
          name: 'Dòng bị loại',
          columns: [
            { header: 'Dòng', key: 'row' },
            { header: 'Cột', key: 'field', width: 20 },
            { header: 'Lý do', key: 'message', width: 100 },
          ],
          rows,
        },
      ]);
      return sendDownload(reply, { filename: `loi-nhap-ho-so-${req.params.id}.xlsx`, data }, XLSX_MIME);
    },
  );

  app.get(
    '/api/dossiers/stats',
    {
      config: { permission: 'dossier.read' },
      schema: {
        operationId: 'getDossierStats',
        tags,
        summary: 'Tình hình giải quyết hồ sơ theo đơn vị, thủ tục, kênh, tháng, cán bộ',
        querystring: StatsQuery,
        response: replies({ 200: Type.Array(Type.Ref('DossierStatsRow')) }),
      },
    },
    async (req, reply) => {
      const actor = req.requireActor();
      return cachedReply(s, req, reply, actor, 'dossiers.stats', req.query, () => svc.stats(s, actor, req.query as svc.StatsParams));
    },
  );

  app.get(
    '/api/dossiers/stats.xlsx',
    {
      config: { permission: 'dossier.read' },
      schema: {
        operationId: 'exportDossierStats',
        tags,
        summary: 'Xuất bảng tình hình giải quyết ra XLSX',
        querystring: StatsQuery,
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (req, reply) => sendDownload(reply, await svc.exportStatsXlsx(s, req.requireActor(), req.query as svc.StatsParams), XLSX_MIME),
  );

  app.get(
    '/api/dossiers/late-causes',
    {
      config: { permission: 'dossier.read' },
      schema: {
        operationId: 'getDossierLateCauses',
        tags,
        summary: 'Hồ sơ trễ hạn theo nhóm nguyên nhân',
        querystring: RangeQuery,
        response: replies({ 200: Type.Array(Type.Object({ category: Type.String(), count: N })) }),
      },
    },
    async (req) => svc.causes(s, req.requireActor(), req.query),
  );

  app.get(
    '/api/dossiers/apologies',
    {
      config: { permission: 'dossier.read' },
      schema: {
        operationId: 'getDossierApologyBreaches',
        tags,
        summary: 'Vi phạm về thư xin lỗi theo đơn vị: thiếu, gửi muộn, gia hạn lần hai',
        querystring: RangeQuery,
        response: replies({
          200: Type.Array(
            Type.Object({ key: Type.String(), label: Type.Union([Type.String(), Type.Null()]), missing: N, sentLate: N, repeated: N }),
          ),
        }),
      },
    },
    async (req) => svc.apologies(s, req.requireActor(), req.query),
  );

  app.get(
    '/api/dossiers/apologies.xlsx',
    {
      config: { permission: 'dossier.read' },
      schema: {
        operationId: 'exportDossierApologyBreaches',
        tags,
        summary: 'Xuất bảng vi phạm về thư xin lỗi ra XLSX',
        querystring: RangeQuery,
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (req, reply) => sendDownload(reply, await svc.exportApologiesXlsx(s, req.requireActor(), req.query), XLSX_MIME),
  );

  app.get(
    '/api/dossiers/period-report.xlsx',
    {
      config: { permission: 'dossier.read' },
      schema: {
        operationId: 'exportDossierPeriodReport',
        tags,
        summary: 'Báo cáo kết quả giải quyết theo đơn vị (mẫu 06) và nguyên nhân quá hạn (mẫu 07), XLSX',
        querystring: Type.Object({ from: DateStr, to: DateStr, unit: Type.Optional(Type.String()) }),
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (req, reply) => sendDownload(reply, await svc.exportPeriodReportXlsx(s, req.requireActor(), req.query), XLSX_MIME),
  );

  app.get(
    '/api/dossiers',
    {
      config: { permission: 'dossier.read' },
      schema: {
        operationId: 'listDossiers',
        tags,
        summary: 'Danh sách hồ sơ (lọc theo đơn vị, thủ tục, cán bộ, kết quả)',
        querystring: Type.Object({
          from: DateStr,
          to: DateStr,
          asOf: Type.Optional(DateStr),
          unit: Type.Optional(Type.String()),
          procedure: Type.Optional(Type.String()),
          official: Type.Optional(Type.String()),
          outcome: Type.Optional(Type.Union([Type.Literal('late'), Type.Literal('open'), Type.Literal('open_overdue')])),
          q: Type.Optional(Type.String({ maxLength: 60 })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: replies({
          200: Type.Object({
            total: N,
            rows: Type.Array(
              Type.Object({
                id: N,
                code: Type.String(),
                procedureCode: Type.String(),
                procedureName: Type.Union([Type.String(), Type.Null()]),
                unitCode: Type.String(),
                channel: N,
                receivedAt: Type.String(),
                dueDate: Type.Union([Type.String(), Type.Null()]),
                finishedAt: Type.Union([Type.String(), Type.Null()]),
                supplementCount: N,
                official: Type.Union([Type.String(), Type.Null()]),
                lateCause: Type.Union([Type.String(), Type.Null()]),
                flagged: Type.Boolean(),
                outcome: Type.String(),
                outcomeLabel: Type.String(),
                apology: Type.String(),
              }),
            ),
          }),
        }),
      },
    },
    async (req) => svc.listDossiers(s, req.requireActor(), req.query),
  );

  app.get(
    '/api/dossiers/:code',
    {
      config: { permission: 'dossier.read' },
      schema: {
        operationId: 'getDossier',
        tags,
        summary: 'Chi tiết một hồ sơ và lịch sử thay đổi qua các lần nhập',
        params: Type.Object({ code: Type.String({ maxLength: 60 }) }),
        response: replies({
          200: Type.Object({
            code: Type.String(),
            procedureCode: Type.String(),
            procedureName: Type.Union([Type.String(), Type.Null()]),
            unitCode: Type.String(),
            channel: N,
            state: Type.Union([N, Type.Null()]),
            receivedAt: Type.String(),
            appointmentAt: Type.Union([Type.String(), Type.Null()]),
            finishedAt: Type.Union([Type.String(), Type.Null()]),
            dueDate: Type.Union([Type.String(), Type.Null()]),
            timeLimit: Type.Union([Type.Number(), Type.Null()]),
            timeUnit: Type.Union([Type.String(), Type.Null()]),
            supplements: Type.Union([Type.String(), Type.Null()]),
            supplementCount: N,
            apologyAt: Type.Union([Type.String(), Type.Null()]),
            apologyDeadline: Type.Union([Type.String(), Type.Null()]),
            newAppointmentAt: Type.Union([Type.String(), Type.Null()]),
            official: Type.Union([Type.String(), Type.Null()]),
            lateCause: Type.Union([Type.String(), Type.Null()]),
            flagged: Type.Boolean(),
            outcome: Type.String(),
            outcomeLabel: Type.String(),
            history: Type.Array(
              Type.Object({
                changedAt: Type.String(),
                before: Type.Unknown(),
                after: Type.Unknown(),
                flagged: Type.Boolean(),
                filename: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
        }),
      },
    },
    async (req) => svc.getDossier(s, req.requireActor(), req.params.code),
  );

  app.get(
    '/api/indices/766',
    {
      config: { permission: 'dossier.read' },
      schema: {
        operationId: 'getIndex766',
        tags,
        summary: 'Bộ chỉ số 766 tính từ dữ liệu hồ sơ (và điểm chính thức nếu đã nhập)',
        querystring: Type.Object({
          unit: Type.String({ maxLength: 32 }),
          period: Type.String({ maxLength: 10, description: 'YYYY-MM, YYYY-Qn hoặc YYYY' }),
        }),
        response: replies({ 200: Type.Ref('Index766') }),
      },
    },
    async (req) => svc.index766(s, req.requireActor(), req.query),
  );

  app.put(
    '/api/indices/766/official',
    {
      config: { permission: 'dossier.official766' },
      schema: {
        operationId: 'saveOfficial766',
        tags,
        summary: 'Nhập điểm 766 chính thức (từ Cổng Dịch vụ công quốc gia) để so sánh',
        body: Type.Object({
          unit: Type.String(),
          period: Type.String(),
          source: Type.String({ minLength: 3, maxLength: 500 }),
          groups: Type.Array(Type.Object({ code: Type.String(), points: Type.Number() }), { minItems: 1, maxItems: 5 }),
        }),
        response: replies({ 200: Type.Ref('Index766') }),
      },
    },
    async (req) => svc.saveOfficial766(s, req.auditContext(), req.requireActor(), req.body),
  );

  app.get(
    '/api/public/late-units',
    {
      config: { permission: 'public' },
      schema: {
        operationId: 'getPublicLateUnits',
        tags: ['Công khai'],
        summary: 'Công khai: đơn vị (và cán bộ, nếu tỉnh chọn) có hồ sơ trễ hạn, chỉ xếp đơn vị đủ số lượng hồ sơ',
        querystring: Type.Object({ from: DateStr, to: DateStr, minVolume: Type.Integer({ minimum: 1, maximum: 100000, default: 30 }) }),
        response: replies({
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            asOf: Type.String(),
            minVolume: N,
            excluded: N,
            units: Type.Array(
              Type.Object({ unitCode: Type.String(), unitName: Type.String(), received: N, resolved: N, late: N, lateRate: Type.Number() }),
            ),
            officials: Type.Union([
              Type.Array(Type.Object({ official: Type.String(), received: N, late: N, lateRate: Type.Number() })),
              Type.Null(),
            ]),
          }),
        }),
      },
    },
    async (req) => {
      const setting = await s.db.selectFrom('appSetting').select('value').where('key', '=', 'public_late_officials').executeTakeFirst();
      return svc.publicLateUnits(s, { ...req.query, withOfficials: setting?.value === '1' });
    },
  );
}

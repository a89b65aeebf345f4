/** The dossiers API: each route names its permission and schemas and calls the service. */
import { Type } from '@sinclair/typebox';
import {
  AppError,
  REPORT_FORMAT_NOTE,
  REPORT_FORMATS,
  REPORT_MIME,
  REPORT_OPERATION_SUFFIX,
  XLSX_MIME,
  authorize,
  cachedReply,
  replies,
  sendDownload,
  tablesToXlsx,
  type App,
} from '@cchc/core';
import * as S from './dossiers.schemas';
import * as svc from './dossier.service';
import * as imports from './imports.service';
import * as i766 from './index766.service';
import { dossierReport } from './dossier.report';
import { MAX_DOSSIER_IMPORT_BYTES, importDossiers } from './dossier.import';
import { FIELDS, FIELD_LABELS, FIELD_RULES, type Field } from './dossier.row';

const tags = ['Hồ sơ TTHC'];
const binary = replies({ 200: Type.String({ format: 'binary' }) });

export function registerDossierRoutes(app: App): void {
  app.addSchema(S.StatsRow);
  app.addSchema(S.ImportReply);
  app.addSchema(S.Index766);
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
          if (part.fieldname === 'mappingId' && part.value) mapping = await imports.mappingById(s, actor, Number(part.value));
          continue;
        }
        return importDossiers(s, req.auditContext(), actor, { filename: part.filename, stream: part.file, mapping });
      }
      throw new AppError('MISSING_FILE', 'Thiếu tệp: hãy chọn tệp để tải lên (trường "file").');
    },
  );

  app.get(
    '/api/dossiers/imports/template.xlsx',
    {
      config: { permission: 'dossier.import' },
      schema: {
        operationId: 'getDossierImportTemplate',
        tags,
        summary: 'Tệp mẫu nhập hồ sơ: các cột chuẩn, hai dòng ví dụ và trang hướng dẫn giá trị được phép của từng cột',
        response: binary,
      },
    },
    async (req, reply) => {
      authorize(req.requireActor(), 'dossier.import');
      const data = await tablesToXlsx([
        {
          name: 'Mẫu nhập',
          columns: FIELDS.map((f) => ({ header: f, key: f, width: Math.max(14, f.length + 2) })),
          rows: [Object.fromEntries(FIELDS.map((f) => [f, FIELD_RULES[f].example]))],
        },
        {
          name: 'Hướng dẫn',
          title: 'Hướng dẫn nhập hồ sơ: mỗi dòng một hồ sơ; dòng đầu là tên cột (viết như ở trang “Mẫu nhập”, hoặc ánh xạ khi nhập)',
          columns: [
            { header: 'Cột', key: 'field', width: 24 },
            { header: 'Ý nghĩa', key: 'label', width: 36 },
            { header: 'Bắt buộc', key: 'required', width: 30 },
            { header: 'Giá trị được phép, định dạng', key: 'allowed', width: 80 },
            { header: 'Ví dụ', key: 'example', width: 30 },
          ],
          rows: FIELDS.map((f) => ({ field: f, label: FIELD_LABELS[f], ...FIELD_RULES[f] })),
        },
      ]);
      return sendDownload(reply, { filename: 'mau-nhap-ho-so.xlsx', data }, XLSX_MIME);
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
        response: replies({ 200: S.ImportHeaders }),
      },
      validatorCompiler: () => () => true,
    },
    async (req) => {
      const actor = req.requireActor();
      authorize(actor, 'dossier.import');
      const part = await req.file();
      if (!part) throw new AppError('MISSING_FILE', 'Thiếu tệp.');
      return imports.readHeaders(actor, { stream: part.file, filename: part.filename });
    },
  );

  app.get(
    '/api/dossiers/mappings',
    {
      config: { permission: 'dossier.import' },
      schema: { operationId: 'listDossierMappings', tags, summary: 'Các ánh xạ cột đã lưu', response: replies({ 200: S.Mappings }) },
    },
    async (req) => imports.listMappings(s, req.requireActor()),
  );

  app.post(
    '/api/dossiers/mappings',
    {
      config: { permission: 'dossier.import' },
      schema: {
        operationId: 'saveDossierMapping',
        tags,
        summary: 'Lưu ánh xạ cột của một phần mềm một cửa',
        body: S.MappingInput,
        response: replies({ 200: Type.Object({ id: S.N }) }),
      },
    },
    async (req) => imports.saveMapping(s, req.auditContext(), req.requireActor(), req.body),
  );

  app.get(
    '/api/dossiers/imports',
    {
      config: { permission: 'dossier.import' },
      schema: {
        operationId: 'listDossierImports',
        tags,
        summary: 'Các lần nhập hồ sơ (đang chạy, xong, bị gián đoạn, bị từ chối), mới nhất trước',
        querystring: S.ImportsQuery,
        response: replies({ 200: S.ImportsPage }),
      },
    },
    async (req) => imports.listImports(s, req.requireActor(), req.query),
  );

  app.get(
    '/api/dossiers/imports/:id/errors.xlsx',
    {
      config: { permission: 'dossier.importReport' },
      schema: {
        operationId: 'getDossierImportErrors',
        tags,
        summary: 'Báo cáo đầy đủ các dòng bị loại của một lần nhập',
        params: Type.Object({ id: S.N }),
        response: binary,
      },
    },
    async (req, reply) => sendDownload(reply, await imports.importErrorsReport(s, req.requireActor(), req.params.id), XLSX_MIME),
  );

  app.get(
    '/api/dossiers/stats',
    {
      config: { permission: 'dossier.read' },
      schema: {
        operationId: 'getDossierStats',
        tags,
        summary: 'Tình hình giải quyết hồ sơ theo đơn vị, thủ tục, kênh, tháng, cán bộ',
        querystring: S.StatsQuery,
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
        querystring: S.StatsQuery,
        response: binary,
      },
    },
    async (req, reply) => sendDownload(reply, await svc.exportStatsXlsx(s, req.requireActor(), req.query as svc.StatsParams), XLSX_MIME),
  );

  for (const format of REPORT_FORMATS)
    app.get(
      `/api/dossiers/report.${format}`,
      {
        config: { permission: 'dossier.read' },
        schema: {
          operationId: `exportDossierReport${REPORT_OPERATION_SUFFIX[format]}`,
          tags,
          summary: `Báo cáo tình hình giải quyết hồ sơ (${REPORT_FORMAT_NOTE[format]})`,
          querystring: S.RangeQuery,
          response: binary,
        },
      },
      async (req, reply) => sendDownload(reply, await dossierReport(s, req.requireActor(), req.query, format), REPORT_MIME[format]),
    );

  app.get(
    '/api/dossiers/late-causes',
    {
      config: { permission: 'dossier.read' },
      schema: {
        operationId: 'getDossierLateCauses',
        tags,
        summary: 'Hồ sơ trễ hạn theo nhóm nguyên nhân',
        querystring: S.RangeQuery,
        response: replies({ 200: S.LateCauses }),
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
        querystring: S.RangeQuery,
        response: replies({ 200: S.ApologyBreaches }),
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
        querystring: S.RangeQuery,
        response: binary,
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
        querystring: S.PeriodReportQuery,
        response: binary,
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
        querystring: S.DossierListQuery,
        response: replies({ 200: S.DossierPage }),
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
        response: replies({ 200: S.DossierDetail }),
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
        querystring: S.Index766Query,
        response: replies({ 200: Type.Ref('Index766') }),
      },
    },
    async (req) => i766.index766(s, req.requireActor(), req.query),
  );

  app.put(
    '/api/indices/766/official',
    {
      config: { permission: 'dossier.official766' },
      schema: {
        operationId: 'saveOfficial766',
        tags,
        summary: 'Nhập điểm 766 chính thức (từ Cổng Dịch vụ công quốc gia) để so sánh',
        body: S.Official766Input,
        response: replies({ 200: Type.Ref('Index766') }),
      },
    },
    async (req) => i766.saveOfficial766(s, req.auditContext(), req.requireActor(), req.body),
  );

  app.get(
    '/api/public/late-units',
    {
      config: { permission: 'public' },
      schema: {
        operationId: 'getPublicLateUnits',
        tags: ['Công khai'],
        summary: 'Công khai: đơn vị (và cán bộ, nếu tỉnh chọn) có hồ sơ trễ hạn, chỉ xếp đơn vị đủ số lượng hồ sơ',
        querystring: S.PublicLateQuery,
        response: replies({ 200: S.PublicLateUnits }),
      },
    },
    async (req) => svc.publicLateUnits(s, req.query),
  );
}

import { Type } from '@sinclair/typebox';
import * as S from './indices.schemas';
import { registerAnalysisRoutes } from './analysis.routes';
import { multipartBody, readMultipart, replies, sendDownload, XLSX_MIME, type App } from '@cchc/core';
import type { IndexCode } from './indices.tables';
import * as results from './indices.service';
import * as schemes from './scheme.service';

const tags = ['Chỉ số quốc gia'];

export function registerIndicesRoutes(app: App): void {
  app.addSchema(S.Scheme);
  app.addSchema(S.Result);
  app.addSchema(S.Analysis);
  const s = app.services;

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
        body: Type.Object({ components: Type.Array(S.Component, { maxItems: 500 }) }),
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
          index: S.IndexParam,
          format: Type.Union([Type.Literal('papi-provinces'), Type.Literal('long')], {
            description: 'papi-provinces: bảng PAPI công bố; long: year,index,province,component,value,rank,source',
          }),
        }),
        response: replies({ 200: S.ImportReply }),
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
        querystring: Type.Object({ index: S.IndexParam, year: Type.Optional(S.Year) }),
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
          index: S.IndexParam,
          year: S.Year,
          provinceCode: S.ProvinceCode,
          value: S.Num,
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
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), provinceCode: S.ProvinceCode, year: S.Year }),
        response: replies({ 200: Type.Object({ name: Type.String(), provinceCode: Type.String(), provinceName: Type.String() }) }),
      },
    },
    async (req) => results.resolveAlias(s, req.auditContext(), req.requireActor(), req.body),
  );

  registerAnalysisRoutes(app);
}

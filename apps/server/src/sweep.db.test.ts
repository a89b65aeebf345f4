/**
 * Generated from the OpenAPI document, so a new route is covered (or this test names it):
 *  1. unit scope — every demo role reads and writes records of its own unit, a sibling and another
 *     province's unit; any 200 on a read, or 2xx on a write, outside the caller's scope is a leak;
 *  (the fuzz of every route's path, query and body fields is in fuzz.db.test.ts).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCommuneLevel, type AppServices } from '@cchc/core';
import { buildOpenApiDocument } from './openapi';
import { makeDossiers, makeTask, startTestApp, type TestApp, type TestClient } from './testing';

let t: TestApp;
let s: AppServices;
const ROLES = ['admin', 'lanhdao', 'cchc', 'thamdinh', 'giamdoc.stc', 'daumoi.stc', 'chutich.xa', 'daumoi.xa', 'motcua'] as const;
const clients = new Map<string, TestClient>();
type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }[];
        requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
      }
    >
  >;
};
let doc: Doc;

/** Per unit code: the records the sweep reads and writes. */
interface Fixture {
  unitCode: string;
  directiveId: number;
  taskId: number;
  evidenceId: number;
  dossierCode: string;
  assessmentEvidenceId: number;
  feedbackId: number;
  feedbackPhotoId: number;
  inspectionId: number;
  findingId: number;
  inspectionFileId: number;
  initiativeId: number;
  initiativeFileId: number;
  surveyId: number;
  surveyTokenId: number;
  surveyPaperCode: string;
  surveyResponseId: number;
}
/** One published survey; every fixture unit has a sample in it, an issued token and a keyed paper form. */
let sweepSurveyId = 0;
let paperSeq = 0;
const fixtures = new Map<string, Fixture>();
const OTHER_PROVINCE = '01';
let otherUnit = '';
/** Units each role may see (its subtree, or the whole province). */
const visible = new Map<string, Set<string>>();

async function makeFixture(services: AppServices, unitCode: string): Promise<Fixture> {
  const { directiveId: id, taskId } = await makeTask(services, { unit: unitCode });
  const task = { id: taskId };
  const report = await s.db
    .insertInto('taskReport')
    .values({
      taskId: task.id,
      periodKey: 'once',
      content: 'Bản nháp.',
      percent: 10,
      state: 'draft',
      writtenBy: null,
      updatedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ev = await s.files.attach(s.db, {
    data: Buffer.from('%PDF'),
    filename: 'mc.pdf',
    mime: 'application/pdf',
    ownerType: 'task_report',
    ownerId: report.id,
    unitId: null,
    uploadedBy: null,
  });
  await s.files.attach(s.db, {
    data: Buffer.from('Văn bản gốc'),
    filename: 'goc.txt',
    mime: 'text/plain',
    ownerType: 'directive_source',
    ownerId: id,
    unitId: null,
    uploadedBy: null,
  });
  // Internal-index evidence on the unit's sheet in the demo round of its group.
  const unit = await s.db
    .selectFrom('unit')
    .select(['id', 'type'])
    .where('code', '=', unitCode)
    .where('validTo', 'is', null)
    .executeTakeFirstOrThrow();
  const round = await s.db
    .selectFrom('assessmentRound as r')
    .innerJoin('assessmentFramework as f', 'f.id', 'r.frameworkId')
    .select('r.id')
    .where('f.unitGroup', '=', isCommuneLevel(unit.type) ? 'commune' : 'department')
    .orderBy('r.id')
    .executeTakeFirstOrThrow();
  const criterion = await s.db
    .selectFrom('assessmentCriterion as c')
    .innerJoin('assessmentRound as r', 'r.frameworkId', 'c.frameworkId')
    .select('c.id')
    .where('r.id', '=', round.id)
    .where('c.method', '=', 'tu_cham')
    .executeTakeFirstOrThrow();
  const sheet = await s.db
    .insertInto('assessmentSheet')
    .values({ roundId: round.id, unitId: unit.id, state: 'self_draft', updatedAt: new Date() })
    .onConflict((oc) => oc.columns(['roundId', 'unitId']).doUpdateSet({ updatedAt: new Date() }))
    .returning('id')
    .executeTakeFirstOrThrow();
  const aev = await s.db
    .insertInto('assessmentEvidence')
    .values({ sheetId: sheet.id, criterionId: criterion.id, locator: null, addedBy: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await s.files.attach(s.db, {
    data: Buffer.from('%PDF kiểm chứng'),
    filename: 'kc.pdf',
    mime: 'application/pdf',
    ownerType: 'assessment_evidence',
    ownerId: aev.id,
    unitId: unit.id,
    uploadedBy: null,
  });
  // A citizen's feedback case led by the unit, with a photo and the scanned letter.
  const fb = await s.db
    .insertInto('feedbackCase')
    .values({
      provinceCode: services.provinceCode,
      code: `PAKN.20261101.${String(9000 + fixtures.size).padStart(4, '0')}${services.provinceCode === '86' ? '' : '1'}`,
      channel: 'letter',
      categoryCode: 'khac',
      kind: 'phan_anh',
      status: 'assigned',
      senderName: 'Người gửi',
      senderPhone: '0912345678',
      content: 'Phản ánh để kiểm tra phạm vi.',
      receivedAt: new Date('2026-11-02T09:00:00+07:00'),
      countedFrom: '2026-11-02',
      dueDate: '2026-11-20',
      classifyDue: '2026-11-09',
      leadUnitId: unit.id,
      updatedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const photo = await s.db
    .insertInto('feedbackPhoto')
    .values({ caseId: fb.id, sortOrder: 1, width: 1, height: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [ownerType, ownerId] of [
    ['feedback_photo', photo.id],
    ['feedback_letter', fb.id],
  ] as const)
    await s.files.attach(s.db, {
      data: Buffer.from('ảnh'),
      filename: 'a.jpg',
      mime: 'image/jpeg',
      ownerType,
      ownerId,
      unitId: null,
      uploadedBy: null,
    });
  // A held inspection of the unit with a finding and a photo; the unit's draft initiative with a document.
  const plan = await s.db
    .insertInto('inspectionPlan')
    .values({ provinceCode: services.provinceCode, year: 2026, name: `Kế hoạch quét ${unitCode}`, target: 0.3, selfTarget: 0.5 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const visit = await s.db
    .insertInto('inspection')
    .values({
      provinceCode: services.provinceCode,
      planId: plan.id,
      unitId: unit.id,
      byUnitId: null,
      kind: 'planned',
      status: 'scheduled',
      date: '2026-11-10',
      areas: ['procedures'],
      createdAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const finding = await s.db
    .insertInto('inspectionFinding')
    .values({
      inspectionId: visit.id,
      unitId: unit.id,
      area: 'procedures',
      itemCode: null,
      text: 'Tồn tại để kiểm tra phạm vi.',
      severity: 'minor',
      remedy: null,
      dueDate: '2026-12-31',
      taskId: null,
      repeatOf: null,
      status: 'open',
      createdAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const initiative = await s.db
    .insertInto('initiative')
    .values({
      provinceCode: services.provinceCode,
      code: `SK.2026.${9000 + fixtures.size}${services.provinceCode === '86' ? '' : '1'}`,
      origin: 'own',
      unitId: unit.id,
      year: 2026,
      title: 'Sáng kiến để kiểm tra phạm vi',
      summary: 'Bản nháp của đơn vị, chưa gửi.',
      indexComponents: [],
      status: 'draft',
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const [inspectionFile, initiativeFile] = await Promise.all(
    (
      [
        ['inspection_evidence', visit.id],
        ['initiative_document', initiative.id],
      ] as const
    ).map(([ownerType, ownerId]) =>
      s.files.attach(s.db, {
        data: Buffer.from('tài liệu'),
        filename: 't.pdf',
        mime: 'application/pdf',
        ownerType,
        ownerId,
        unitId: unit.id,
        uploadedBy: null,
      }),
    ),
  );
  const now = new Date('2026-11-20T09:00:00+07:00');
  if (!sweepSurveyId) {
    const survey = await s.db
      .insertInto('survey')
      .values({
        provinceCode: '86',
        name: 'Khảo sát quét phạm vi',
        template: null,
        periodFrom: '2026-01-01',
        periodTo: '2026-10-31',
        status: 'published',
        currentVersion: 1,
        minValid: 30,
        createdBy: null,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    sweepSurveyId = Number(survey.id);
    const definition = {
      title: 'Phiếu',
      sections: [{ id: 'A', title: 'Phần A', questions: [{ id: 'Q1', text: 'Hài lòng?', type: 'scale5', aspect: 'DV1' }] }],
    };
    await s.db
      .insertInto('surveyVersion')
      .values({ surveyId: sweepSurveyId, version: 1, definition: JSON.stringify(definition), createdAt: now, createdBy: null })
      .execute();
  }
  const sample = await s.db
    .insertInto('surveySample')
    .values({
      surveyId: sweepSurveyId,
      unitId: unit.id,
      unitCode,
      population: 10,
      reachable: 10,
      sampleSize: 10,
      marginOfError: 0.05,
      seed: '1',
      frameDigest: '-',
      drawnAt: now,
      drawnBy: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const code = () => `SW${String(++paperSeq).padStart(2, '0')}-${String(paperSeq).padStart(4, '0')}`;
  const [issued, keyed] = await s.db
    .insertInto('surveyToken')
    .values(
      [0, 1].map((i) => ({
        surveyId: sweepSurveyId,
        sampleId: Number(sample.id),
        unitId: unit.id,
        token: `sweep-${unitCode}-${i}`,
        paperCode: code(),
        rank: i + 1,
        dossierCode: `SW-${unitCode}`,
        personKey: null,
        status: i ? ('answered' as const) : ('issued' as const),
        reason: null,
        updatedAt: now,
      })),
    )
    .returning(['id', 'paperCode'])
    .execute();
  const response = await s.db
    .insertInto('surveyResponse')
    .values({
      surveyId: sweepSurveyId,
      version: 1,
      unitId: unit.id,
      tokenId: Number(keyed!.id),
      channel: 'paper',
      interviewerId: null,
      enteredBy: null,
      clientId: null,
      startedAt: null,
      submittedAt: now,
      durationS: null,
      answers: JSON.stringify({ Q1: 4 }),
      answersDigest: `sweep-${unitCode}`,
      flags: [],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    surveyId: sweepSurveyId,
    surveyTokenId: Number(issued!.id),
    surveyPaperCode: issued!.paperCode,
    surveyResponseId: Number(response.id),
    unitCode,
    inspectionId: Number(visit.id),
    findingId: Number(finding.id),
    inspectionFileId: inspectionFile!.id,
    initiativeId: Number(initiative.id),
    initiativeFileId: initiativeFile!.id,
    feedbackId: Number(fb.id),
    feedbackPhotoId: Number(photo.id),
    directiveId: Number(id),
    taskId: Number(task.id),
    evidenceId: Number(ev.id),
    dossierCode: `SW-${unitCode}`,
    assessmentEvidenceId: Number(aev.id),
  };
}

beforeAll(async () => {
  t = await startTestApp();
  s = t.app.services;
  doc = (await buildOpenApiDocument()) as unknown as Doc;
  roundId = Number((await s.db.selectFrom('assessmentRound').select('id').orderBy('id').executeTakeFirstOrThrow()).id);
  for (const r of ROLES) clients.set(r, await t.login(r));
  // Own units of the unit roles, a sibling of each, and a unit of another province.
  const units = await s.db
    .selectFrom('appUser as u')
    .innerJoin('unit as un', 'un.id', 'u.unitId')
    .select(['u.username', 'un.code', 'un.parentId'])
    .execute();
  const codes = new Set<string>();
  for (const u of units) {
    codes.add(u.code);
    const sibling = await s.db
      .selectFrom('unit')
      .select('code')
      .where('parentId', '=', u.parentId!)
      .where('code', '!=', u.code)
      .where('validTo', 'is', null)
      .orderBy('code')
      .limit(1)
      .executeTakeFirst();
    if (sibling) codes.add(sibling.code);
  }
  codes.delete('86'); // province-level users sit in departments; the province itself leads nothing here
  for (const code of codes) fixtures.set(code, await makeFixture(s, code));
  // Their dossiers in one import (one run, one rollup refresh).
  const dossier = (unit: string) => ({ unit, code: `SW-${unit}`, receivedAt: '2026-09-03T09:00:00', finishedAt: '2026-09-04T10:00:00' });
  await makeDossiers(s, [...codes].map(dossier));
  otherUnit = (
    await s.db
      .selectFrom('unit')
      .select('code')
      .where('provinceCode', '=', OTHER_PROVINCE)
      .where('type', '=', 'ward')
      .where('validTo', 'is', null)
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow()
  ).code;
  const other = { ...s, provinceCode: OTHER_PROVINCE };
  fixtures.set(otherUnit, await makeFixture(other, otherUnit));
  await makeDossiers(other, [dossier(otherUnit)]);
  for (const r of ROLES) {
    const me = (await clients.get(r)!.get('/api/auth/me')).json() as { scope: string; unitCode: string };
    const seen = new Set<string>();
    for (const code of fixtures.keys()) {
      const unit = await s.db
        .selectFrom('unit')
        .select(['id', 'provinceCode'])
        .where('code', '=', code)
        .where('validTo', 'is', null)
        .executeTakeFirstOrThrow();
      if (me.scope === 'province') {
        if (unit.provinceCode === '86') seen.add(code);
      } else {
        const inside = await sql<{ ok: boolean }>`
          with recursive sub as (select id from unit where code = ${me.unitCode} union all select u.id from unit u join sub on u.parent_id = sub.id)
          select exists (select 1 from sub where id = ${unit.id}) as ok`.execute(s.db);
        if (inside.rows[0]!.ok) seen.add(code);
      }
    }
    visible.set(r, seen);
  }
}, 300_000);
afterAll(() => t.close());

/** How the sweep fills a route's record parameters for a unit's fixture; a new route must be added here. */
const RECORD_ROUTES: Record<string, (f: Fixture) => string> = {
  'GET /api/directives/{id}': (f) => `/api/directives/${f.directiveId}`,
  'GET /api/directives/{id}/progress': (f) => `/api/directives/${f.directiveId}/progress`,
  'GET /api/directives/{id}/source': (f) => `/api/directives/${f.directiveId}/source`,
  'POST /api/directives/{id}/source': (f) => `/api/directives/${f.directiveId}/source`,
  'GET /api/tasks/{id}': (f) => `/api/tasks/${f.taskId}`,
  'PUT /api/tasks/{id}/reports/{period}': (f) => `/api/tasks/${f.taskId}/reports/once`,
  'POST /api/tasks/{id}/reports/{period}/evidence': (f) => `/api/tasks/${f.taskId}/reports/once/evidence`,
  'POST /api/tasks/{id}/reports/{period}/submit': (f) => `/api/tasks/${f.taskId}/reports/once/submit`,
  'POST /api/tasks/{id}/reports/{period}/review': (f) => `/api/tasks/${f.taskId}/reports/once/review`,
  'GET /api/evidence/{id}': (f) => `/api/evidence/${f.evidenceId}`,
  // Non-destructive calls on the fixture: an empty edit, a task for a section the directive lacks, an
  // evidence id the report lacks — the scope check answers first.
  'PATCH /api/directives/{id}': (f) => `/api/directives/${f.directiveId}`,
  'POST /api/directives/{id}/tasks': (f) => `/api/directives/${f.directiveId}/tasks`,
  'PATCH /api/tasks/{id}': (f) => `/api/tasks/${f.taskId}`,
  'DELETE /api/tasks/{id}/reports/{period}/evidence/{evidenceId}': (f) => `/api/tasks/${f.taskId}/reports/once/evidence/999999999`,
  'GET /api/dossiers/{code}': (f) => `/api/dossiers/${encodeURIComponent(f.dossierCode)}`,
  'GET /api/assessment/rounds/{id}/units/{unitCode}': (f) => `/api/assessment/rounds/${roundId}/units/${f.unitCode}`,
  'PUT /api/assessment/rounds/{id}/units/{unitCode}/scores': (f) => `/api/assessment/rounds/${roundId}/units/${f.unitCode}/scores`,
  'POST /api/assessment/rounds/{id}/units/{unitCode}/submit': (f) => `/api/assessment/rounds/${roundId}/units/${f.unitCode}/submit`,
  'POST /api/assessment/rounds/{id}/units/{unitCode}/withdraw': (f) => `/api/assessment/rounds/${roundId}/units/${f.unitCode}/withdraw`,
  'POST /api/assessment/rounds/{id}/units/{unitCode}/evidence': (f) => `/api/assessment/rounds/${roundId}/units/${f.unitCode}/evidence`,
  'DELETE /api/assessment/rounds/{id}/units/{unitCode}/evidence/{evidenceId}': (f) =>
    `/api/assessment/rounds/${roundId}/units/${f.unitCode}/evidence/${f.assessmentEvidenceId}`,
  'GET /api/assessment/evidence/{id}': (f) => `/api/assessment/evidence/${f.assessmentEvidenceId}`,
  'GET /api/assessment/rounds/{id}/units/{unitCode}/summary.xlsx': (f) =>
    `/api/assessment/rounds/${roundId}/units/${f.unitCode}/summary.xlsx`,
  'GET /api/assessment/rounds/{id}/units/{unitCode}/summary.docx': (f) =>
    `/api/assessment/rounds/${roundId}/units/${f.unitCode}/summary.docx`,
  'GET /api/feedback/{id}': (f) => `/api/feedback/${f.feedbackId}`,
  'GET /api/feedback/{id}/photos/{photoId}': (f) => `/api/feedback/${f.feedbackId}/photos/${f.feedbackPhotoId}`,
  'GET /api/feedback/{id}/letter': (f) => `/api/feedback/${f.feedbackId}/letter`,
  'PUT /api/feedback/{id}/photos/{photoId}': (f) => `/api/feedback/${f.feedbackId}/photos/${f.feedbackPhotoId}`,
  ...Object.fromEntries(
    ['assign', 'reject', 'redirect', 'answer', 'return', 'publish', 'extend', 'hide', 'task'].map((a) => [
      `POST /api/feedback/{id}/${a}`,
      (f: Fixture) => `/api/feedback/${f.feedbackId}/${a}`,
    ]),
  ),
  'GET /api/inspections/{id}': (f) => `/api/inspections/${f.inspectionId}`,
  'GET /api/inspections/{id}/evidence/{fileId}': (f) => `/api/inspections/${f.inspectionId}/evidence/${f.inspectionFileId}`,
  'GET /api/inspections/{id}/record.docx': (f) => `/api/inspections/${f.inspectionId}/record.docx`,
  'GET /api/inspections/{id}/conclusion.docx': (f) => `/api/inspections/${f.inspectionId}/conclusion.docx`,
  'PATCH /api/inspections/{id}': (f) => `/api/inspections/${f.inspectionId}`,
  'POST /api/inspections/{id}/cancel': (f) => `/api/inspections/${f.inspectionId}/cancel`,
  'PUT /api/inspections/{id}/checklist': (f) => `/api/inspections/${f.inspectionId}/checklist`,
  'POST /api/inspections/{id}/conclude': (f) => `/api/inspections/${f.inspectionId}/conclude`,
  'POST /api/inspections/{id}/findings': (f) => `/api/inspections/${f.inspectionId}/findings`,
  'POST /api/inspections/{id}/evidence': (f) => `/api/inspections/${f.inspectionId}/evidence`,
  'DELETE /api/inspections/{id}/evidence/{fileId}': (f) => `/api/inspections/${f.inspectionId}/evidence/${f.inspectionFileId}`,
  'POST /api/inspections/findings/{id}/verify': (f) => `/api/inspections/findings/${f.findingId}/verify`,
  'GET /api/initiatives/{id}': (f) => `/api/initiatives/${f.initiativeId}`,
  'GET /api/initiatives/{id}/effect': (f) => `/api/initiatives/${f.initiativeId}/effect`,
  'GET /api/initiatives/{id}/documents/{fileId}': (f) => `/api/initiatives/${f.initiativeId}/documents/${f.initiativeFileId}`,
  'PATCH /api/initiatives/{id}': (f) => `/api/initiatives/${f.initiativeId}`,
  'DELETE /api/initiatives/{id}/documents/{fileId}': (f) => `/api/initiatives/${f.initiativeId}/documents/${f.initiativeFileId}`,
  ...Object.fromEntries(
    ['submit', 'accept', 'return', 'scores', 'decision', 'award', 'adoptions', 'documents'].map((a) => [
      `${a === 'scores' ? 'PUT' : 'POST'} /api/initiatives/{id}/${a}`,
      (f: Fixture) => `/api/initiatives/${f.initiativeId}/${a}`,
    ]),
  ),
  'GET /api/surveys/paper/{code}': (f) => `/api/surveys/paper/${f.surveyPaperCode}`,
  'POST /api/surveys/{id}/tokens/{tokenId}/status': (f) => `/api/surveys/${f.surveyId}/tokens/${f.surveyTokenId}/status`,
  'GET /api/surveys/responses/{id}': (f) => `/api/surveys/responses/${f.surveyResponseId}`,
  'POST /api/surveys/responses/{id}/double-entry': (f) => `/api/surveys/responses/${f.surveyResponseId}/double-entry`,
  'POST /api/surveys/responses/{id}/exclusion': (f) => `/api/surveys/responses/${f.surveyResponseId}/exclusion`,
};
/** The demo's internal-index round, whose unit sheets the sweep reads and writes. */
let roundId = 0;
/** Routes whose path names reference data, the caller's own records, or province-level configuration (policy-tested elsewhere). */
const NOT_UNIT_RECORDS = new Set([
  // Sở Nội vụ's own documents, destructive: withdrawn, deleted, a task removed (office only by the
  // policy matrix; another province's directive is a 404, directive-changes.db.test.ts).
  'POST /api/directives/{id}/withdraw',
  'DELETE /api/directives/{id}',
  'POST /api/tasks/{id}/remove',
  'GET /api/units/{code}',
  'PATCH /api/units/{code}',
  'GET /api/units/{code}/lineage',
  'GET /api/units/{code}/successors',
  'PATCH /api/users/{id}',
  'GET /api/calendar/years/{year}',
  'PUT /api/calendar/years/{year}',
  'PUT /api/index-schemes/{id}/components',
  'GET /api/index-schemes/{id}/export.xlsx',
  'POST /api/index-schemes/{id}/import',
  'POST /api/notifications/{id}/read',
  // A metric's key; its unit (query) is scope-checked, tested in metrics.db.test.ts.
  'GET /api/metrics/{key}',
  'GET /api/dossiers/imports/{id}/errors.xlsx',
  // Frameworks and a round's results are province-level (their rules are in the policy matrix).
  'GET /api/assessment/frameworks/{id}',
  'PUT /api/assessment/frameworks/{id}',
  'GET /api/assessment/frameworks/{id}/export.xlsx',
  'POST /api/assessment/frameworks/{id}/copy',
  'GET /api/assessment/rounds/{id}/results',
  'GET /api/assessment/rounds/{id}/results.xlsx',
  // Province-level too; its `unit` filter is scope-checked (assessment.db.test.ts).
  'GET /api/assessment/rounds/{id}/analysis',
  'POST /api/assessment/rounds/{id}/publish',
  'GET /api/assessment/rounds/{id}/decision.docx',
  // A round's appraisers and deadlines are province-level (policy matrix; round-admin.db.test.ts).
  'GET /api/assessment/rounds/{id}/appraisers',
  'PUT /api/assessment/rounds/{id}/appraisers',
  'PUT /api/assessment/rounds/{id}/deadlines',
  // Public pages of feedback: by tracking code, never a sender's identity (feedback.db.test.ts).
  'GET /api/public/feedback/{code}',
  'POST /api/public/feedback/{code}/rating',
  'GET /api/public/feedback/{code}/photos/{photoId}',
  // An inspection plan, its sealed draws: province-level, the office only (inspections.db.test.ts).
  'PATCH /api/inspections/plans/{id}',
  'POST /api/inspections/plans/{id}/draw',
  'GET /api/inspections/plans/{id}/draws',
  // A recognised initiative is public, and only it has a decision and a certificate (initiatives.db.test.ts).
  'GET /api/public/initiatives/{id}',
  'GET /api/initiatives/{id}/decision.docx',
  'GET /api/initiatives/{id}/certificate.docx',
  // A survey is province-level (the office runs it); its figures are limited to the caller's units and its
  // unit-level records (tokens, responses) are swept above (surveys.db.test.ts tests the scope of each).
  'GET /api/surveys/{id}',
  'PUT /api/surveys/{id}/questionnaire',
  'POST /api/surveys/{id}/publish',
  'POST /api/surveys/{id}/close',
  'POST /api/surveys/{id}/results/publish',
  'POST /api/surveys/{id}/results/unpublish',
  'POST /api/surveys/{id}/sample',
  'GET /api/surveys/{id}/samples',
  'GET /api/surveys/{id}/tokens',
  'GET /api/surveys/{id}/forms.pdf',
  'POST /api/surveys/{id}/responses',
  'POST /api/surveys/{id}/responses/sync',
  'GET /api/surveys/{id}/responses',
  'GET /api/surveys/{id}/quality',
  'GET /api/surveys/{id}/results',
  'GET /api/surveys/{id}/results.xlsx',
  'GET /api/surveys/{id}/results.docx',
  // Public: a one-use token, and results the office published.
  'GET /api/public/surveys/{token}',
  'POST /api/public/surveys/{token}/responses',
  'GET /api/public/survey-results/{id}',
]);
/** Routes filtered by a `unit` query parameter, with the rest of the query they need. */
const UNIT_QUERY = (path: string): string | null => {
  const range = 'from=2026-01-01&to=2026-12-31';
  const q: Record<string, string> = {
    '/api/directives/dashboard': '',
    '/api/tasks': '',
    '/api/dossiers/stats': `${range}&groupBy=unit`,
    '/api/dossiers/stats.xlsx': `${range}&groupBy=unit`,
    '/api/dossiers/late-causes': range,
    '/api/dossiers/apologies': range,
    '/api/dossiers/apologies.xlsx': range,
    '/api/dossiers/period-report.xlsx': range,
    '/api/dossiers': range,
    '/api/indices/766': 'period=2026',
    '/api/users': '',
  };
  return path in q ? q[path]! : null;
};

const BODY: Record<string, unknown> = {
  'PUT /api/tasks/{id}/reports/{period}': { content: 'Xâm nhập.', percent: 99 },
  'POST /api/directives/{id}/tasks': {
    sectionId: 999999999,
    label: 'z)',
    content: 'Xâm nhập phạm vi.',
    dueDate: '2026-12-30',
    leadUnitCode: '86.SYT',
  },
  'POST /api/tasks/{id}/reports/{period}/review': { decision: 'accept' },
  // To a unit none of the sweep's roles belongs to (a transfer by the office is not a leak).
  'POST /api/feedback/{id}/assign': { unitCode: '86.SYT' },
  'POST /api/feedback/{id}/reject': { reason: 'Xâm nhập phạm vi.' },
  'POST /api/feedback/{id}/redirect': { note: 'Xâm nhập phạm vi.' },
  'POST /api/feedback/{id}/answer': { text: 'Trả lời xâm nhập phạm vi.' },
  'POST /api/feedback/{id}/return': { note: 'Xâm nhập phạm vi.' },
  'POST /api/feedback/{id}/extend': { days: 2, reason: 'Xâm nhập phạm vi.' },
  'POST /api/feedback/{id}/hide': { hidden: true, reason: 'Xâm nhập phạm vi.' },
  'PUT /api/feedback/{id}/photos/{photoId}': { isPublic: true },
  'POST /api/feedback/{id}/task': { content: 'Nhiệm vụ xâm nhập phạm vi.', dueDate: '2026-12-30' },
  'PATCH /api/inspections/{id}': { version: 1, teamLeader: 'Xâm nhập phạm vi' },
  'POST /api/inspections/{id}/cancel': { reason: 'Xâm nhập phạm vi.' },
  'PUT /api/inspections/{id}/checklist': { version: 1, results: [] },
  'POST /api/inspections/{id}/findings': { text: 'Kiến nghị xâm nhập phạm vi.', severity: 'minor', dueDate: '2026-12-30' },
  'POST /api/inspections/findings/{id}/verify': { remedied: true },
  'PATCH /api/initiatives/{id}': { version: 1, title: 'Sửa xâm nhập phạm vi' },
  'POST /api/initiatives/{id}/return': { note: 'Xâm nhập phạm vi.' },
  'POST /api/initiatives/{id}/award': { note: 'Xâm nhập phạm vi.' },
  'POST /api/initiatives/{id}/adoptions': { adoptedOn: '2026-11-01' },
  'POST /api/surveys/{id}/tokens/{tokenId}/status': { status: 'refused', reason: 'Xâm nhập phạm vi.' },
  'POST /api/surveys/responses/{id}/double-entry': { answers: { Q1: 2 } },
  'POST /api/surveys/responses/{id}/exclusion': { excluded: true, reason: 'Xâm nhập phạm vi.' },
};

describe('unit scope on every route', () => {
  it('every route with a record in its path has a fixture or is listed as not a unit record', () => {
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        const key = `${method.toUpperCase()} ${path}`;
        if (path.includes('{') && !RECORD_ROUTES[key] && !NOT_UNIT_RECORDS.has(key)) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
  });

  it('no role reads or changes a record of a unit outside its scope (own, sibling, other province)', async () => {
    const leaks: string[] = [];
    /** Per read route, whether some role got a 200 inside its scope: a route closed to everyone would pass the leak check. */
    const answered = new Map<string, boolean>();
    let checked = 0;
    for (const role of ROLES) {
      const c = clients.get(role)!;
      // Every unit outside the role's scope, and one inside it (the same answer for the others inside).
      const inside = [...fixtures.keys()].find((code) => visible.get(role)!.has(code));
      for (const [code, f] of fixtures) {
        const inScope = visible.get(role)!.has(code);
        if (inScope && code !== inside) continue;
        for (const [key, url] of Object.entries(RECORD_ROUTES)) {
          const [method] = key.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE'];
          const res =
            method === 'GET'
              ? await c.get(url(f))
              : key.endsWith('/evidence') || key.endsWith('/source')
                ? await c.upload(url(f), { name: 'x.pdf', data: '%PDF-1.4' })
                : await c.send(method, url(f), BODY[key] ?? {});
          checked++;
          if (method === 'GET') answered.set(key, answered.get(key) === true || (inScope && res.statusCode === 200));
          if (res.statusCode < 300 && !inScope) leaks.push(`${role} ${key} on ${code}: ${res.statusCode}`);
        }
        for (const path of Object.keys(doc.paths)) {
          const q = UNIT_QUERY(path);
          if (q === null || !doc.paths[path]!.get) continue;
          const res = await c.get(`${path}?${q}${q ? '&' : ''}unit=${encodeURIComponent(code)}`);
          checked++;
          answered.set(path, answered.get(path) === true || (inScope && res.statusCode === 200));
          if (res.statusCode < 300 && !inScope) leaks.push(`${role} GET ${path}?unit=${code}: ${res.statusCode}`);
        }
      }
      // An import's rejected rows: the importer and Sở Nội vụ only (the fixtures were imported by the system).
      const imp = await s.db
        .selectFrom('dossierImport')
        .select('id')
        .where('filename', '=', 'factory.csv')
        .limit(1)
        .executeTakeFirstOrThrow();
      const errs = await c.get(`/api/dossiers/imports/${imp.id}/errors.xlsx`);
      if (errs.statusCode < 300 && !['admin', 'cchc'].includes(role))
        leaks.push(`${role} errors.xlsx of another's import: ${errs.statusCode}`);
    }
    console.info(`[sweep] ${checked} requests as ${ROLES.length} roles on ${fixtures.size} units, ${leaks.length} leaks`);
    expect(checked).toBeGreaterThan(500);
    expect(leaks).toEqual([]);
    expect([...answered].filter(([, ok]) => !ok).map(([key]) => key)).toEqual([]);
  }, 300_000);

  it('the commune and department roles do see their own records (the sweep is not vacuous)', async () => {
    for (const role of ['daumoi.stc', 'daumoi.xa'] as const) {
      const me = (await clients.get(role)!.get('/api/auth/me')).json() as { unitCode: string };
      const f = fixtures.get(me.unitCode)!;
      expect((await clients.get(role)!.get(`/api/tasks/${f.taskId}`)).statusCode).toBe(200);
      expect((await clients.get(role)!.get(`/api/directives/${f.directiveId}`)).statusCode).toBe(200);
      expect((await clients.get(role)!.get(`/api/dossiers/${f.dossierCode}`)).statusCode).toBe(200);
    }
  });
});

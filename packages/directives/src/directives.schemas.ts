import { Type } from '@sinclair/typebox';
import { IsoDateString } from '@cchc/core';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NStr = Nullable(Type.String());
const NDate = Type.Union([IsoDateString, Type.Null()]);

export const Recurrence = Type.Union([
  Type.Literal('monthly'),
  Type.Literal('quarterly'),
  Type.Literal('half_yearly'),
  Type.Literal('yearly'),
]);
export const GroupKind = Type.Union([Type.Literal('departments'), Type.Literal('communes'), Type.Literal('all')]);
export const Kind = Type.Union([Type.Literal('chi_thi'), Type.Literal('ke_hoach'), Type.Literal('quyet_dinh'), Type.Literal('cong_van')], {
  description: 'chỉ thị, kế hoạch, quyết định, công văn',
});
export const Status = Type.Union(
  ['not_started', 'in_progress', 'done_on_time', 'done_late', 'overdue', 'cancelled'].map((s) => Type.Literal(s)),
);

export const ParsedDirective = Type.Object(
  {
    number: NStr,
    kind: Type.Union([Kind, Type.Null()]),
    date: NDate,
    issuer: NStr,
    title: NStr,
    sections: Type.Array(
      Type.Object({
        number: Type.String(),
        heading: Type.String(),
        leadUnitName: Type.String(),
        leadUnitCode: NStr,
        isGroup: Type.Boolean(),
        group: Type.Union([GroupKind, Type.Null()]),
        matchedBy: Type.String(),
        note: NStr,
        tasks: Type.Array(
          Type.Object({
            label: Type.String(),
            text: Type.String(),
            suggestedLinks: Type.Array(Type.Object({ index: Type.String(), component: Type.String() }), {
              description: 'Thành phần chỉ số mà nhiệm vụ có thể bảo vệ (gợi ý)',
            }),
          }),
        ),
      }),
    ),
    warnings: Type.Array(Type.String()),
    similar: Type.Array(Type.Ref('DirectiveRef'), { description: 'Văn bản đã lưu có cùng số và cơ quan ban hành (mọi năm)' }),
  },
  { $id: 'ParsedDirective' },
);

const DeadlineFields = {
  dueDate: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()])),
  recurrence: Type.Optional(Type.Union([Recurrence, Type.Null()])),
  reportDays: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 60 }), Type.Null()])),
  recurUntil: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()])),
};

// Empty header fields are named in Vietnamese by the service (the review form's preview shows them).
export const CreateDirective = Type.Object({
  number: Type.String({ maxLength: 60 }),
  kind: Kind,
  date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  issuer: Type.String({ maxLength: 300 }),
  title: Type.String({ maxLength: 2000 }),
  sourceText: Type.Optional(Type.Union([Type.String({ maxLength: 500_000 }), Type.Null()])),
  deadline: Type.Optional(Type.Union([Type.Object(DeadlineFields), Type.Null()])),
  sections: Type.Array(
    Type.Object({
      number: Type.String({ maxLength: 20 }),
      heading: Type.String({ maxLength: 1000 }),
      leadUnitCode: Type.Union([Type.String({ maxLength: 32 }), Type.Null()]),
      isGroup: Type.Boolean(),
      group: Type.Optional(Type.Union([GroupKind, Type.Null()])),
      tasks: Type.Array(
        Type.Object({
          label: Type.String({ maxLength: 20 }),
          text: Type.String({ maxLength: 20_000 }),
          ...DeadlineFields,
          expectedOutput: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
          priority: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('high')])),
          coordinatingUnitCodes: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 200 })),
          indexLinks: Type.Optional(
            Type.Array(Type.Object({ index: Type.String({ maxLength: 20 }), component: Type.String({ maxLength: 20 }) }), { maxItems: 20 }),
          ),
        }),
        { maxItems: 500 },
      ),
    }),
    { maxItems: 200 },
  ),
});

export const Counts = {
  tasks: Type.Integer(),
  done: Type.Integer(),
  doneOnTime: Type.Integer(),
  overdue: Type.Integer(),
  inProgress: Type.Integer(),
  notStarted: Type.Integer(),
};

export const UnitProgress = Type.Object({ unitCode: Type.String(), unitName: Type.String(), ...Counts }, { $id: 'UnitProgress' });

const IndexLink = Type.Object({ indexCode: Type.String(), componentCode: Type.String() });

export const TaskSummary = Type.Object(
  {
    id: Type.Integer(),
    label: Type.String(),
    content: Type.String(),
    leadUnitCode: Type.String(),
    leadUnitName: Type.String(),
    groupKey: NStr,
    status: Status,
    statusLabel: Type.String(),
    dueDate: NDate,
    recurrence: Type.Union([Recurrence, Type.Null()]),
    nextDueDate: NDate,
    daysLate: Type.Integer(),
    reportState: NStr,
    directiveId: Type.Integer(),
    directiveNumber: Type.String(),
    indexLinks: Type.Array(IndexLink),
    periodLabel: Type.Union([Type.String(), Type.Null()], { description: 'Kỳ của hạn tiếp theo và của trạng thái báo cáo' }),
    statusPeriodLabel: Type.Union([Type.String(), Type.Null()], { description: 'Nhiệm vụ định kỳ: kỳ quyết định trạng thái' }),
    cancelReason: NStr,
  },
  { $id: 'TaskSummary' },
);

const DirectiveFields = {
  id: Type.Integer(),
  number: Type.String(),
  kind: Type.String(),
  kindLabel: Type.String(),
  issuedOn: IsoDateString,
  issuer: Type.String(),
  title: Type.String(),
  status: Type.String(),
  sourceFilename: NStr,
};

export const DirectiveSummary = Type.Object({ ...DirectiveFields, ...Counts }, { $id: 'DirectiveSummary' });

export const DirectiveDetail = Type.Object(
  {
    ...DirectiveFields,
    createdAt: Type.String(),
    withdrawnAt: NStr,
    withdrawReason: NStr,
    hasReports: Type.Boolean({ description: 'Đã có báo cáo của đơn vị: văn bản chỉ thu hồi được, không xóa được' }),
    abilities: Type.Object({ edit: Type.Boolean(), withdraw: Type.Boolean(), delete: Type.Boolean() }),
    counts: Type.Object(Counts),
    progress: Type.Array(Type.Ref('UnitProgress')),
    sections: Type.Array(
      Type.Object({
        id: Type.Integer(),
        number: Type.String(),
        heading: Type.String(),
        groupKind: NStr,
        leadUnitCode: NStr,
        leadUnitName: NStr,
        /** Its tasks in the caller's scope (cancelled ones apart); the list itself: GET /api/tasks?directive=&section=. */
        taskCount: Type.Integer(),
        overdue: Type.Integer(),
        cancelled: Type.Integer(),
      }),
    ),
  },
  { $id: 'DirectiveDetail' },
);

const Report = Type.Object({
  id: Type.Integer(),
  content: Type.String(),
  percent: Type.Integer(),
  state: Type.String(),
  writtenByName: NStr,
  updatedAt: Type.String(),
  submittedAt: NStr,
  submittedByName: NStr,
  reviewedAt: NStr,
  reviewedByName: NStr,
  reviewNote: NStr,
  version: Type.Integer(),
});

export const TaskDetail = Type.Object(
  {
    id: Type.Integer(),
    directiveId: Type.Integer(),
    directiveNumber: Type.String(),
    directiveTitle: Type.String(),
    issuedOn: IsoDateString,
    sectionNumber: Type.String(),
    sectionHeading: Type.String(),
    groupKey: NStr,
    label: Type.String(),
    content: Type.String(),
    leadUnitCode: Type.String(),
    leadUnitName: Type.String(),
    priority: Type.String(),
    expectedOutput: NStr,
    dueDate: NDate,
    recurrence: Type.Union([Recurrence, Type.Null()]),
    reportDays: Type.Union([Type.Integer(), Type.Null()]),
    status: Status,
    statusLabel: Type.String(),
    nextDueDate: NDate,
    coordinators: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
    indexLinks: Type.Array(IndexLink),
    obligations: Type.Array(
      Type.Object({
        periodKey: Type.String(),
        periodLabel: Type.String(),
        periodEnd: NDate,
        dueDate: IsoDateString,
        status: Status,
        statusLabel: Type.String(),
        daysLate: Type.Integer(),
        report: Type.Union([Report, Type.Null()]),
        reviews: Type.Array(
          Type.Object({
            id: Type.Integer(),
            content: Type.String(),
            percent: Type.Integer(),
            submittedAt: NStr,
            submittedByName: NStr,
            decision: Type.String(),
            reviewedAt: Type.String(),
            reviewedByName: NStr,
            reviewNote: NStr,
            evidence: Type.Array(Type.Object({ id: Type.Integer(), filename: Type.String() })),
          }),
          { description: 'Các lần gửi đã thẩm định (bản bị trả lại vẫn đọc được), mới nhất trước' },
        ),
        evidence: Type.Array(
          Type.Object({
            id: Type.Integer(),
            filename: Type.String(),
            mime: Type.String(),
            size: Type.Integer(),
            sha256: Type.String({ description: 'Mã SHA-256 của nội dung tệp (bằng chứng tệp không bị thay đổi)' }),
            uploadedAt: Type.String(),
          }),
        ),
        abilities: Type.Object({ report: Type.Boolean(), submit: Type.Boolean(), review: Type.Boolean() }),
      }),
    ),
    cancelledAt: NStr,
    cancelReason: NStr,
    abilities: Type.Object({ edit: Type.Boolean() }),
  },
  { $id: 'TaskDetail' },
);

export const Dashboard = Type.Object(
  {
    asOf: IsoDateString,
    totals: Type.Object(Counts),
    byUnit: Type.Array(Type.Ref('UnitProgress')),
    byDirective: Type.Array(Type.Object({ id: Type.Integer(), number: Type.String(), title: Type.String(), ...Counts })),
    overdue: Type.Array(Type.Ref('TaskSummary'), { description: 'Các nhiệm vụ quá hạn lâu nhất (tối đa 20); tổng số ở overdueTotal' }),
    overdueTotal: Type.Integer(),
    trend: Type.Array(Type.Object({ month: Type.String(), onTime: Type.Integer(), late: Type.Integer() })),
  },
  { $id: 'DirectiveDashboard' },
);

// ---- changes to a saved directive ------------------------------------------------------------------------

export const DirectiveRef = Type.Object(
  {
    id: Type.Integer(),
    number: Type.String(),
    issuedOn: IsoDateString,
    issuer: Type.String(),
    title: Type.String(),
    status: Type.String(),
    tasks: Type.Integer(),
  },
  { $id: 'DirectiveRef' },
);

export const DirectivePreview = Type.Object(
  {
    tasks: Type.Integer(),
    perUnit: Type.Array(
      Type.Object({ unitCode: Type.String(), unitName: Type.String(), lead: Type.Integer(), coordinating: Type.Integer() }),
    ),
    errors: Type.Array(Type.String()),
    similar: Type.Array(Type.Ref('DirectiveRef')),
  },
  { $id: 'DirectivePreview' },
);

export const UpdateDirective = Type.Object({
  number: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  kind: Type.Optional(Kind),
  date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  issuer: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
});

export const Reason = Type.Object({ reason: Type.String({ maxLength: 2000 }) });

export const UpdateTask = Type.Object({
  label: Type.Optional(Type.String({ maxLength: 20 })),
  content: Type.Optional(Type.String({ maxLength: 20_000 })),
  ...DeadlineFields,
  leadUnitCode: Type.Optional(Type.String({ maxLength: 32 })),
  coordinatingUnitCodes: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 200 })),
  expectedOutput: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  priority: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('high')])),
});

export const AddTask = Type.Object({
  sectionId: Type.Integer({ minimum: 1 }),
  label: Type.String({ maxLength: 20 }),
  content: Type.String({ minLength: 1, maxLength: 20_000 }),
  ...DeadlineFields,
  leadUnitCode: Type.String({ maxLength: 32 }),
  coordinatingUnitCodes: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 200 })),
  expectedOutput: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
});

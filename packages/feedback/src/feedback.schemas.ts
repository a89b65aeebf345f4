/** TypeBox schemas of the feedback routes (they feed OpenAPI and the generated client). */
import { Type } from '@sinclair/typebox';
import { IsoDateString, IsoDateTimeString } from '@cchc/core';

const Str = (max: number, description?: string) => Type.String({ maxLength: max, ...(description && { description }) });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const Status = Type.Union(
  ['received', 'rejected', 'redirected', 'assigned', 'drafted', 'approved', 'returned', 'published'].map((s) => Type.Literal(s)),
);
const Timeliness = Type.Union(['on_time', 'late', 'open', 'overdue', 'not_counted'].map((s) => Type.Literal(s)));

export const Sender = Type.Object({
  name: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
});

export const CaseItem = Type.Object(
  {
    id: Type.Integer(),
    code: Type.String(),
    channel: Type.String(),
    channelLabel: Type.String(),
    categoryCode: Type.String(),
    categoryName: Type.String(),
    kind: Type.String(),
    status: Status,
    statusLabel: Type.String(),
    title: Nullable(Type.String()),
    excerpt: Type.String(),
    place: Nullable(Type.String()),
    receivedAt: IsoDateTimeString,
    dueDate: IsoDateString,
    timeliness: Timeliness,
    timelinessLabel: Type.String(),
    daysLeft: Nullable(Type.Integer({ description: 'Ngày làm việc còn lại (âm: số ngày quá hạn); null khi đã trả lời hoặc đã đóng' })),
    unitCode: Nullable(Type.String()),
    unitName: Nullable(Type.String()),
    hidden: Type.Boolean(),
    ratingStars: Nullable(Type.Integer()),
    ratingSolved: Nullable(Type.Boolean()),
    repeated: Type.Boolean(),
    extended: Type.Boolean(),
    taskRef: Nullable(Type.String()),
    sender: Nullable(Sender),
  },
  { $id: 'FeedbackCaseItem' },
);

export const CasePage = Type.Object({
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  items: Type.Array(Type.Ref('FeedbackCaseItem')),
});

const UnitRef = Type.Object({ code: Type.String(), name: Type.String() });

export const CaseDetail = Type.Object(
  {
    id: Type.Integer(),
    code: Type.String(),
    channel: Type.String(),
    channelLabel: Type.String(),
    source: Nullable(Type.String()),
    externalCode: Nullable(Type.String()),
    categoryCode: Type.String(),
    categoryName: Type.String(),
    kind: Type.String(),
    kindLabel: Type.String(),
    status: Status,
    statusLabel: Type.String(),
    title: Nullable(Type.String()),
    content: Type.String(),
    place: Nullable(Type.String()),
    latitude: Nullable(Type.Number()),
    longitude: Nullable(Type.Number()),
    receivedAt: IsoDateTimeString,
    countedFrom: IsoDateString,
    dueDate: IsoDateString,
    classifyDue: IsoDateString,
    timeliness: Timeliness,
    timelinessLabel: Type.String(),
    daysLeft: Nullable(Type.Integer()),
    unit: Nullable(UnitRef),
    coordinators: Type.Array(UnitRef),
    transfers: Type.Integer(),
    extendedDays: Nullable(Type.Integer()),
    extensionReason: Nullable(Type.String()),
    draftAnswer: Nullable(Type.String()),
    answer: Nullable(Type.String()),
    approvedAt: Nullable(IsoDateTimeString),
    returnNote: Nullable(Type.String()),
    publishDue: Nullable(IsoDateString),
    publishedAt: Nullable(IsoDateTimeString),
    rejectReason: Nullable(Type.String()),
    hidden: Type.Boolean(),
    hiddenReason: Nullable(Type.String()),
    ratingStars: Nullable(Type.Integer()),
    ratingSolved: Nullable(Type.Boolean()),
    ratedAt: Nullable(IsoDateTimeString),
    repeatOfCode: Nullable(Type.String()),
    repeats: Type.Array(Type.String()),
    task: Nullable(Type.Object({ id: Type.Integer(), link: Type.String(), statusLabel: Type.String() })),
    sender: Nullable(
      Type.Object({
        name: Nullable(Type.String()),
        phone: Nullable(Type.String()),
        email: Nullable(Type.String()),
        address: Nullable(Type.String()),
        consent: Type.Boolean(),
      }),
    ),
    events: Type.Array(
      Type.Object({
        id: Type.Integer(),
        at: IsoDateTimeString,
        kind: Type.String(),
        isPublic: Type.Boolean(),
        note: Nullable(Type.String()),
        unitName: Nullable(Type.String()),
        userName: Nullable(Type.String()),
      }),
    ),
    photos: Type.Array(Type.Object({ id: Type.Integer(), width: Type.Integer(), height: Type.Integer(), isPublic: Type.Boolean() })),
    letter: Nullable(Type.Object({ id: Type.Integer(), filename: Type.String() })),
    abilities: Type.Record(Type.String(), Type.Boolean()),
  },
  { $id: 'FeedbackCase' },
);

export const ListQuery = Type.Object({
  q: Type.Optional(Str(200, 'Mã tra cứu (PAKN.YYYYMMDD.NNNN) hoặc từ trong nội dung, tiêu đề, địa điểm')),
  status: Type.Optional(Str(200, 'Một hoặc nhiều trạng thái, cách nhau bởi dấu phẩy')),
  unit: Type.Optional(Str(40, 'Mã đơn vị chủ trì (cả đơn vị trực thuộc)')),
  category: Type.Optional(Str(40)),
  channel: Type.Optional(Str(20)),
  kind: Type.Optional(Str(20)),
  from: Type.Optional(IsoDateString),
  to: Type.Optional(IsoDateString),
  overdue: Type.Optional(Type.Boolean({ description: 'Chỉ phản ánh quá hạn chưa trả lời' })),
  hidden: Type.Optional(Type.Boolean()),
  rated: Type.Optional(
    Type.Union([Type.Literal('low'), Type.Literal('any')], { description: 'low: bị đánh giá 1–2 sao hoặc chưa giải quyết' }),
  ),
  repeated: Type.Optional(Type.Boolean()),
  withTask: Type.Optional(Type.Boolean({ description: '"Người dân nói, chính quyền làm": phản ánh đã thành nhiệm vụ' })),
  sort: Type.Optional(Type.Union([Type.Literal('received'), Type.Literal('due')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});

const IntakeFields = {
  name: Type.Optional(Str(200, 'Họ tên người gửi')),
  phone: Type.Optional(Str(30, 'Số điện thoại (cần số điện thoại hoặc thư điện tử)')),
  email: Type.Optional(Str(254)),
  address: Type.Optional(Str(500)),
  category: Type.Optional(Str(200, 'Mã lĩnh vực (GET /api/public/feedback/categories)')),
  kind: Type.Optional(Str(20, 'phan_anh | kien_nghi')),
  title: Type.Optional(Str(300)),
  content: Type.Optional(Str(5000, 'Nội dung phản ánh, kiến nghị (10–5.000 ký tự)')),
  place: Type.Optional(Str(500, 'Nơi xảy ra sự việc')),
  latitude: Type.Optional(Str(30)),
  longitude: Type.Optional(Str(30)),
  consent: Type.Optional(Str(10, 'true: đồng ý công khai nội dung (không kèm thông tin cá nhân)')),
  altcha: Type.Optional(Str(4000, 'Lời giải thử thách chống gửi tự động (GET /api/public/feedback/challenge)')),
};

export const PublicIntake = Type.Object({
  ...IntakeFields,
  photos: Type.Optional(Type.Array(Type.String({ format: 'binary' }), { maxItems: 5, description: 'Tối đa 5 ảnh, mỗi ảnh ≤ 10 MB' })),
});

export const StaffIntake = Type.Object({
  ...IntakeFields,
  channel: Str(20, 'letter | phone | email | counter | portal | app | zalo | survey'),
  receivedAt: Type.Optional(Str(40, 'Thời điểm tiếp nhận (ISO 8601); mặc định: bây giờ')),
  photos: Type.Optional(Type.Array(Type.String({ format: 'binary' }), { maxItems: 5 })),
  letter: Type.Optional(Type.String({ format: 'binary', description: 'Bản quét thư, đơn' })),
});

export const Submitted = Type.Object({ code: Type.String(), dueDate: IsoDateString });

export const Tracked = Type.Object({
  code: Type.String(),
  status: Status,
  statusLabel: Type.String(),
  categoryName: Type.String(),
  receivedAt: IsoDateTimeString,
  dueDate: IsoDateString,
  unitName: Type.Optional(Type.String()),
  answer: Type.Optional(Type.String()),
  publishedAt: Type.Optional(IsoDateTimeString),
  reason: Type.Optional(Type.String()),
  extension: Nullable(Type.Object({ days: Type.Integer(), reason: Type.String() })),
  rating: Nullable(Type.Object({ stars: Type.Integer(), solved: Type.Boolean() })),
  canRate: Type.Boolean(),
  photos: Type.Array(Type.Integer()),
  events: Type.Array(Type.Object({ at: IsoDateTimeString, kind: Type.String(), note: Nullable(Type.String()) })),
});

export const PublicAnswers = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      title: Nullable(Type.String()),
      content: Nullable(Type.String({ description: 'null khi người gửi không đồng ý công khai nội dung' })),
      place: Nullable(Type.String()),
      categoryName: Type.String(),
      unitName: Type.String(),
      receivedAt: IsoDateTimeString,
      publishedAt: IsoDateTimeString,
      answer: Type.String(),
      ratingStars: Nullable(Type.Integer()),
      photos: Type.Array(Type.Integer()),
    }),
  ),
});

export const Category = Type.Object({
  code: Type.String({ maxLength: 40 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  processDays: Type.Integer({ minimum: 1, maximum: 90 }),
  refuseDays: Type.Integer({ minimum: 1, maximum: 30 }),
  transferDays: Type.Integer({ minimum: 1, maximum: 30 }),
  publishDays: Type.Integer({ minimum: 1, maximum: 30 }),
  isActive: Type.Boolean(),
});

const Rates = {
  received: Type.Integer(),
  classified: Type.Integer(),
  judged: Type.Integer(),
  onTime: Type.Integer(),
  answered: Type.Integer(),
  dissatisfied: Type.Integer(),
  repeated: Type.Integer(),
  late: Type.Integer(),
  classifiedRate: Nullable(Type.Number()),
  onTimeRate: Nullable(Type.Number()),
  satisfactionRate: Nullable(Type.Number()),
  overdueNow: Type.Integer(),
};

export const Stats = Type.Object({
  from: IsoDateString,
  to: IsoDateString,
  groupBy: Type.String(),
  rows: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), ...Rates, avgDays: Nullable(Type.Number()) })),
  total: Type.Object(Rates),
});

export const ImportResult = Type.Object({
  id: Type.Integer(),
  rows: Type.Integer(),
  created: Type.Integer(),
  unchanged: Type.Integer(),
  errors: Type.Integer(),
  errorRows: Type.Array(Type.Object({ row: Type.Integer(), field: Type.String(), message: Type.String() })),
});

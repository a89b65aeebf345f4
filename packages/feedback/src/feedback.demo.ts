/**
 * A year of citizen feedback for the demo province, inserted in bulk: every channel and category, cases
 * in every state (most answered and published, some answered late, some still overdue, a few refused or
 * redirected), ratings, one case hidden for breaking the content rules and one repeated by its sender.
 * Deterministic (seeded), relative to the run's today.
 */
import sharp from 'sharp';
import {
  addDays,
  addWorkingDays,
  AGENCY_TYPES,
  COMMUNE_TYPES,
  seededRandom,
  toLocalParts,
  type AppServices,
  type DemoSeeder,
} from '@cchc/core';
import { caseCode, clocksFor, CLOCK_766, publishDueFor } from './feedback.domain';
import { ensureCategories, PHOTO_OWNER } from './feedback.repository';
import { contactSecretOf } from './intake.service';
import { senderKeyOf } from './feedback.domain';
import type { CaseStatus, Channel, FeedbackCaseTable } from './feedback.tables';
import type { Insertable } from 'kysely';

const CASES = 1200;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Phan', 'Trương', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Lâm', 'Châu'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thanh', 'Ngọc', 'Hữu', 'Quốc', 'Kim', 'Hoàng', 'Thu'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hạnh',
  'Hòa',
  'Hùng',
  'Lan',
  'Linh',
  'Mai',
  'Nam',
  'Phúc',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vy',
  'Yến',
];
const STREETS = [
  'Phạm Thái Bường',
  'Nguyễn Huệ',
  'Lê Thái Tổ',
  'Trần Phú',
  '2 Tháng 9',
  'Đinh Tiên Hoàng',
  'Phó Cơ Điều',
  'Nguyễn Văn Thiệt',
  'Hoàng Thái Hiếu',
  'Quốc lộ 53',
  'Quốc lộ 1A',
  'Mậu Thân',
];

/** What people write about, per category: a title, the content, the answer, and which units answer it. */
const TOPICS: Record<string, { title: string; content: string; answer: string; units: 'commune' | string[] }[]> = {
  thu_tuc: [
    {
      title: 'Hồ sơ đăng ký biến động đất đai trễ hẹn',
      content:
        'Tôi nộp hồ sơ đăng ký biến động đất đai tại Trung tâm Phục vụ hành chính công, đến nay đã quá ngày hẹn trả kết quả nhưng chưa nhận được thư xin lỗi hay thông báo gia hạn.',
      answer:
        'Hồ sơ bị chậm do phải xác minh nguồn gốc đất với địa phương. Đơn vị đã gửi thư xin lỗi, hẹn lại ngày trả kết quả và đã trả kết quả cho ông/bà; cán bộ để chậm đã được nhắc nhở, chấn chỉnh.',
      units: ['86.SNNMT', '86.TTPVHCC'],
    },
    {
      title: 'Yêu cầu nộp thêm giấy tờ không có trong thủ tục',
      content:
        'Khi làm thủ tục đăng ký hộ kinh doanh, cán bộ yêu cầu tôi nộp thêm bản sao có chứng thực giấy tờ không có trong thành phần hồ sơ đã công bố.',
      answer:
        'Qua kiểm tra, yêu cầu bổ sung giấy tờ là không đúng quy định. Đơn vị đã tiếp nhận hồ sơ, giải quyết đúng hạn và chấn chỉnh cán bộ tiếp nhận.',
      units: ['86.STC', 'commune'] as never,
    },
  ],
  cong_vu: [
    {
      title: 'Thái độ cán bộ tiếp nhận hồ sơ',
      content: 'Cán bộ tại bộ phận một cửa trả lời thiếu tôn trọng, không hướng dẫn cụ thể khi tôi hỏi về thủ tục chứng thực.',
      answer:
        'Đơn vị đã làm việc với công chức liên quan, yêu cầu kiểm điểm và xin lỗi người dân; đồng thời nhắc nhở toàn bộ bộ phận một cửa thực hiện đúng quy tắc ứng xử.',
      units: 'commune',
    },
  ],
  dat_dai: [
    {
      title: 'Lấn chiếm hành lang kênh thủy lợi',
      content: 'Một hộ dân xây dựng nhà tạm lấn chiếm hành lang bảo vệ kênh thủy lợi, gây cản trở dòng chảy mùa mưa.',
      answer:
        'Ủy ban nhân dân xã đã kiểm tra hiện trường, lập biên bản vi phạm và yêu cầu hộ dân tháo dỡ công trình; đến nay công trình đã được tháo dỡ.',
      units: 'commune',
    },
  ],
  moi_truong: [
    {
      title: 'Rác thải tồn đọng nhiều ngày',
      content: 'Rác thải sinh hoạt tồn đọng nhiều ngày tại đầu hẻm, bốc mùi hôi, chưa được đơn vị thu gom xử lý.',
      answer: 'Đơn vị thu gom đã dọn sạch điểm rác và bổ sung lịch thu gom hằng ngày tại tuyến hẻm; tổ dân phố được giao giám sát.',
      units: 'commune',
    },
    {
      title: 'Cơ sở sản xuất gây ô nhiễm',
      content: 'Cơ sở chế biến thủy sản xả nước thải chưa qua xử lý ra kênh, gây mùi hôi ảnh hưởng khu dân cư.',
      answer:
        'Đoàn kiểm tra đã lấy mẫu nước thải, xử phạt vi phạm hành chính và yêu cầu cơ sở khắc phục hệ thống xử lý nước thải trong 30 ngày.',
      units: ['86.SNNMT'],
    },
  ],
  giao_thong: [
    {
      title: 'Đèn chiếu sáng công cộng hư hỏng',
      content: 'Hệ thống đèn chiếu sáng trên tuyến đường bị hư hỏng nhiều ngày, buổi tối rất tối, nguy cơ mất an toàn giao thông.',
      answer: 'Đơn vị quản lý chiếu sáng đã thay thế bóng đèn và sửa tủ điện; tuyến đường đã được chiếu sáng trở lại.',
      units: ['86.SXD', 'commune'] as never,
    },
    {
      title: 'Ổ gà trên tuyến đường',
      content: 'Mặt đường xuất hiện nhiều ổ gà lớn, trời mưa đọng nước, đã có người đi xe máy bị té ngã.',
      answer: 'Sở Xây dựng đã chỉ đạo đơn vị bảo trì vá ổ gà tạm thời và đưa tuyến đường vào kế hoạch sửa chữa định kỳ năm tới.',
      units: ['86.SXD'],
    },
  ],
  y_te: [
    {
      title: 'Thời gian chờ khám bệnh kéo dài',
      content: 'Người bệnh chờ khám tại khoa khám bệnh của bệnh viện rất lâu, không có hướng dẫn lấy số thứ tự.',
      answer: 'Bệnh viện đã bố trí thêm bàn khám giờ cao điểm và triển khai đặt lịch khám qua điện thoại, tin nhắn.',
      units: ['86.SYT'],
    },
  ],
  giao_duc: [
    {
      title: 'Thu các khoản ngoài quy định đầu năm học',
      content: 'Trường tiểu học thu nhiều khoản đóng góp đầu năm học không rõ mục đích, phụ huynh không được bàn bạc.',
      answer:
        'Sở Giáo dục và Đào tạo đã kiểm tra, yêu cầu nhà trường hoàn trả các khoản thu không đúng quy định và công khai các khoản thu.',
      units: ['86.SGDDT'],
    },
  ],
  doanh_nghiep: [
    {
      title: 'Thủ tục cấp giấy chứng nhận đầu tư kéo dài',
      content:
        'Doanh nghiệp nộp hồ sơ điều chỉnh dự án đầu tư trong khu công nghiệp đã lâu nhưng chưa được giải quyết, không rõ vướng mắc ở khâu nào.',
      answer:
        'Ban Quản lý đã rà soát, hướng dẫn doanh nghiệp bổ sung ý kiến thẩm định và cấp giấy chứng nhận điều chỉnh; quy trình lấy ý kiến được rút ngắn.',
      units: ['86.BQLKCN', '86.SCT'],
    },
  ],
  khac: [
    {
      title: 'Đề nghị lắp camera an ninh',
      content: 'Kiến nghị lắp đặt camera an ninh tại ngã tư gần chợ vì thường xảy ra trộm cắp xe máy vào ban đêm.',
      answer: 'Ủy ban nhân dân phường đã đưa điểm này vào kế hoạch lắp đặt camera giám sát an ninh trật tự năm nay.',
      units: 'commune',
    },
  ],
};

const CHANNEL_WEIGHTS: [Channel, number][] = [
  ['web', 30],
  ['portal', 20],
  ['app', 15],
  ['phone', 12],
  ['zalo', 10],
  ['letter', 7],
  ['email', 4],
  ['counter', 2],
];

function weighted<T>(rnd: () => number, items: [T, number][]): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let x = rnd() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[0]![0];
}

async function demoPhoto(i: number): Promise<Buffer> {
  const colours = [
    { r: 120, g: 140, b: 90 },
    { r: 90, g: 110, b: 140 },
    { r: 150, g: 120, b: 90 },
  ];
  return sharp({ create: { width: 640, height: 480, channels: 3, background: colours[i % 3]! } })
    .jpeg({ quality: 70 })
    .toBuffer();
}

export const feedbackDemo: DemoSeeder = async (s: AppServices) => {
  await ensureCategories(s.db, s.provinceCode);
  const cal = s.calendar();
  const today = s.today();
  const rnd = seededRandom(766);
  const units = await s.db
    .selectFrom('unit as u')
    .innerJoin('unit as p', 'p.id', 'u.parentId')
    .select(['u.id', 'u.code', 'u.type'])
    .where('p.code', '=', s.provinceCode)
    .where('u.type', 'in', [...COMMUNE_TYPES, ...AGENCY_TYPES])
    .where('u.validTo', 'is', null)
    .execute();
  const communes = units.filter((u) => COMMUNE_TYPES.includes(u.type));
  const byCode = new Map(units.map((u) => [u.code, Number(u.id)]));
  const office = await s.db
    .selectFrom('appUser as u')
    .innerJoin('userRole as r', 'r.userId', 'u.id')
    .select('u.id')
    .where('r.role', '=', 'cchc_office')
    .executeTakeFirst();
  const officeId = office ? Number(office.id) : null;
  const secret = await contactSecretOf(s);
  const cats = Object.keys(TOPICS);
  const counters = new Map<string, number>();
  const rows: Insertable<FeedbackCaseTable>[] = [];
  const first = addDays(today, -365);
  // The first commune gets more cases (the demo's commune users see a full list).
  const communePick = () => (rnd() < 0.15 ? communes[0]! : communes[Math.floor(rnd() * communes.length)]!);
  for (let i = 0; i < CASES; i++) {
    const day = addDays(first, Math.floor(Math.pow(rnd(), 0.8) * 365));
    const receivedAt = new Date(
      `${day}T${String(7 + Math.floor(rnd() * 11)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00+07:00`,
    );
    if (receivedAt.getTime() > s.now().getTime()) continue;
    const category = cats[Math.floor(rnd() * cats.length)]!;
    const topics = TOPICS[category]!;
    const topic = topics[Math.floor(rnd() * topics.length)]!;
    const unitChoices = topic.units === 'commune' ? ['commune'] : topic.units;
    const pick = unitChoices[Math.floor(rnd() * unitChoices.length)]!;
    const leadUnitId = pick === 'commune' ? Number(communePick().id) : (byCode.get(pick) ?? Number(communePick().id));
    const n = (counters.get(day) ?? 0) + 1;
    counters.set(day, n);
    const clocks = clocksFor(cal, receivedAt, CLOCK_766);
    const phone = `09${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
    const name = `${FAMILY[Math.floor(rnd() * FAMILY.length)]} ${MIDDLE[Math.floor(rnd() * MIDDLE.length)]} ${GIVEN[Math.floor(rnd() * GIVEN.length)]}`;
    const street = STREETS[Math.floor(rnd() * STREETS.length)]!;
    const age = clocks.dueDate < today ? 'past' : 'open';
    const x = rnd();
    let status: CaseStatus;
    if (age === 'past')
      status = x < 0.04 ? 'rejected' : x < 0.06 ? 'redirected' : x < 0.1 ? 'assigned' : x < 0.12 ? 'approved' : 'published';
    else status = x < 0.2 ? 'received' : x < 0.55 ? 'assigned' : x < 0.7 ? 'drafted' : x < 0.8 ? 'approved' : 'published';
    const classified = status === 'received' ? null : new Date(receivedAt.getTime() + (1 + Math.floor(rnd() * 3)) * 86_400_000);
    const answered = ['approved', 'published'].includes(status);
    // Most units answer in 5–14 working days; about one in eight takes longer than allowed.
    const answerDay = answered
      ? addWorkingDays(cal, clocks.countedFrom, rnd() < 0.12 ? 16 + Math.floor(rnd() * 6) : 5 + Math.floor(rnd() * 10))
      : null;
    const approvedAt = answerDay && answerDay <= today ? new Date(`${answerDay}T10:30:00+07:00`) : answered ? s.now() : null;
    const publishedAt =
      status === 'published' && approvedAt ? new Date(Math.min(approvedAt.getTime() + 86_400_000, s.now().getTime())) : null;
    const rated = publishedAt && rnd() < 0.55;
    const stars = rated
      ? weighted(rnd, [
          [5, 40],
          [4, 30],
          [3, 15],
          [2, 8],
          [1, 7],
        ])
      : null;
    rows.push({
      provinceCode: s.provinceCode,
      code: caseCode(day, n),
      channel: weighted(rnd, CHANNEL_WEIGHTS),
      categoryCode: category,
      kind: topic.title.startsWith('Đề nghị') ? 'kien_nghi' : 'phan_anh',
      status,
      senderName: name,
      senderPhone: phone,
      senderEmail: null,
      senderAddress: `Đường ${street}`,
      senderKey: senderKeyOf(secret, phone, null),
      place: `Đường ${street}`,
      latitude: null,
      longitude: null,
      title: topic.title,
      content: `${topic.content} Địa điểm: đường ${street}.`,
      consent: rnd() < 0.8,
      receivedAt,
      ...clocks,
      classifiedAt: classified,
      leadUnitId: status === 'received' || status === 'rejected' || status === 'redirected' ? null : leadUnitId,
      assignedAt: status === 'received' || status === 'rejected' || status === 'redirected' ? null : classified,
      draftAnswer: status === 'drafted' || answered ? topic.answer : null,
      answer: answered ? topic.answer : null,
      approvedAt,
      publishDue: approvedAt ? publishDueFor(cal, approvedAt, CLOCK_766) : null,
      publishedAt,
      publishedBy: publishedAt ? officeId : null,
      rejectReason:
        status === 'rejected'
          ? 'Nội dung không rõ ràng, không có địa điểm cụ thể; đề nghị người gửi bổ sung thông tin và gửi lại.'
          : status === 'redirected'
            ? 'Là đơn khiếu nại quyết định hành chính: đã chuyển Thanh tra tỉnh xử lý theo Luật Khiếu nại.'
            : null,
      closedAt: publishedAt ?? (status === 'rejected' || status === 'redirected' ? classified : null),
      ratingStars: stars,
      ratingSolved: rated ? stars! >= 3 : null,
      ratedAt: rated ? new Date(Math.min(publishedAt!.getTime() + 2 * 86_400_000, s.now().getTime())) : null,
      updatedAt: s.now(),
    });
  }
  // One case hidden for breaking the content rules (still tracked), one the sender reported as unsolved.
  const hiddenAt = rows.findIndex((r) => r.status === 'published');
  if (hiddenAt >= 0)
    Object.assign(rows[hiddenAt]!, {
      hidden: true,
      hiddenReason: 'Nội dung có lời lẽ xúc phạm cá nhân cán bộ: ẩn khỏi trang công khai theo quy chế, vẫn theo dõi xử lý.',
      hiddenAt: s.now(),
      content:
        'Nội dung có lời lẽ xúc phạm cá nhân cán bộ (đã ẩn khỏi trang công khai). Phản ánh về việc chậm giải quyết hồ sơ cấp giấy phép xây dựng.',
    });
  const inserted: {
    id: number;
    code: string;
    status: CaseStatus;
    leadUnitId: number | null;
    receivedAt: Date;
    classifiedAt: Date | null;
    approvedAt: Date | null;
    publishedAt: Date | null;
    ratedAt: Date | null;
    ratingStars: number | null;
  }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const part = await s.db
      .insertInto('feedbackCase')
      .values(rows.slice(i, i + 500))
      .returning([
        'id',
        'code',
        'status',
        'leadUnitId',
        'receivedAt',
        'classifiedAt',
        'approvedAt',
        'publishedAt',
        'ratedAt',
        'ratingStars',
      ])
      .execute();
    inserted.push(...part.map((r) => ({ ...r, id: Number(r.id), leadUnitId: r.leadUnitId === null ? null : Number(r.leadUnitId) })));
  }
  // The repeat: the sender of a one-star answer said the problem was not solved.
  const unsolved = inserted.find((r) => r.status === 'published' && r.ratingStars === 1 && r.leadUnitId !== null);
  if (unsolved) {
    const src = rows[inserted.indexOf(unsolved)]!;
    const at = unsolved.ratedAt ?? s.now();
    const day = toLocalParts(at).date;
    const n = (counters.get(day) ?? 0) + 1;
    counters.set(day, n);
    const again = await s.db
      .insertInto('feedbackCase')
      .values({
        ...src,
        code: caseCode(day, n),
        status: 'assigned',
        content: `Người gửi cho biết vấn đề của phản ánh ${unsolved.code} chưa được giải quyết.\n\nNội dung phản ánh lần đầu: ${src.content}`,
        receivedAt: at,
        ...clocksFor(cal, at, CLOCK_766),
        classifiedAt: at,
        assignedAt: at,
        approvedAt: null,
        publishDue: null,
        publishedAt: null,
        publishedBy: null,
        answer: null,
        draftAnswer: null,
        closedAt: null,
        ratingStars: null,
        ratingSolved: null,
        ratedAt: null,
        repeatOf: unsolved.id,
      })
      .returning([
        'id',
        'code',
        'status',
        'leadUnitId',
        'receivedAt',
        'classifiedAt',
        'approvedAt',
        'publishedAt',
        'ratedAt',
        'ratingStars',
      ])
      .executeTakeFirstOrThrow();
    inserted.push({ ...again, id: Number(again.id), leadUnitId: Number(again.leadUnitId) });
  }
  await s.db
    .insertInto('feedbackDayCounter')
    .values([...counters].map(([day, n]) => ({ day, n })))
    .execute();
  // The history each case would have: received, assigned, approved, published, rated.
  const events: { caseId: number; at: Date; kind: string; isPublic: boolean; note: string | null }[] = [];
  for (const r of inserted) {
    events.push({ caseId: r.id, at: r.receivedAt, kind: 'received', isPublic: true, note: null });
    if (r.leadUnitId && r.classifiedAt)
      events.push({ caseId: r.id, at: r.classifiedAt, kind: 'assigned', isPublic: true, note: 'Giao đơn vị chủ trì xử lý.' });
    if (r.status === 'rejected' || r.status === 'redirected')
      events.push({ caseId: r.id, at: r.classifiedAt!, kind: r.status, isPublic: true, note: null });
    if (r.approvedAt)
      events.push({
        caseId: r.id,
        at: r.approvedAt,
        kind: 'approved',
        isPublic: true,
        note: 'Đơn vị đã có văn bản trả lời; đang kiểm tra để công khai.',
      });
    if (r.publishedAt)
      events.push({ caseId: r.id, at: r.publishedAt, kind: 'published', isPublic: true, note: 'Kết quả trả lời đã được công khai.' });
    if (r.ratedAt)
      events.push({ caseId: r.id, at: r.ratedAt, kind: 'rated', isPublic: true, note: `Người gửi đánh giá ${r.ratingStars}/5 sao.` });
  }
  for (let i = 0; i < events.length; i += 1000)
    await s.db
      .insertInto('feedbackEvent')
      .values(events.slice(i, i + 1000))
      .execute();
  // A few published field reports carry photos the office cleared for the public page.
  const withPhotos = inserted.filter((r) => r.status === 'published').slice(1, 4);
  for (const [i, r] of withPhotos.entries()) {
    const photo = await s.db
      .insertInto('feedbackPhoto')
      .values({ caseId: r.id, sortOrder: 1, width: 640, height: 480, isPublic: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    await s.files.attach(s.db, {
      data: await demoPhoto(i),
      filename: 'anh-1.jpg',
      mime: 'image/jpeg',
      ownerType: PHOTO_OWNER,
      ownerId: photo.id,
      unitId: null,
      uploadedBy: null,
    });
  }
};

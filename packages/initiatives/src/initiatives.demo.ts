/**
 * The demo province's initiatives: this year's in every state (drafts, sent, returned, before the council,
 * recognised at unit and province level, not recognised, one used for an award), last year's recognised
 * ones with units that adopted them, and a few recorded from other provinces — about four units in ten
 * with one this year, so the coverage list has names on it.
 */
import { addDays, seededRandom, type AppServices, type DemoSeeder } from '@cchc/core';
import type { Insertable } from 'kysely';
import { DEFAULT_CRITERIA, type Area } from './initiatives.domain';
import { ensureCriteria } from './initiative.service';
import { provinceUnits } from './coverage.service';
import type { InitiativeStatus, InitiativeTable } from './initiatives.tables';

const IDEAS: { title: string; area: Area; summary: string; components: string[] }[] = [
  {
    title: 'Trả kết quả thủ tục hành chính tại nhà qua bưu điện cho người cao tuổi',
    area: 'procedures',
    summary: 'Phối hợp với Bưu điện tỉnh tiếp nhận và trả kết quả tại nhà cho người từ 70 tuổi, người khuyết tật, miễn phí dịch vụ.',
    components: ['SIPAS', 'PAPI.6'],
  },
  {
    title: 'Zalo OA hỏi đáp thủ tục hành chính của xã',
    area: 'digital',
    summary: 'Tài khoản Zalo chính thức trả lời câu hỏi về thủ tục, gửi lịch hẹn và nhắc hồ sơ cần bổ sung.',
    components: ['PAR_INDEX.7', 'SIPAS'],
  },
  {
    title: 'Bộ phận Một cửa làm việc sáng thứ Bảy',
    area: 'procedures',
    summary: 'Tiếp nhận hồ sơ sáng thứ Bảy cho người lao động không thể nghỉ làm trong tuần.',
    components: ['SIPAS', '766.G4'],
  },
  {
    title: 'Số hóa hồ sơ hộ tịch từ năm 1975 đến nay',
    area: 'digital',
    summary: 'Số hóa, đối chiếu sổ hộ tịch giấy để cấp bản sao điện tử, giảm thời gian tra cứu từ 3 ngày còn 30 phút.',
    components: ['766.G3', 'PAR_INDEX.7'],
  },
  {
    title: 'Phiếu đánh giá cán bộ bằng mã QR tại quầy',
    area: 'civilService',
    summary: 'Mỗi quầy có mã QR để người dân đánh giá ngay sau khi nhận kết quả; kết quả gắn với đánh giá công chức hằng tháng.',
    components: ['SIPAS', '766.G5'],
  },
  {
    title: 'Lịch công tác điện tử và họp không giấy của UBND xã',
    area: 'digital',
    summary: 'Toàn bộ tài liệu họp, lịch công tác chuyển sang môi trường điện tử, ký số.',
    components: ['PAR_INDEX.7'],
  },
  {
    title: 'Tổ công nghệ số cộng đồng hướng dẫn nộp hồ sơ trực tuyến',
    area: 'digital',
    summary: 'Đoàn viên thanh niên hướng dẫn người dân nộp hồ sơ trực tuyến tại nhà văn hóa ấp vào cuối tuần.',
    components: ['766.G3', 'PAPI.8'],
  },
  {
    title: 'Rà soát, đơn giản hóa thành phần hồ sơ thủ tục đất đai',
    area: 'institutions',
    summary: 'Đề xuất cắt giảm 4 thành phần hồ sơ trùng lặp trong 6 thủ tục đất đai cấp xã.',
    components: ['PAR_INDEX.2', '766.G2'],
  },
  {
    title: 'Khoán kinh phí văn phòng phẩm gắn với tiết kiệm giấy',
    area: 'finance',
    summary: 'Khoán chi văn phòng phẩm theo đầu người, phần tiết kiệm bổ sung thu nhập tăng thêm.',
    components: ['PAR_INDEX.6'],
  },
  {
    title: 'Sổ tay quy tắc ứng xử của công chức Bộ phận Một cửa',
    area: 'civilService',
    summary: 'Sổ tay 20 tình huống ứng xử thường gặp, tập huấn định kỳ và đánh giá chéo giữa các quầy.',
    components: ['SIPAS', 'PAPI.5'],
  },
  {
    title: 'Bản đồ số điểm phục vụ hành chính công',
    area: 'direction',
    summary: 'Bản đồ trực tuyến các điểm tiếp nhận, giờ làm việc, số người chờ theo thời gian thực.',
    components: ['SIPAS'],
  },
  {
    title: 'Tuyên truyền CCHC qua loa phát thanh ấp, khu phố',
    area: 'direction',
    summary: 'Chuyên mục CCHC hằng tuần trên loa truyền thanh, nội dung do Bộ phận Một cửa biên soạn.',
    components: ['PAPI.1'],
  },
];
const EXTERNAL = [
  {
    province: 'Thành phố Đà Nẵng',
    unit: 'Sở Nội vụ',
    title: 'Tổng đài 1022 tiếp nhận phản ánh, kiến nghị đa kênh',
    area: 'digital' as Area,
  },
  {
    province: 'Tỉnh Quảng Ninh',
    unit: 'Trung tâm Phục vụ hành chính công tỉnh',
    title: 'Trung tâm hành chính công cấp xã không phụ thuộc địa giới',
    area: 'procedures' as Area,
  },
  {
    province: 'Thành phố Hà Nội',
    unit: 'UBND phường Cửa Nam',
    title: 'Phiếu hẹn điện tử và nhắn tin tiến độ hồ sơ',
    area: 'procedures' as Area,
  },
  {
    province: 'Tỉnh Đồng Tháp',
    unit: 'Sở Nội vụ',
    title: 'Cà phê doanh nhân: lãnh đạo tỉnh đối thoại doanh nghiệp hằng tháng',
    area: 'direction' as Area,
  },
];

export const initiativesDemo: DemoSeeder = async (s: AppServices) => {
  await ensureCriteria(s.db, s.provinceCode);
  const today = s.today();
  const year = Number(today.slice(0, 4));
  const rnd = seededRandom(13_2012);
  const units = await provinceUnits(s.db, s.provinceCode, today, null);
  if (!units.length) return;
  const members = await s.db
    .selectFrom('appUser as u')
    .innerJoin('userRole as r', 'r.userId', 'u.id')
    .select('u.id')
    .where('r.role', 'in', ['appraiser', 'admin'])
    .orderBy('u.id')
    .execute();
  const at = (d: string) => new Date(`${d}T09:00:00+07:00`);
  const rows: Insertable<InitiativeTable>[] = [];
  const counters = new Map<number, number>();
  const code = (y: number) => {
    const n = (counters.get(y) ?? 0) + 1;
    counters.set(y, n);
    return `SK.${y}.${String(n).padStart(3, '0')}`;
  };
  const own = (
    unitId: number,
    y: number,
    status: InitiativeStatus,
    idea: (typeof IDEAS)[number],
    startedOn: string,
    extra: Partial<Insertable<InitiativeTable>> = {},
  ): Insertable<InitiativeTable> => ({
    provinceCode: s.provinceCode,
    code: code(y),
    origin: 'own',
    unitId,
    externalProvince: null,
    externalUnit: null,
    year: y,
    title: idea.title,
    summary: idea.summary,
    problem: 'Người dân phải đi lại nhiều lần, thời gian chờ dài; đơn vị nhận nhiều phản ánh về thái độ, thời gian giải quyết.',
    solution: `${idea.summary} Đơn vị ban hành quy trình, phân công công chức phụ trách và theo dõi kết quả hằng tháng.`,
    area: idea.area,
    indexComponents: idea.components,
    startedOn,
    cost: Math.round(rnd() * 50) * 1_000_000,
    expectedEffect: 'Giảm thời gian giải quyết hồ sơ, tăng mức độ hài lòng của người dân.',
    status,
    level: null,
    submittedAt: status === 'draft' ? null : at(addDays(startedOn, 30) < today ? addDays(startedOn, 30) : today),
    checkedAt: ['accepted', 'recognised', 'not_recognised'].includes(status)
      ? at(addDays(startedOn, 40) < today ? addDays(startedOn, 40) : today)
      : null,
    createdAt: at(startedOn),
    updatedAt: at(startedOn),
    ...extra,
  });
  // Last year: recognised initiatives (the catalogue, and the effect before/after).
  const last = year - 1;
  for (let i = 0; i < 8; i++) {
    const u = units[(i * 7) % units.length]!;
    rows.push(
      own(Number(u.id), last, 'recognised', IDEAS[i % IDEAS.length]!, `${last}-0${3 + (i % 6)}-01`, {
        level: i % 3 === 0 ? 'province' : 'unit',
        decisionNumber: `${120 + i}/QĐ-UBND`,
        decidedOn: `${last}-11-20`,
        awardUsed: i === 1,
        awardNote: i === 1 ? `Căn cứ xét danh hiệu Chiến sĩ thi đua cơ sở năm ${last}` : null,
      }),
    );
  }
  // This year: about four units in ten, every state.
  const chosen = units.filter(() => rnd() < 0.42);
  const states: InitiativeStatus[] = [
    'draft',
    'submitted',
    'returned',
    'accepted',
    'recognised',
    'recognised',
    'not_recognised',
    'accepted',
    'submitted',
    'recognised',
  ];
  const mid = addDays(today, -120) < `${year}-01-15` ? `${year}-01-15` : addDays(today, -120);
  for (const [i, u] of chosen.entries()) {
    const status = states[i % states.length]!;
    const idea = IDEAS[(i * 5) % IDEAS.length]!;
    const startedOn = addDays(mid, -Math.floor(rnd() * 60));
    rows.push(
      own(Number(u.id), year, status, idea, startedOn, {
        level: status === 'recognised' ? (i % 4 === 0 ? 'province' : 'unit') : null,
        decisionNumber: status === 'recognised' || status === 'not_recognised' ? `${200 + i}/QĐ-SNV` : null,
        decidedOn: status === 'recognised' || status === 'not_recognised' ? addDays(today, -10) : null,
        returnNote: status === 'returned' ? 'Bổ sung số liệu trước và sau khi áp dụng, văn bản ban hành quy trình.' : null,
      }),
    );
  }
  for (const e of EXTERNAL)
    rows.push({
      provinceCode: s.provinceCode,
      code: code(last),
      origin: 'external',
      unitId: null,
      externalProvince: e.province,
      externalUnit: e.unit,
      year: last,
      title: e.title,
      summary: `${e.title}: mô hình đã áp dụng tại ${e.province}, được Bộ Nội vụ giới thiệu nhân rộng.`,
      problem: null,
      solution: null,
      area: e.area,
      indexComponents: ['SIPAS'],
      startedOn: null,
      cost: null,
      expectedEffect: null,
      status: 'recognised',
      level: null,
      createdAt: at(`${last}-12-01`),
      updatedAt: at(`${last}-12-01`),
    });
  const inserted = await s.db.insertInto('initiative').values(rows).returning(['id', 'status', 'unitId', 'year', 'origin']).execute();
  // Council scores for everything that went before it.
  const scores = inserted
    .filter((r) => r.origin === 'own' && ['accepted', 'recognised', 'not_recognised'].includes(r.status))
    .flatMap((r, k) =>
      members.slice(0, r.status === 'accepted' && k % 2 ? 1 : 2).flatMap((m) =>
        DEFAULT_CRITERIA.map((c) => {
          const share =
            r.status === 'not_recognised' ? 0.35 + rnd() * 0.1 : r.status === 'recognised' ? 0.65 + rnd() * 0.3 : 0.5 + rnd() * 0.4;
          return {
            initiativeId: Number(r.id),
            memberId: Number(m.id),
            criterionCode: c.code,
            points: Math.round(c.maxPoints * share),
            note: null,
            scoredAt: at(addDays(today, -15)),
          };
        }),
      ),
    );
  if (scores.length) await s.db.insertInto('initiativeScore').values(scores).execute();
  // Units that adopted last year's recognised initiatives (and the other provinces' models).
  const adoptions = inserted
    .filter((r) => r.status === 'recognised' && r.year === last)
    .flatMap((r, k) =>
      [1, 2, 3].slice(0, 1 + (k % 3)).map((j) => {
        const u = units[(k * 11 + j * 17) % units.length]!;
        return {
          initiativeId: Number(r.id),
          unitId: Number(u.id),
          adoptedOn: `${year}-0${1 + j}-15`,
          note: 'Áp dụng theo hướng dẫn của Sở Nội vụ',
          createdBy: null,
        };
      }),
    )
    .filter((a) => !inserted.some((r) => Number(r.id) === a.initiativeId && Number(r.unitId) === a.unitId));
  if (adoptions.length) await s.db.insertInto('initiativeAdoption').values(adoptions).execute();
};

/**
 * The Decision 766 service index computed locally from dossier data (DOMAIN §3). Pure. Indicators the
 * dossier data cannot support are returned as "not computed" with the reason, never as zero. The split
 * of a group's points between its indicators is not confirmed by an official text: it is marked as an
 * assumption in every reply.
 */
export interface Counts766 {
  /** Dossiers received in the period. */
  received: number;
  receivedOnline: number;
  /** Of those received, how many say whether fees were paid online / inputs were digitised. */
  paymentKnown: number;
  paidOnline: number;
  digitisedKnown: number;
  digitised: number;
  /** Resolved in the period, and of those on time (early or on the due date, fewer than two supplements). */
  resolved: number;
  resolvedOnTime: number;
  resolvedLate: number;
  electronicResultKnown: number;
  electronicResult: number;
  /** Still open at the end of the period and past their due date. */
  openOverdueAtEnd: number;
}

export interface Indicator {
  code: string;
  name: string;
  max: number;
  threshold: number | null;
  status: 'computed' | 'not_computed';
  rate: number | null;
  points: number | null;
  formula: string;
  data: Record<string, number> | null;
  reason: string | null;
}

export interface Group {
  code: string;
  name: string;
  max: number;
  points: number | null;
  computedMax: number;
  indicators: Indicator[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Points for a rate in %: full at or above the threshold, else rate × max ÷ threshold (proportional when no threshold). */
export function pointsFor(rate: number, max: number, threshold: number | null): number {
  const t = threshold ?? 100;
  return round2(rate >= t ? max : (rate * max) / t);
}

function computed(
  code: string,
  name: string,
  max: number,
  threshold: number | null,
  num: number,
  den: number,
  formula: string,
  data: Record<string, number>,
): Indicator {
  if (den === 0) return notComputed(code, name, max, threshold, formula, 'Không có hồ sơ nào trong kỳ để tính tỷ lệ.');
  const rate = round2((num / den) * 100);
  return { code, name, max, threshold, status: 'computed', rate, points: pointsFor(rate, max, threshold), formula, data, reason: null };
}

function notComputed(code: string, name: string, max: number, threshold: number | null, formula: string, reason: string): Indicator {
  return { code, name, max, threshold, status: 'not_computed', rate: null, points: null, formula, data: null, reason };
}

/** The five groups of Decision 766 and their maxima (18/20/22/22/18 = 100). */
export const GROUP_MAX_766 = { G1: 18, G2: 20, G3: 22, G4: 22, G5: 18 } as const;

/** Figures of citizen feedback for group 5, read from the metrics registry when the feedback module is installed. */
export interface Feedback766 {
  onTime: number;
  judged: number;
  /** Answers published in the period and, of them, those not rated unsatisfied, repeated or late. */
  answered: number;
  satisfied: number;
}

export function compute766(
  c: Counts766,
  feedback: Feedback766 | null = null,
): { groups: Group[]; total: number; computedMax: number; assumption: string } {
  const considered = c.resolved + c.openOverdueAtEnd;
  const groups: Omit<Group, 'points' | 'computedMax'>[] = [
    {
      code: 'G1',
      name: 'Công khai, minh bạch',
      max: GROUP_MAX_766.G1,
      indicators: [
        notComputed(
          'G1.1',
          'Công bố, công khai TTHC đúng hạn, đầy đủ',
          9,
          null,
          'TTHC công bố đúng hạn ÷ TTHC phải công bố',
          'Cần danh mục và ngày công bố thủ tục, không có trong dữ liệu hồ sơ.',
        ),
        notComputed(
          'G1.2',
          'Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia',
          9,
          null,
          'Hồ sơ đã đồng bộ ÷ hồ sơ tiếp nhận',
          'Tệp hồ sơ không có trạng thái đồng bộ với Cổng Dịch vụ công quốc gia.',
        ),
      ],
    },
    {
      code: 'G2',
      name: 'Tiến độ giải quyết',
      max: GROUP_MAX_766.G2,
      indicators: [
        computed(
          'G2.1',
          'Tỷ lệ hồ sơ giải quyết đúng hạn',
          20,
          null,
          c.resolvedOnTime,
          considered,
          'Hồ sơ kết thúc đúng hoặc trước hạn ÷ (hồ sơ kết thúc trong kỳ + hồ sơ còn mở đã quá hạn cuối kỳ); hồ sơ bổ sung lần hai tính là trễ',
          { dungHan: c.resolvedOnTime, ketThucTrongKy: c.resolved, conMoQuaHan: c.openOverdueAtEnd },
        ),
      ],
    },
    {
      code: 'G3',
      name: 'Số hoá hồ sơ',
      max: GROUP_MAX_766.G3,
      indicators: [
        computed(
          'G3.1',
          'Tỷ lệ hồ sơ được số hoá thành phần',
          11,
          80,
          c.digitised,
          c.digitisedKnown,
          'Hồ sơ số hoá ÷ hồ sơ tiếp nhận (có thông tin số hoá); đạt tối đa khi ≥ 80 %',
          { soHoa: c.digitised, coThongTin: c.digitisedKnown },
        ),
        computed(
          'G3.2',
          'Tỷ lệ cấp kết quả điện tử',
          11,
          80,
          c.electronicResult,
          c.electronicResultKnown,
          'Hồ sơ có kết quả điện tử ÷ hồ sơ kết thúc (có thông tin); đạt tối đa khi ≥ 80 %',
          { ketQuaDienTu: c.electronicResult, coThongTin: c.electronicResultKnown },
        ),
      ],
    },
    {
      code: 'G4',
      name: 'Cung cấp dịch vụ trực tuyến',
      max: GROUP_MAX_766.G4,
      indicators: [
        notComputed(
          'G4.1',
          'Tỷ lệ TTHC cung cấp trực tuyến',
          5.5,
          80,
          'TTHC trực tuyến ÷ TTHC của đơn vị; đạt tối đa khi ≥ 80 %',
          'Cần mức độ trực tuyến của từng thủ tục, không có trong dữ liệu hồ sơ.',
        ),
        computed(
          'G4.2',
          'Tỷ lệ hồ sơ nộp trực tuyến',
          11,
          50,
          c.receivedOnline,
          c.received,
          'Hồ sơ kênh 2 ÷ hồ sơ tiếp nhận; đạt tối đa khi ≥ 50 %',
          { trucTuyen: c.receivedOnline, tiepNhan: c.received },
        ),
        computed(
          'G4.3',
          'Tỷ lệ thanh toán trực tuyến',
          5.5,
          50,
          c.paidOnline,
          c.paymentKnown,
          'Hồ sơ thanh toán trực tuyến ÷ hồ sơ có thông tin thanh toán; đạt tối đa khi ≥ 50 %',
          { thanhToanTrucTuyen: c.paidOnline, coThongTin: c.paymentKnown },
        ),
      ],
    },
    {
      code: 'G5',
      name: 'Mức độ hài lòng',
      max: GROUP_MAX_766.G5,
      indicators: [
        computed(
          'G5.1',
          '100 % trừ tỷ lệ hồ sơ trễ hạn (phần tính được từ hồ sơ)',
          9,
          90,
          c.resolved - c.resolvedLate,
          c.resolved,
          '(Hồ sơ kết thúc − hồ sơ trễ hạn) ÷ hồ sơ kết thúc; chưa trừ tỷ lệ phản ánh, không hài lòng (không có trong dữ liệu hồ sơ); đạt tối đa khi ≥ 90 %',
          { ketThuc: c.resolved, treHan: c.resolvedLate },
        ),
        feedback
          ? computed(
              'G5.2',
              'Xử lý phản ánh, kiến nghị đúng hạn (15 ngày làm việc)',
              9,
              null,
              feedback.onTime,
              feedback.judged,
              'Phản ánh, kiến nghị đơn vị trả lời trong hạn ÷ phản ánh đến kỳ xét (trả lời trong kỳ hoặc đến hạn trong kỳ mà chưa trả lời)',
              { dungHan: feedback.onTime, denKyXet: feedback.judged, traLoiCongKhai: feedback.answered, haiLong: feedback.satisfied },
            )
          : notComputed(
              'G5.2',
              'Xử lý phản ánh, kiến nghị đúng hạn (15 ngày làm việc)',
              9,
              null,
              'Phản ánh xử lý đúng hạn ÷ phản ánh tiếp nhận',
              'Cần dữ liệu phản ánh, kiến nghị.',
            ),
      ],
    },
  ];
  const full = groups.map((g) => {
    const done = g.indicators.filter((i) => i.status === 'computed');
    return {
      ...g,
      points: done.length ? round2(done.reduce((a, i) => a + i.points!, 0)) : null,
      computedMax: done.reduce((a, i) => a + i.max, 0),
    };
  });
  return {
    groups: full,
    total: round2(full.reduce((a, g) => a + (g.points ?? 0), 0)),
    computedMax: full.reduce((a, g) => a + g.computedMax, 0),
    assumption:
      'Điểm tối đa của từng chỉ tiêu trong nhóm là giả định (chia theo số chỉ tiêu), chưa được xác nhận bằng văn bản chính thức; điểm nhóm 18/20/22/22/18 theo Quyết định 766/QĐ-TTg.',
  };
}

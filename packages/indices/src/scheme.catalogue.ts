/**
 * The methodologies shipped with the product, as data (DOMAIN §3). Users edit them in the UI or load a
 * new year's scheme from XLSX; nothing here is read by code except the first load.
 */
import type { Insertable } from 'kysely';
import type { IndexCode, IndexSchemeTable } from './indices.tables';

export interface CatalogueComponent {
  code: string;
  parentCode?: string;
  name: string;
  min?: number;
  max?: number;
}

/** A methodology as shipped: the scheme's row (see the table) with its component tree. */
export type CatalogueScheme = Omit<Insertable<IndexSchemeTable>, 'id'> & { components: CatalogueComponent[] };

const papiDimensions: [string, string, string[]][] = [
  ['D1', 'Tham gia của người dân ở cấp cơ sở', ['Tri thức công dân', 'Cơ hội tham gia', 'Chất lượng bầu cử', 'Đóng góp tự nguyện']],
  [
    'D2',
    'Công khai, minh bạch trong việc ra quyết định ở địa phương',
    [
      'Tiếp cận thông tin',
      'Công khai danh sách hộ nghèo',
      'Công khai ngân sách cấp xã',
      'Công khai quy hoạch, kế hoạch sử dụng đất và giá đất đền bù',
    ],
  ],
  [
    'D3',
    'Trách nhiệm giải trình với người dân',
    ['Hiệu quả tương tác với các cấp chính quyền', 'Giải đáp khiếu nại, tố cáo, khúc mắc của người dân', 'Tiếp cận dịch vụ tư pháp'],
  ],
  [
    'D4',
    'Kiểm soát tham nhũng trong khu vực công',
    [
      'Kiểm soát tham nhũng trong chính quyền địa phương',
      'Kiểm soát tham nhũng trong cung ứng dịch vụ công',
      'Công bằng trong tuyển dụng vào khu vực nhà nước',
      'Quyết tâm chống tham nhũng',
    ],
  ],
  [
    'D5',
    'Thủ tục hành chính công',
    [
      'Dịch vụ chứng thực, xác nhận',
      'Thủ tục cấp giấy phép xây dựng',
      'Thủ tục liên quan đến giấy chứng nhận quyền sử dụng đất',
      'Thủ tục hành chính cấp xã, phường',
    ],
  ],
  ['D6', 'Cung ứng dịch vụ công', ['Y tế công lập', 'Giáo dục tiểu học công lập', 'Cơ sở hạ tầng căn bản', 'An ninh, trật tự khu dân cư']],
  ['D7', 'Quản trị môi trường', ['Nghiêm túc trong bảo vệ môi trường', 'Chất lượng không khí', 'Chất lượng nước']],
  ['D8', 'Quản trị điện tử', ['Sử dụng cổng thông tin điện tử của chính quyền địa phương', 'Tiếp cận và sử dụng Internet tại địa phương']],
];

const SIPAS_ASPECTS: CatalogueComponent[] = [
  { code: 'A1', name: 'Tiếp cận dịch vụ', min: 0, max: 100 },
  { code: 'A2', name: 'Thủ tục hành chính', min: 0, max: 100 },
  { code: 'A3', name: 'Công chức trực tiếp giải quyết công việc', min: 0, max: 100 },
  { code: 'A4', name: 'Kết quả giải quyết công việc', min: 0, max: 100 },
  { code: 'A5', name: 'Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị', min: 0, max: 100 },
];

/** The eight provincial areas with the 2017 maxima (10, 10, 14.5, 11, 16, 7, 16, 15.5 = 100). */
const PAR_AREAS: CatalogueComponent[] = [
  { code: 'L1', name: 'Công tác chỉ đạo, điều hành cải cách hành chính', min: 0, max: 10 },
  { code: 'L2', name: 'Cải cách thể chế', min: 0, max: 10 },
  { code: 'L3', name: 'Cải cách thủ tục hành chính', min: 0, max: 14.5 },
  { code: 'L4', name: 'Cải cách tổ chức bộ máy hành chính nhà nước', min: 0, max: 11 },
  { code: 'L5', name: 'Cải cách chế độ công vụ', min: 0, max: 16 },
  { code: 'L6', name: 'Cải cách tài chính công', min: 0, max: 7 },
  { code: 'L7', name: 'Xây dựng và phát triển Chính phủ điện tử, Chính phủ số', min: 0, max: 16 },
  { code: 'L8', name: 'Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế – xã hội', min: 0, max: 15.5 },
];

const round2 = (n: number) => Math.round(n * 100) / 100;

export const CATALOGUE: CatalogueScheme[] = [
  {
    indexCode: 'PAPI',
    name: 'PAPI từ năm 2018 (8 chỉ số nội dung, 28 chỉ số nội dung thành phần)',
    decision: 'PAPI 2018+',
    validFromYear: 2018,
    validToYear: null,
    totalMin: 8,
    totalMax: 80,
    totalRule: 'sum',
    unit: 'điểm',
    source: 'UNDP, CECODES và các đối tác: Báo cáo PAPI hằng năm (papi.org.vn)',
    note: 'Mỗi chỉ số nội dung 1–10 điểm, tổng 8–80. Các chỉ số thành phần cộng lại thành chỉ số nội dung; thang điểm tối đa của thành phần ở đây chia đều, cần đối chiếu báo cáo từng năm.',
    components: papiDimensions.flatMap(([code, name, subs]) => [
      { code, name, min: 1, max: 10 },
      ...subs.map((s, i) => ({ code: `${code}.${i + 1}`, parentCode: code, name: s, min: 0, max: round2(10 / subs.length) })),
    ]),
  },
  {
    indexCode: '766',
    name: 'Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp',
    decision: '766/QĐ-TTg',
    validFromYear: 2022,
    validToYear: null,
    totalMin: 0,
    totalMax: 100,
    totalRule: 'sum',
    unit: 'điểm',
    source: 'Quyết định 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ; Cổng Dịch vụ công quốc gia',
    note: 'Điểm từng chỉ tiêu chưa được xác nhận đủ từ văn bản chính thức: để trống ở chỉ tiêu, chỉ ghi điểm nhóm.',
    components: [
      { code: 'G1', name: 'Công khai, minh bạch', min: 0, max: 18 },
      { code: 'G1.1', parentCode: 'G1', name: 'Công bố, công khai TTHC đúng hạn, đầy đủ' },
      { code: 'G1.2', parentCode: 'G1', name: 'Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia' },
      { code: 'G2', name: 'Tiến độ giải quyết', min: 0, max: 20 },
      { code: 'G2.1', parentCode: 'G2', name: 'Tỷ lệ hồ sơ giải quyết đúng hạn' },
      { code: 'G3', name: 'Số hoá hồ sơ', min: 0, max: 22 },
      { code: 'G3.1', parentCode: 'G3', name: 'Tỷ lệ hồ sơ số hoá thành phần, cấp kết quả điện tử (đạt tối đa khi ≥ 80 %)' },
      { code: 'G3.2', parentCode: 'G3', name: 'Khai thác, sử dụng lại dữ liệu đã số hoá' },
      { code: 'G4', name: 'Cung cấp dịch vụ trực tuyến', min: 0, max: 22 },
      { code: 'G4.1', parentCode: 'G4', name: 'Tỷ lệ TTHC cung cấp trực tuyến (đạt tối đa khi ≥ 80 %)' },
      { code: 'G4.2', parentCode: 'G4', name: 'Tỷ lệ hồ sơ nộp trực tuyến (đạt tối đa khi ≥ 50 %)' },
      { code: 'G4.3', parentCode: 'G4', name: 'Tỷ lệ thanh toán trực tuyến' },
      { code: 'G5', name: 'Mức độ hài lòng', min: 0, max: 18 },
      {
        code: 'G5.1',
        parentCode: 'G5',
        name: '100 % trừ tỷ lệ hồ sơ trễ hạn và hồ sơ bị phản ánh, không hài lòng (đạt tối đa khi ≥ 90 %)',
      },
      { code: 'G5.2', parentCode: 'G5', name: 'Xử lý phản ánh, kiến nghị đúng hạn' },
    ],
  },
  {
    indexCode: 'SIPAS',
    name: 'Chỉ số hài lòng về sự phục vụ hành chính (phần cung ứng dịch vụ hành chính công)',
    decision: '1001/QĐ-BNV',
    validFromYear: 2023,
    validToYear: 2026,
    totalMin: 0,
    totalMax: 100,
    totalRule: 'mean',
    unit: '%',
    source: 'Quyết định 1001/QĐ-BNV ngày 11/12/2023 của Bộ Nội vụ',
    note: 'Chỉ số từng yếu tố = tỷ lệ câu trả lời mức 4 hoặc 5 (chưa được xác nhận trong văn bản chính thức); chỉ số chung = trung bình các yếu tố.',
    components: SIPAS_ASPECTS,
  },
  {
    indexCode: 'PAR_INDEX',
    name: 'Chỉ số cải cách hành chính cấp tỉnh – khung lĩnh vực (điểm tối đa năm 2017, VÍ DỤ cần chỉnh theo 876/QĐ-BNV)',
    decision: '876/QĐ-BNV',
    validFromYear: 2022,
    validToYear: 2030,
    totalMin: 0,
    totalMax: 100,
    totalRule: 'none',
    unit: '%',
    source: 'Quyết định 876/QĐ-BNV ngày 10/11/2022 (khung lĩnh vực); điểm tối đa lấy từ phương pháp năm 2017',
    note: 'Điểm chi tiết theo 876/QĐ-BNV chưa được công bố công khai: điểm tối đa ở đây là bộ năm 2017 (10; 10; 14,5; 11; 16; 7; 16; 15,5 = 100), chỉ là ví dụ, cần Sở Nội vụ chỉnh lại. Kết quả công bố tính theo % điểm tối đa.',
    isExample: true,
    components: PAR_AREAS,
  },
  {
    indexCode: 'SIPAS',
    name: 'Chỉ số hài lòng về sự phục vụ hành chính (phần cung ứng dịch vụ hành chính công)',
    decision: '2640/QĐ-BNV',
    validFromYear: 2017,
    validToYear: 2022,
    totalMin: 0,
    totalMax: 100,
    totalRule: 'mean',
    unit: '%',
    source: 'Quyết định 2640/QĐ-BNV ngày 10/10/2017 của Bộ Nội vụ (Đề án đo lường sự hài lòng giai đoạn 2017–2020, áp dụng đến năm 2022)',
    note: 'Chỉ số từng yếu tố = tỷ lệ câu trả lời mức 4 hoặc 5 (chưa được xác nhận trong văn bản chính thức); chỉ số chung = trung bình các yếu tố.',
    components: SIPAS_ASPECTS,
  },
  {
    indexCode: 'PAR_INDEX',
    name: 'Chỉ số cải cách hành chính cấp tỉnh giai đoạn 2017–2021 (8 lĩnh vực)',
    decision: '1149/QĐ-BNV',
    validFromYear: 2017,
    validToYear: 2021,
    totalMin: 0,
    totalMax: 100,
    totalRule: 'none',
    unit: '%',
    source: 'Quyết định 1149/QĐ-BNV ngày 30/3/2017 của Bộ Nội vụ',
    note: 'Điểm tối đa các lĩnh vực theo phương pháp năm 2017 (10; 10; 14,5; 11; 16; 7; 16; 15,5 = 100). Kết quả công bố tính theo % điểm tối đa.',
    isExample: false,
    components: PAR_AREAS,
  },
];

export const INDEX_LABELS: Record<IndexCode, string> = {
  PAR_INDEX: 'PAR INDEX',
  SIPAS: 'SIPAS',
  PAPI: 'PAPI',
  '766': 'Bộ chỉ số 766',
};

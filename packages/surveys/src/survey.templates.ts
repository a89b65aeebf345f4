/**
 * The questionnaires shipped as templates: the SIPAS 2023–2026 form (Decision 1001/QĐ-BNV, transcribed
 * from reference/sipas-1001-questionnaire-replica.md; verify against the official annex) and the internal
 * CCHC index's own survey of departments and communes (respondent groups, options A–D weighted 100/60/20/0 %).
 */
import { SCALE5, type Definition, type Option, type Question } from './survey.domain';

const opts = (...labels: string[]): Option[] => labels.map((label, i) => ({ value: i + 1, label }));
const single = (id: string, text: string, options: Option[], extra: Partial<Question> = {}): Question => ({
  id,
  text,
  type: 'single',
  options,
  ...extra,
});
const matrix = (id: string, text: string, items: string[], options: Option[]): Question => ({
  id,
  text,
  type: 'matrix',
  options,
  items: items.map((t, i) => ({ id: String(i + 1), text: t })),
});

/** The 33 satisfaction items of Câu 9 with their aspects (14 on policy, 19 on service delivery). */
const ITEMS: [string, string][] = [
  ['CS1', 'Cơ quan nhà nước cung cấp, giải thích thông tin về các chính sách theo nhiều hình thức, giúp mọi người dân dễ tìm, dễ thấy'],
  ['CS1', 'Cơ quan nhà nước cung cấp thông tin về các chính sách đầy đủ, dễ hiểu'],
  ['CS2', 'Tổ chức xin ý kiến góp ý của người dân đối với chính sách theo nhiều hình thức, giúp người dân tham gia dễ dàng'],
  ['CS2', 'Tổ chức nhiều hình thức để người dân phản hồi ý kiến về kết quả, tác động của chính sách'],
  ['CS3', 'Chính sách phát triển kinh tế – xã hội ở địa phương (thu hút đầu tư, kinh doanh, việc làm, tín dụng…) phù hợp'],
  ['CS3', 'Chính sách khám, chữa bệnh (bệnh viện, phòng khám, trạm y tế; bảo hiểm y tế; viện phí… công lập) phù hợp'],
  [
    'CS3',
    'Chính sách giáo dục phổ thông (chương trình, sách giáo khoa, trường lớp, đánh giá học sinh, thủ tục nhập học… công lập) phù hợp',
  ],
  ['CS3', 'Chính sách trật tự, an toàn xã hội (quản lý dân cư, trật tự công cộng, an ninh mạng, phòng chống tội phạm…) phù hợp'],
  ['CS3', 'Chính sách giao thông đường bộ phù hợp'],
  ['CS3', 'Chính sách điện sinh hoạt (cung cấp, giá, chất lượng) phù hợp'],
  ['CS3', 'Chính sách nước sinh hoạt (cung cấp, giá, chất lượng) phù hợp'],
  [
    'CS3',
    'Chính sách an sinh xã hội (bảo hiểm xã hội, bảo hiểm thất nghiệp; hỗ trợ người có công, người nghèo, người khuyết tật…; hỗ trợ đột xuất khi thiên tai…) phù hợp',
  ],
  ['CS4', 'Chính sách của địa phương góp phần giúp kinh tế gia đình ngày càng tốt hơn'],
  ['CS4', 'Chính sách của địa phương góp phần giúp chất lượng cuộc sống ngày càng tốt hơn'],
  ['DV1', 'Cơ quan cung cấp thông tin về việc giải quyết thủ tục hành chính theo nhiều hình thức, dễ tiếp cận, dễ hiểu'],
  ['DV1', 'Trụ sở tiếp nhận hồ sơ, trả kết quả có biển hiệu, hướng dẫn rõ ràng, dễ thấy'],
  ['DV1', 'Trụ sở tiếp nhận hồ sơ, trả kết quả sạch sẽ, văn minh'],
  ['DV1', 'Trang thiết bị phục vụ người dân đầy đủ, chất lượng tốt'],
  ['DV2', 'Quy định thủ tục hành chính được niêm yết công khai tại trụ sở, dễ thấy, dễ hiểu'],
  ['DV2', 'Thành phần hồ sơ người dân phải nộp là đúng quy định'],
  ['DV2', 'Mức phí, lệ phí phải nộp là đúng quy định'],
  ['DV2', 'Thời hạn giải quyết thủ tục hành chính là đúng quy định'],
  ['DV3', 'Công chức có thái độ giao tiếp lịch sự, tôn trọng'],
  ['DV3', 'Công chức cung cấp thông tin, trả lời kịp thời, đầy đủ câu hỏi, ý kiến của người dân'],
  ['DV3', 'Công chức hướng dẫn hồ sơ dễ hiểu, người dân hoàn thiện hồ sơ sau một lần hướng dẫn'],
  ['DV3', 'Công chức tuân thủ đúng quy định trong giải quyết công việc'],
  ['DV3', 'Công chức tận tình trong quá trình giải quyết công việc'],
  ['DV4', 'Kết quả được trả đúng hẹn'],
  ['DV4', 'Kết quả có thông tin đầy đủ, chính xác'],
  ['DV4', 'Kết quả đảm bảo tính công bằng'],
  ['DV5', 'Cơ quan có bố trí hình thức tiếp nhận phản ánh, kiến nghị, giúp người dân phản ánh dễ dàng'],
  ['DV5', 'Cơ quan tiếp nhận, xử lý phản ánh, kiến nghị đúng quy định'],
  ['DV5', 'Cơ quan thông báo kết quả xử lý phản ánh, kiến nghị kịp thời'],
];

export const SATISFACTION_ITEM_IDS = ITEMS.map((_, i) => `C9_${String(i + 1).padStart(2, '0')}`);

const POLICIES = [
  'Phát triển kinh tế – xã hội',
  'Khám, chữa bệnh',
  'Giáo dục phổ thông',
  'Trật tự, an toàn xã hội',
  'Giao thông đường bộ',
  'Điện sinh hoạt',
  'Nước sinh hoạt',
  'An sinh xã hội',
];

function sipas1001(): Definition {
  return {
    title: 'Phiếu khảo sát sự hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước',
    intro:
      'Ý kiến của Ông/Bà giúp cơ quan nhà nước hiểu nhận định, đánh giá, mức độ hài lòng và mong đợi của người dân. Thông tin người trả lời được bảo mật; kết quả chỉ công bố dưới dạng tổng hợp.',
    sections: [
      {
        id: 'A',
        title: 'Phần A. Thông tin về người trả lời',
        questions: [
          { id: 'A1', text: 'Thôn, tổ dân phố nơi Ông/Bà sinh sống', type: 'text' },
          single('A2', 'Giới tính', opts('Nam', 'Nữ')),
          single('A3', 'Độ tuổi', opts('Từ 18 đến 25 tuổi', 'Từ 26 đến 34 tuổi', 'Từ 35 đến 49 tuổi', 'Từ 50 đến 60 tuổi', 'Trên 60 tuổi')),
          single('A4', 'Dân tộc', opts('Kinh', 'Dân tộc khác')),
          { id: 'A4a', text: 'Dân tộc khác (ghi rõ)', type: 'text', showIf: { question: 'A4', values: [2] } },
          single(
            'A5',
            'Trình độ học vấn',
            opts('Tiểu học', 'Trung học cơ sở', 'Trung học phổ thông', 'Dạy nghề, trung cấp, cao đẳng', 'Đại học, trên đại học', 'Khác'),
          ),
          single(
            'A6',
            'Nghề nghiệp',
            opts(
              'Nghỉ hưu',
              'Không đi làm (ở nhà)',
              'Làm công việc tự do',
              'Sinh viên',
              'Làm việc ở khu vực tư nhân',
              'Làm việc ở khu vực nhà nước',
              'Khác',
            ),
          ),
          { id: 'A6a', text: 'Nghề nghiệp khác (ghi rõ)', type: 'text', showIf: { question: 'A6', values: [7] } },
          single('A7', 'Nơi sinh sống', opts('Đô thị', 'Nông thôn')),
          single('A8', 'Vùng', opts('Miền núi', 'Đồng bằng', 'Hải đảo')),
        ],
      },
      {
        id: 'B',
        title: 'Phần B. Nhận định về chính sách và dịch vụ hành chính công',
        questions: [
          matrix(
            'C1',
            'Câu 1. Mức độ quan tâm của Ông/Bà đối với các chính sách',
            POLICIES,
            opts('Không quan tâm', 'Quan tâm một chút', 'Rất quan tâm'),
          ),
          {
            id: 'C2',
            text: 'Câu 2. Ông/Bà theo dõi thông tin về chính sách qua kênh nào? (chọn nhiều)',
            type: 'multiple',
            options: opts(
              'Loa phát thanh xã',
              'Họp, sinh hoạt, thông báo tại khu dân cư',
              'Cơ quan nhà nước, công chức',
              'Người thân, bạn bè',
              'Đài, ti vi, báo chí',
              'Mạng internet',
              'Hình thức khác',
            ),
          },
          single(
            'C3',
            'Câu 3. Khả năng Ông/Bà tham gia góp ý khi cơ quan nhà nước xin ý kiến về chính sách',
            opts(
              'Không thể, vì không biết thông tin',
              'Không thể, vì bản thân không muốn',
              'Có thể, nếu được biết thông tin',
              'Có thể, nếu được tạo điều kiện thuận tiện',
              'Chắc chắn tham gia',
            ),
          ),
          single(
            'C4',
            'Câu 4. Tình trạng công chức gây phiền hà, sách nhiễu người dân ở địa phương',
            opts('Không có công chức nào', 'Một số công chức', 'Nhiều công chức'),
          ),
          single(
            'C5',
            'Câu 5. Tình trạng người dân phải đưa tiền ngoài quy định cho công chức khi giải quyết công việc',
            opts('Không có người dân nào', 'Một số người dân', 'Nhiều người dân'),
          ),
          single(
            'C6',
            'Câu 6. Hình thức nộp hồ sơ, nhận kết quả thủ tục hành chính phù hợp với Ông/Bà',
            opts('Trực tiếp tại cơ quan', 'Trực tuyến', 'Cả trực tiếp và trực tuyến'),
          ),
          single(
            'C7',
            'Câu 7. Hình thức cung cấp thông tin về chính sách phù hợp với Ông/Bà',
            opts('Trực tiếp', 'Trực tuyến', 'Cả hai hình thức'),
          ),
          matrix(
            'C8',
            'Câu 8. Trải nghiệm của Ông/Bà (hoặc người thân) trong thời gian gần đây',
            [
              'Có người thân đang học phổ thông',
              'Khám, chữa bệnh tại cơ sở y tế công lập',
              'Giải quyết công việc với cơ quan nhà nước',
              'Giải quyết thủ tục hành chính',
              'Phản ánh, kiến nghị với cơ quan nhà nước',
              'Góp ý kiến về chính sách',
              'Phản hồi ý kiến về kết quả thực hiện chính sách, giải quyết thủ tục hành chính',
            ],
            opts('Có', 'Không'),
          ),
        ],
      },
      {
        id: 'C9',
        title: 'Câu 9. Mức độ hài lòng của Ông/Bà',
        questions: ITEMS.map(([aspect, text], i) => ({
          id: SATISFACTION_ITEM_IDS[i]!,
          text,
          type: 'scale5' as const,
          aspect,
          options: SCALE5,
          group: i < 14 ? 'I. Việc ban hành, tổ chức thực hiện chính sách' : 'II. Việc cung ứng dịch vụ hành chính công',
        })),
      },
      {
        id: 'D',
        title: 'Câu 10 và ý kiến khác',
        questions: [
          matrix(
            'C10',
            'Câu 10. Mức độ Ông/Bà mong muốn cơ quan nhà nước ưu tiên nguồn lực để cải thiện',
            [
              'Chất lượng cung cấp thông tin',
              'Chất lượng trụ sở, trang thiết bị',
              'Năng lực của cán bộ, công chức, viên chức',
              'Thái độ phục vụ của cán bộ, công chức, viên chức',
              'Ứng dụng công nghệ thông tin, chuyển đổi số',
              'Sự quan tâm đến nhu cầu, mong đợi của người dân',
              'Chất lượng tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị',
              'Chất lượng các chính sách quan trọng đối với đời sống',
              'Chất lượng dịch vụ hành chính công (giải quyết thủ tục hành chính)',
            ],
            opts('Rất nhiều', 'Nhiều', 'Ít'),
          ),
          { id: 'C11', text: 'Ý kiến khác của Ông/Bà', type: 'text' },
        ],
      },
    ],
  };
}

const WEIGHTED: Option[] = [
  { value: 1, label: 'A. Tốt', weight: 100 },
  { value: 2, label: 'B. Khá', weight: 60 },
  { value: 3, label: 'C. Trung bình', weight: 20 },
  { value: 4, label: 'D. Kém', weight: 0 },
];

function internalIndex(): Definition {
  const criteria = [
    'Công tác chỉ đạo, điều hành cải cách hành chính của đơn vị',
    'Chất lượng giải quyết thủ tục hành chính, đúng hạn và không phiền hà',
    'Tinh thần, thái độ phục vụ của cán bộ, công chức, viên chức',
    'Ứng dụng công nghệ thông tin, chuyển đổi số trong giải quyết công việc',
    'Công khai, minh bạch thông tin, thủ tục hành chính',
    'Tiếp nhận, xử lý phản ánh, kiến nghị của người dân, doanh nghiệp',
  ];
  return {
    title: 'Phiếu điều tra xã hội học đánh giá Chỉ số cải cách hành chính của cơ quan, đơn vị',
    intro:
      'Phiếu dùng cho đại biểu Hội đồng nhân dân, lãnh đạo cơ quan, đơn vị và trưởng, phó phòng. Mỗi tiêu chí chọn một mức: A (100 %), B (60 %), C (20 %), D (0 %).',
    sections: [
      {
        id: 'A',
        title: 'Nhóm người trả lời',
        questions: [
          single(
            'N1',
            'Ông/Bà thuộc nhóm',
            opts('Đại biểu Hội đồng nhân dân', 'Lãnh đạo sở, ban, ngành, Ủy ban nhân dân xã', 'Trưởng, phó phòng chuyên môn'),
            { required: true },
          ),
        ],
      },
      {
        id: 'B',
        title: 'Đánh giá của Ông/Bà về đơn vị',
        questions: criteria.map((text, i) => single(`T${i + 1}`, text, WEIGHTED, { required: true })),
      },
    ],
  };
}

export const TEMPLATES: Record<string, { label: string; build: () => Definition }> = {
  'sipas-1001': { label: 'SIPAS theo Quyết định 1001/QĐ-BNV (33 nội dung hài lòng)', build: sipas1001 },
  'cchc-noi-bo': { label: 'Điều tra xã hội học Chỉ số CCHC nội bộ (A/B/C/D có trọng số)', build: internalIndex },
};

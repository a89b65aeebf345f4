import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceDataDir } from '@cchc/core';
import { DEMO_DEPARTMENTS } from '@cchc/core';
import { parseDirective } from './directive-parser';

const units = [
  ...DEMO_DEPARTMENTS.map((d) => ({ code: d.code, name: d.name, shortName: d.shortName, kind: 'department' as const })),
  { code: '29551', name: 'Phường Long Châu', kind: 'commune' as const },
];
const seed = (name: string) => fs.readFileSync(path.join(referenceDataDir(), 'seeds', name), 'utf8');
const summary = (r: ReturnType<typeof parseDirective>) =>
  r.sections.map((s) => [s.number, s.isGroup ? `group:${s.group}` : s.leadUnitCode, s.tasks.length]);

describe('the five seeds', () => {
  it('000 Vĩnh Long directive: 21 sections, one per agency, lettered tasks', () => {
    const r = parseDirective(seed('000_65c197f8117704df.txt'), units);
    expect(r.kind).toBe('chi_thi');
    expect(r.title).toMatch(/^Về việc tăng cường các giải pháp/);
    expect(r.sections.map((s) => s.number)).toEqual(Array.from({ length: 21 }, (_, i) => `${i + 1}.`));
    expect(summary(r).slice(0, 5)).toEqual([
      ['1.', 'group:all', 8],
      ['2.', '86.STP', 4],
      ['3.', '86.VP', 5],
      ['4.', '86.SNV', 6],
      ['5.', '86.STC', 4],
    ]);
    // Departments merged in 2025 are proposed as their successors, flagged for review.
    const s6 = r.sections[5]!;
    expect([s6.heading, s6.leadUnitCode, s6.matchedBy]).toEqual(['Sở Thông tin và Truyền thông', '86.SKHCN', 'successor']);
    expect(r.sections[18]).toMatchObject({ heading: 'UBND các huyện, thị xã, thành phố', isGroup: true, group: 'communes' });
    // Bodies outside the province's administration are shown for the user to choose, never dropped.
    expect(r.sections[14]).toMatchObject({ heading: 'Bảo hiểm xã hội tỉnh', leadUnitCode: null, matchedBy: 'none' });
    // Bullets under a lettered task stay in that task.
    expect(r.sections[18]!.tasks[1]!.text).toContain('\n- Phối hợp chặt chẽ với Mặt trận Tổ quốc');
  });

  it('001 Long An letter without numbering: one section for every unit, a task per paragraph', () => {
    const r = parseDirective(seed('001_64e6f3e83bcfc3ce.txt'), units);
    expect(r.sections).toHaveLength(1);
    expect(r.sections[0]).toMatchObject({ isGroup: true });
    expect(r.sections[0]!.tasks.length).toBeGreaterThanOrEqual(12);
    expect(r.sections[0]!.tasks[0]!.text).toMatch(/^Phát huy vai trò trách nhiệm người đứng đầu/);
  });

  it('002 Lai Châu 08/CT-UBND with look-alike letters and glued words', () => {
    const r = parseDirective(seed('002_113563b5a82f84bb.txt'), units);
    expect([r.number, r.kind, r.date]).toEqual(['08/CT-UBND', 'chi_thi', '2022-07-14']);
    expect(r.issuer).toBe('ỦY BAN NHÂN DÂN TỈNH LAI CHÂU');
    const byNumber = Object.fromEntries(r.sections.map((s) => [s.number, s]));
    expect(byNumber['2.1.']).toMatchObject({ heading: 'Sở Nội vụ', leadUnitCode: '86.SNV' });
    expect(byNumber['2.2.']!.leadUnitCode).toBe('86.VP'); // "Văn phòngỦy ban nhân dân tỉnh"
    expect(byNumber['2.6.']!.leadUnitCode).toBe('86.STC'); // "Sở Tàichính"
    expect(byNumber['2.12.']).toMatchObject({ isGroup: true, group: 'communes' });
    // "2." only groups 2.1–2.14 and is not a section of its own.
    expect(byNumber['2.']).toBeUndefined();
    // Scraper noise ("Xem thêm: …") is not a task.
    expect(r.sections.flatMap((s) => s.tasks).some((t) => /Xem thêm|Mèo/.test(t.text))).toBe(false);
    expect(r.sections.flatMap((s) => s.tasks).every((t) => !/[ᴠѕух]/.test(t.text))).toBe(true);
  });

  it('003 Vĩnh Long plan: one section per reform area', () => {
    const r = parseDirective(seed('003_4e41335fd8846a46.txt'), units);
    expect(r.sections.map((s) => s.heading)).toEqual([
      'Công tác chỉ đạo điều hành và kiểm tra, giám sát CCHC',
      'Cải cách thể chế',
      'Cải cách thủ tục hành chính (TTHC)',
      'Cải cách tổ chức bộ máy',
      'Cải cách chế độ công vụ',
      'Cải cách tài chính công',
      'Xây dựng và phát triển Chính phủ điện tử',
    ]);
    expect(r.sections.every((s) => s.leadUnitCode === null && s.tasks.length === 1)).toBe(true);
  });

  it('004 Vũng Tàu letter: header, bulleted tasks, a sentence broken across lines joined again', () => {
    const r = parseDirective(seed('004_c9a21e28dcb7ca98.txt'), units);
    expect([r.number, r.kind, r.date]).toEqual(['7190/UBND-NV', 'cong_van', '2022-08-15']);
    expect(r.issuer).toBe('ỦY BAN NHÂN DÂN THÀNH PHỐ VŨNG TÀU');
    expect(r.title).toMatch(/^triển khai thực hiện giải pháp cải thiện kết quả chỉ số PAR INDEX/);
    expect(summary(r)).toEqual([
      ['1.', 'group:all', 13],
      ['2.', null, 3],
      ['3.', null, 3],
      ['4.', null, 5],
      ['5.', null, 2], // the closing "Chủ tịch UBND thành phố yêu cầu … nghiêm túc triển khai thực hiện" is not a task
    ]);
    const broken = r.sections[0]!.tasks.find((t) => t.text.startsWith('Tăng cường công tác kiểm tra, tự kiểm tra'))!;
    expect(broken.text).toContain('nhệm vụ về công tác CCHC'); // the next line, after a blank line, joined
    expect(r.sections.flatMap((s) => s.tasks).some((t) => /Nơi nhận|Lưu: VT/.test(t.text))).toBe(false);
  });
});

describe('text pasted from converted documents', () => {
  const pasted = [
    'ỦY BAN NHÂN',
    'DÂN',
    'TỈNH VĨNH LONG',
    '-------',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'Số: 12/CT-UBND',
    'Vĩnh Long, ngày 03 tháng 3 năm 2026',
    'CHỈ THỊ',
    'Về việc đẩy mạnh cải cách hành chính năm 2026',
    '1. Sở Nội vụ',
    'a) Tham mưu kế hoạch cải cách hành chính năm 2026.',
    '2. Sở',
    'Khoa học và Công nghệ',
    'a) Triển khai nền tảng số dùng chung của tỉnh.',
    'b) Hướng dẫn các xã số hóa hồ sơ.',
    'Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường thực hiện nghiêm túc Chỉ thị này./.',
    'Nơi nhận:',
    '- Như trên;',
  ].join('\n');

  it('joins an issuer block broken over lines and a unit name continued on the next line; the closing paragraph is not a task', () => {
    const r = parseDirective(pasted, units);
    expect(r.issuer).toBe('ỦY BAN NHÂN DÂN TỈNH VĨNH LONG');
    expect(r.number).toBe('12/CT-UBND');
    expect(summary(r)).toEqual([
      ['1.', '86.SNV', 1],
      ['2.', '86.SKHCN', 2],
    ]);
    expect(r.sections[1]!.heading).toBe('Sở Khoa học và Công nghệ');
    expect(r.sections.flatMap((s) => s.tasks).some((t) => t.text.includes('thực hiện nghiêm túc Chỉ thị này'))).toBe(false);
    expect(r.warnings).toEqual([]);
  });

  it('warns of a missing number, date and title instead of failing on save', () => {
    const r = parseDirective(pasted.replace('Số: 12/CT-UBND\n', '').replace('Vĩnh Long, ngày 03 tháng 3 năm 2026\n', ''), units);
    expect(r.number).toBeNull();
    expect(r.warnings.join(' ')).toContain('số, ký hiệu');
    expect(r.warnings.join(' ')).toContain('ngày ban hành');
    expect(r.sections).toHaveLength(2);
  });
});

describe('directives written in other layouts', () => {
  it('a plan with roman parts, numbered sections, "+" bullets and NFD text', () => {
    const text = `ỦY BAN NHÂN DÂN TỈNH VĨNH LONG
Số: 45/KH-UBND
Vĩnh Long, ngày 3 tháng 2 năm 2026
KẾ HOẠCH
Cải cách hành chính năm 2026
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao chất lượng phục vụ người dân.
II. NHIỆM VỤ
1. Sở Y tế:
+ Rà soát thủ tục hành chính lĩnh vực y tế.
+ Công khai 100 % thủ tục trên Cổng dịch vụ công.
2. Sở Giáo dục và Đào tạo chủ trì, phối hợp với các cơ quan liên quan:
a) Số hóa hồ sơ tuyển sinh;
b) Báo cáo kết quả trước ngày 15/12/2026.
3. UBND các xã, phường
a) Thực hiện tiếp nhận hồ sơ đúng quy định.
III. TỔ CHỨC THỰC HIỆN
Sở Nội vụ theo dõi, đôn đốc.`.normalize('NFD');
    const r = parseDirective(text, units);
    expect([r.number, r.kind, r.date, r.title]).toEqual(['45/KH-UBND', 'ke_hoach', '2026-02-03', 'Cải cách hành chính năm 2026']);
    expect(summary(r)).toEqual([
      ['1.', '86.SYT', 2],
      ['2.', '86.SGDDT', 2],
      ['3.', 'group:communes', 1],
      ['III.', null, 1],
    ]);
  });

  it('a one-paragraph-per-unit letter with "Giao" and inline tasks', () => {
    const text = `Chủ tịch UBND tỉnh có ý kiến như sau:
1. Giao Sở Tư pháp: chủ trì rà soát văn bản quy phạm pháp luật về thủ tục hành chính, báo cáo trước 30/6.
2. Giao Sở Tài chính: bố trí kinh phí số hóa hồ sơ cho Trung tâm Phục vụ hành chính công.
3. Trung tâm Phục vụ hành chính công tỉnh: công khai danh sách hồ sơ trễ hạn hằng tháng.`;
    const r = parseDirective(text, units);
    expect(summary(r)).toEqual([
      ['1.', '86.STP', 1],
      ['2.', '86.STC', 1],
      ['3.', '86.TTPVHCC', 1],
    ]);
    expect(r.sections[0]!.tasks[0]!.text).toMatch(/^chủ trì rà soát/);
  });

  it('says what it could not find instead of inventing sections', () => {
    const r = parseDirective('Kính gửi các đồng chí. Trân trọng.', units);
    expect(r.sections).toEqual([]);
    expect(r.warnings[0]).toContain('Không nhận ra phần nhiệm vụ nào');
  });
});

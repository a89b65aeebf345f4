import { describe, expect, it } from 'vitest';
import { bandsReading, parseBands, parseFramework, pointsFor, type Bands } from './framework.domain';

const H = ['ma', 'noi_dung', 'diem_toi_da', 'cach_cham', 'du_lieu', 'thang_diem', 'minh_chung'];
const known = (k: string) => ['tasks.onTimeRate', 'dossiers.onTimeRate'].includes(k);

describe('framework table', () => {
  it('reads the tree with decimal commas, methods, bands and evidence, and counts the scored leaves', () => {
    const p = parseFramework(
      [
        ['Mã', 'Nội dung', 'Điểm tối đa', 'Cách chấm', 'Dữ liệu', 'Thang điểm', 'Minh chứng'],
        ['1', 'Công tác chỉ đạo, điều hành', '3', '', '', '', ''],
        ['1.1', 'Ban hành kế hoạch CCHC năm', '1,5', 'tu_cham', '', '', '1'],
        ['1.2', 'Hoàn thành nhiệm vụ đúng hạn', '1,5', 'du_lieu', 'tasks.onTimeRate', '>=100:1,5;>=80:1;0', ''],
        ['2', 'Điều tra xã hội học', '2', 'khao_sat', '', '', ''],
        ['3', 'Điểm thưởng', '1', '', '', '', ''],
        ['3.1', 'Sáng kiến được công nhận', '1', 'thuong', '', '', ''],
      ],
      known,
    );
    expect(p.errors).toEqual([]);
    expect(p.maxTotal).toBe(5);
    expect(p.scored).toBe(3);
    expect(p.criteria.find((c) => c.code === '1.1')).toMatchObject({
      maxPoints: 1.5,
      method: 'tu_cham',
      evidenceRequired: true,
      level: 2,
      parentCode: '1',
    });
    expect(p.criteria.find((c) => c.code === '1.2')!.bands).toEqual({
      steps: [
        { min: 100, points: 1.5 },
        { min: 80, points: 1 },
      ],
      otherwise: 0,
    });
  });

  it('names the row, column and reason of every mistake', () => {
    const p = parseFramework(
      [
        H,
        ['1', 'Chỉ đạo', '5', '', '', '', ''],
        ['1.1', 'Kế hoạch', '1', 'tu_cham', '', '', ''],
        ['1.1', 'Trùng mã', '1', 'tu_cham', '', '', ''],
        ['2.1', 'Không có mục cha', '1', 'tu_cham', '', '', ''],
        ['1.2', 'Hồ sơ đúng hạn', 'một', 'du_lieu', 'dossiers.nothing', '>=90:2;0', ''],
        ['1.3', 'Thang điểm vượt tối đa', '1', 'du_lieu', 'dossiers.onTimeRate', '>=90:2;0', ''],
        ['1.4', 'Cách chấm lạ', '1', 'tu_do', '', '', ''],
      ],
      known,
    );
    expect(p.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'diem_toi_da'],
      [4, 'ma'],
      [5, 'ma'],
      [6, 'diem_toi_da'],
      [6, 'du_lieu'],
      [7, 'thang_diem'],
      [8, 'cach_cham'],
      [8, 'cach_cham'],
    ]);
    expect(p.errors[1]!.message).toBe('Dòng 4, cột "ma": mã 1.1 trùng với dòng 3.');
    expect(p.errors[0]!.message).toBe('Dòng 2, cột "diem_toi_da": mục 1 có điểm tối đa 5 nhưng các mục con cộng lại 3.');
  });

  it('reads bands top to bottom: the first band reached gives the points', () => {
    const b = parseBands('>=100:1;>=80:0,5;0');
    expect(typeof b).toBe('object');
    if (typeof b === 'string') return;
    expect([pointsFor(100, b), pointsFor(95, b), pointsFor(80, b), pointsFor(79.9, b), pointsFor(null, b)]).toEqual([1, 0.5, 0.5, 0, 0]);
    expect(parseBands('>=80:1;>=90:2')).toBe('các mức phải xếp từ cao xuống thấp');
    expect(parseBands('nhiều:1')).toContain('không đọc được');
  });
});

describe('bands as read on the sheet', () => {
  it('names each step in Vietnamese numbers, then what is below', () => {
    expect(bandsReading(parseBands('>=97,5:8;>=90:5;0') as Bands)).toBe('từ 97,5 %: 8 điểm; từ 90 %: 5 điểm; thấp hơn: 0 điểm');
    expect(bandsReading(null)).toBe('');
  });
});

/**
 * Suggests which index components a task protects, from the words of its text. A suggestion only: the
 * user confirms it in the review form. Codes follow the shipped methodologies (PAPI D1–D8, PAR L1–L8,
 * SIPAS A1–A5, 766 G1–G5).
 */
import { foldText } from '@cchc/core';

const RULES: { words: RegExp; links: [string, string][] }[] = [
  {
    words: /thu tuc hanh chinh|mot cua|ho so tthc|tthc|giai quyet ho so/,
    links: [
      ['PAPI', 'D5'],
      ['PAR_INDEX', 'L3'],
      ['766', 'G2'],
    ],
  },
  {
    words: /tre han|qua han|dung han|xin loi/,
    links: [
      ['766', 'G2'],
      ['SIPAS', 'A4'],
    ],
  },
  {
    words: /truc tuyen|chuyen doi so|so hoa|dien tu|cong thong tin|cong dich vu cong|cntt|cong nghe thong tin/,
    links: [
      ['PAPI', 'D8'],
      ['PAR_INDEX', 'L7'],
      ['766', 'G4'],
    ],
  },
  { words: /so hoa|ket qua dien tu/, links: [['766', 'G3']] },
  {
    words: /cong khai|minh bach/,
    links: [
      ['PAPI', 'D2'],
      ['766', 'G1'],
    ],
  },
  { words: /tham nhung|tieu cuc|nhung nhieu|loi dung chuc vu/, links: [['PAPI', 'D4']] },
  {
    words: /khieu nai|to cao|phan anh|kien nghi|tiep cong dan|giai trinh/,
    links: [
      ['PAPI', 'D3'],
      ['SIPAS', 'A5'],
    ],
  },
  { words: /y te|giao duc|truong hoc|benh vien|dich vu cong co ban|ha tang|an ninh trat tu/, links: [['PAPI', 'D6']] },
  { words: /moi truong|rac thai|o nhiem/, links: [['PAPI', 'D7']] },
  { words: /bau cu|dan chu co so|tham gia cua nguoi dan|mat tran/, links: [['PAPI', 'D1']] },
  { words: /van ban quy pham|the che|kiem tra van ban|phap luat/, links: [['PAR_INDEX', 'L2']] },
  { words: /to chuc bo may|sap xep|tinh gian bien che|vi tri viec lam/, links: [['PAR_INDEX', 'L4']] },
  {
    words: /cong vu|can bo, cong chuc|cong chuc, vien chuc|ky luat, ky cuong|tuyen dung|dao tao, boi duong/,
    links: [
      ['PAR_INDEX', 'L5'],
      ['SIPAS', 'A3'],
    ],
  },
  { words: /tai chinh cong|ngan sach|tu chu tai chinh|kinh phi/, links: [['PAR_INDEX', 'L6']] },
  { words: /chi dao, dieu hanh|ke hoach cai cach|kiem tra cai cach|tuyen truyen/, links: [['PAR_INDEX', 'L1']] },
  {
    words: /hai long|thai do phuc vu/,
    links: [
      ['SIPAS', 'A3'],
      ['766', 'G5'],
    ],
  },
];

export function suggestIndexLinks(text: string): { index: string; component: string }[] {
  const t = foldText(text);
  const out = new Map<string, { index: string; component: string }>();
  for (const r of RULES)
    if (r.words.test(t)) for (const [index, component] of r.links) out.set(`${index}:${component}`, { index, component });
  return [...out.values()];
}

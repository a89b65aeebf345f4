/**
 * Proposes the structure of a directive or plan from its text: header fields, numbered sections, the
 * lettered (or bulleted) tasks of each, and each section's lead unit. The user reviews the proposal;
 * nothing here is authoritative. Pure.
 */
import { normalizeText } from '@cchc/core';
import { UnitMatcher, type MatchableUnit, type UnitMatch } from './unit-matcher';
import { suggestIndexLinks } from './index-links';

/** The four kinds users issue, and the yearly lists of tasks other modules hand over (feedback, inspections). */
export type DirectiveKind = 'chi_thi' | 'ke_hoach' | 'quyet_dinh' | 'cong_van' | 'tong_hop';

export const KIND_LABELS: Record<DirectiveKind, string> = {
  chi_thi: 'Chỉ thị',
  ke_hoach: 'Kế hoạch',
  quyet_dinh: 'Quyết định',
  cong_van: 'Công văn',
  tong_hop: 'Nhiệm vụ tổng hợp',
};

export interface ParsedTask {
  label: string;
  text: string;
  /** Index components the task seems to protect, for the user to confirm. */
  suggestedLinks?: { index: string; component: string }[];
}

export interface ParsedSection extends UnitMatch {
  number: string;
  heading: string;
  tasks: ParsedTask[];
}

export interface ParsedDirective {
  number: string | null;
  kind: DirectiveKind | null;
  date: string | null;
  issuer: string | null;
  title: string | null;
  sections: ParsedSection[];
  warnings: string[];
}

const KIND_WORDS: [RegExp, DirectiveKind][] = [
  [/^chỉ thị$/i, 'chi_thi'],
  [/^kế hoạch$/i, 'ke_hoach'],
  [/^quyết định$/i, 'quyet_dinh'],
  [/^công văn$/i, 'cong_van'],
];

const SECTION_RE = /^((?:\d{1,2}\.)+\d{0,2}|[IVXL]{1,5}\.)\s*(.+)$/;
const LETTER_RE = /^([a-zđ])\)\s*(.+)$/;
const BULLET_RE = /^[-–•+*]\s+(.+)$/;
const END_RE = /^(nơi nhận|kt\.|tm\.|chủ tịch$|phó chủ tịch$)/i;
const SENTENCE_END = /[.;:!?…”")]$/;
/** Lines that scrapers of legal-document sites insert into the text. */
const NOISE_RE = /^(xem thêm|bạn đang xem|tham khảo thêm|mục lục văn bản|in mục lục|\*$|nguồn:)/i;
const startsLower = (l: string) => l[0] !== undefined && l[0] === l[0].toLowerCase() && l[0] !== l[0].toUpperCase();

/** "Chủ tịch UBND tỉnh yêu cầu …", "… thực hiện nghiêm túc Chỉ thị này", "Trong quá trình thực hiện, nếu có khó khăn …". */
const CLOSING_RE =
  /^(chủ tịch (ủy ban nhân dân|ubnd)|ủy ban nhân dân (tỉnh|xã|phường)|ubnd (tỉnh|xã|phường)).{0,120}(yêu cầu|đề nghị)\b|(nghiêm túc|nghiêm|khẩn trương) .{0,60}(chỉ thị|kế hoạch|công văn|quyết định) này|^trong quá trình (tổ chức )?thực hiện,? nếu có (khó khăn|vướng mắc)/i;

/** Words a unit's name does not end with: a heading ending so goes on on the next line. */
const OPEN_END = /\b(sở|ban|ủy ban|ủy ban nhân dân|ubnd|văn phòng|công an|bộ chỉ huy|trung tâm|các|và|tỉnh|cục|chi cục|đài|báo)$/i;

function continuesHeading(heading: string, line: string, matcher: UnitMatcher): boolean {
  if (SENTENCE_END.test(heading) || heading.length > 120 || line.length > 100) return false;
  if (SECTION_RE.test(line) || LETTER_RE.test(line) || BULLET_RE.test(line)) return false;
  if (startsLower(line) || OPEN_END.test(heading)) return true;
  // The name only matches a unit once the next line is added.
  return !matcher.match(heading).leadUnitCode && !!matcher.match(`${heading} ${line}`).leadUnitCode;
}

/** Consecutive capital lines joined ("ỦY BAN NHÂN" + "DÂN" + "TỈNH VĨNH LONG"), the national motto kept apart. */
function capitalBlocks(head: string[]): string[] {
  const out: string[] = [];
  let prevCapital = false;
  for (const l of head) {
    const letters = l.replace(/[^\p{L}]/gu, '');
    const capital = letters.length > 0 && letters === letters.toUpperCase() && !/-{3,}/.test(l);
    const apart = /^(cộng hòa|độc lập|số\s*:)/i.test(l);
    if (capital && prevCapital && !apart && out.length) out[out.length - 1] += ` ${l}`;
    else out.push(l);
    prevCapital = capital && !apart;
  }
  return out;
}

/** Lines of normalised text: markdown bold removed, look-alike letters fixed, blank lines dropped. */
function lines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => normalizeText(l.replace(/\*\*/g, '')))
    .filter((l) => l.length > 0 && !NOISE_RE.test(l));
}

function parseDate(text: string): string | null {
  const m = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/i.exec(text);
  if (!m) return null;
  return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

function kindFromNumber(num: string | null): DirectiveKind | null {
  if (!num) return null;
  const sym = num.split('/')[1] ?? '';
  if (/^CT\b/.test(sym)) return 'chi_thi';
  if (/^KH\b/.test(sym)) return 'ke_hoach';
  if (/^QĐ\b/.test(sym)) return 'quyet_dinh';
  if (/^(UBND|SNV|VP)/.test(sym)) return 'cong_van';
  return null;
}

interface RawSection {
  number: string;
  heading: string;
  depth: number;
  tasks: ParsedTask[];
  body: string[];
}

export function parseDirective(text: string, units: MatchableUnit[]): ParsedDirective {
  const all = lines(text);
  const warnings: string[] = [];
  const head = all.slice(0, 25).join('\n');

  const number = /Số\s*:\s*([0-9]+\s*\/\s*[A-ZĐ0-9]+(?:\s*-\s*[A-ZĐ0-9]+)*)/u.exec(head)?.[1]?.replace(/\s+/g, '') ?? null;
  const date = parseDate(head);
  let kind: DirectiveKind | null = null;
  let title: string | null = null;
  for (let i = 0; i < Math.min(all.length, 30); i++) {
    const l = all[i]!;
    const k = KIND_WORDS.find(([re]) => re.test(l));
    if (k) {
      kind = k[1];
      const next = all[i + 1];
      if (next && !SECTION_RE.test(next) && next.length < 400) title = next.replace(/^V\/v\s*/i, '');
      break;
    }
    if (/^V\/v\s+/i.test(l)) {
      title = l.replace(/^V\/v\s*/i, '');
      kind = 'cong_van';
      break;
    }
  }
  kind = kind ?? kindFromNumber(number);
  // The issuer block, as converted documents break it ("ỦY BAN NHÂN" / "DÂN" / "TỈNH VĨNH LONG").
  const issuerLine = capitalBlocks(all.slice(0, 14)).find(
    (l) => /^(ủy ban nhân dân|ubnd|chủ tịch ủy ban)/i.test(l) && !/cộng hòa/i.test(l),
  );
  let issuer: string | null = issuerLine ? issuerLine.replace(/\s*-{3,}.*$/, '').trim() : null;
  if (issuer) issuer = issuer.replace(/(cộng hòa.*)$/i, '').trim();
  if (!title) {
    const t = all.find((l) => /^về việc\s/i.test(l));
    if (t) title = t;
  }

  // ---- body: sections and tasks ----------------------------------------------------------------
  const matcher = new UnitMatcher(units);
  const raw: RawSection[] = [];
  let current: RawSection | null = null;
  let lastTask: ParsedTask | null = null;
  let ended = false;
  for (const l of all) {
    if (ended) break;
    if (END_RE.test(l)) {
      ended = !!current;
      if (ended) break;
      continue;
    }
    // The closing paragraph after the last section ("Chủ tịch UBND tỉnh yêu cầu … thực hiện nghiêm túc
    // Chỉ thị này") is the directive's closing, not a task.
    if (current && !SECTION_RE.test(l) && !LETTER_RE.test(l) && CLOSING_RE.test(l)) break;
    const sm = SECTION_RE.exec(l);
    if (sm && !/^\d{1,2}\.\d{1,2}\.\d{4}/.test(l) && sm[2]!.length < 300) {
      const num = sm[1]!;
      const depth = /^[IVXL]/.test(num) ? 0 : num.replace(/\.$/, '').split('.').length;
      current = { number: num, heading: sm[2]!, depth, tasks: [], body: [] };
      raw.push(current);
      lastTask = null;
      continue;
    }
    if (!current) continue;
    const lm = LETTER_RE.exec(l);
    if (lm) {
      lastTask = { label: `${lm[1]})`, text: lm[2]! };
      current.tasks.push(lastTask);
      continue;
    }
    const bm = BULLET_RE.exec(l);
    if (bm) {
      // A bullet under a lettered task belongs to it; otherwise it is a task of its own.
      const lettered = current.tasks.some((t) => /^[a-zđ]\)$/.test(t.label));
      if (lettered && lastTask) lastTask.text += `\n- ${bm[1]}`;
      else {
        lastTask = { label: '-', text: bm[1]! };
        current.tasks.push(lastTask);
      }
      continue;
    }
    // A heading whose unit name goes on on the next line ("2. Sở" / "Khoa học và Công nghệ").
    if (!lastTask && current.body.length === 0 && continuesHeading(current.heading, l, matcher)) {
      current.heading += ` ${l}`;
      continue;
    }
    // A line that continues a sentence cut by a line break joins the text before it.
    if (lastTask && !SENTENCE_END.test(lastTask.text)) lastTask.text += ` ${l}`;
    else if (
      !lastTask &&
      current.body.length === 0 &&
      !SENTENCE_END.test(current.heading) &&
      current.heading.length < 120 &&
      startsLower(l)
    )
      current.heading += ` ${l}`;
    else if (lastTask && startsLower(l)) lastTask.text += ` ${l}`;
    else {
      current.body.push(l);
      if (current.tasks.length) {
        lastTask = { label: '', text: l };
        current.tasks.push(lastTask);
      }
    }
  }

  let sections: ParsedSection[] = [];
  raw.forEach((r, i) => {
    const hasChildren = raw[i + 1] !== undefined && raw[i + 1]!.depth > r.depth;
    let tasks = r.tasks;
    if (!tasks.length && r.body.length) tasks = r.body.map((b) => ({ label: '', text: b }));
    // A heading that states its task inline ("4. Phòng Nội vụ: theo dõi, kiểm tra …").
    let heading = r.heading;
    const inline = /^([^:]{3,120}):\s+(.{20,})$/.exec(heading);
    if (inline && !tasks.length) {
      heading = inline[1]!;
      tasks = [{ label: '', text: inline[2]! }];
    }
    if (!tasks.length && hasChildren) return; // a container such as "2. Các sở, ban, ngành" over 2.1, 2.2 …
    if (!tasks.length && r.depth === 0) return; // a roman part without tasks of its own
    if (/^(mục đích|yêu cầu|căn cứ|quan điểm|mục tiêu)/i.test(heading)) return; // "I. MỤC ĐÍCH, YÊU CẦU": purpose, not tasks
    sections.push({ number: r.number, heading: heading.replace(/[:.]$/, ''), ...matcher.match(heading), tasks });
  });

  if (!sections.length) sections = unnumbered(all, matcher);
  for (const s of sections) for (const t of s.tasks) t.suggestedLinks = suggestIndexLinks(t.text);
  if (!sections.length) warnings.push('Không nhận ra phần nhiệm vụ nào (mục đánh số 1., 2.1., I., hoặc các đoạn “Lĩnh vực: nội dung”).');
  if (!number) warnings.push('Không tìm thấy số, ký hiệu của văn bản (dòng “Số: …/…”): hãy nhập ở phần Thông tin văn bản.');
  if (!date) warnings.push('Không tìm thấy ngày ban hành (“…, ngày … tháng … năm …”): hãy chọn ngày ban hành.');
  if (!issuer) warnings.push('Không tìm thấy cơ quan ban hành ở đầu văn bản: hãy kiểm tra trường “Cơ quan, người ban hành”.');
  if (!title) warnings.push('Không tìm thấy trích yếu của văn bản: hãy nhập trích yếu.');
  for (const s of sections)
    if (!s.leadUnitCode && !s.isGroup) warnings.push(`Mục ${s.number} "${s.heading}": chưa xác định được đơn vị chủ trì.`);
  return { number, kind, date, issuer, title, sections, warnings };
}

/**
 * Texts without numbering: paragraphs "Lĩnh vực: nội dung" become one section each (seed 003); other
 * paragraphs become the tasks of one section addressed to every unit (seed 001).
 */
function unnumbered(all: string[], matcher: UnitMatcher): ParsedSection[] {
  const paragraphs = all.filter((l) => l.length > 40 && !/^(nguồn|bạn đang xem)/i.test(l));
  const themed = paragraphs
    .map((p) => /^([^:.;]{8,100}):\s+(.{20,})$/.exec(p))
    .filter((m): m is RegExpExecArray => !!m && !/cụ thể|như sau|yêu cầu$/i.test(m[1]!));
  if (themed.length >= 3) {
    return themed.map((m, i) => ({ number: `${i + 1}.`, heading: m[1]!, ...matcher.match(m[1]!), tasks: [{ label: '', text: m[2]! }] }));
  }
  if (paragraphs.length >= 2) {
    const group = matcher.match('Các cơ quan, đơn vị');
    return [
      {
        number: '1.',
        heading: 'Các cơ quan, đơn vị',
        ...group,
        tasks: paragraphs.map((p, i) => ({ label: `${i + 1}.`, text: p.replace(/^Cụ thể,[^:]*yêu cầu:\s*/i, '') })),
      },
    ];
  }
  return [];
}

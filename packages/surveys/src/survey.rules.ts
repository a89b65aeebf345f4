/**
 * The surveys' rules that the browser shares with the server, with no Node import: the questionnaire's
 * shape, its labels and skip logic, and what the statuses, channels and quality flags are called.
 * `survey.domain.ts` re-exports them beside the rules that need Node (the seeded draw, the digests).
 */

export type QuestionType = 'single' | 'multiple' | 'scale5' | 'matrix' | 'number' | 'text';
export const QUESTION_TYPES: readonly QuestionType[] = ['single', 'multiple', 'scale5', 'matrix', 'number', 'text'];

export interface Option {
  value: number;
  label: string;
  /** A weighted option (the internal-index survey: A 100 %, B 60 %, C 20 %, D 0 %). */
  weight?: number;
}

/** Show the question only when an earlier answer (or a matrix item's answer) is one of `values`. */
export interface ShowIf {
  question: string;
  item?: string;
  values: number[];
}

export interface Question {
  id: string;
  text: string;
  type: QuestionType;
  options?: Option[];
  /** Matrix rows (each answered on the options' scale). */
  items?: { id: string; text: string }[];
  required?: boolean;
  /** For scale5 questions: the satisfaction aspect (see ASPECTS). */
  aspect?: string;
  /** A heading the form shows above a run of questions (the 33 items sit under "Câu 9"). */
  group?: string;
  showIf?: ShowIf;
  min?: number;
  max?: number;
}

export interface Section {
  id: string;
  title: string;
  questions: Question[];
}

export interface Definition {
  title: string;
  intro?: string;
  sections: Section[];
}

export const SCALE5: Option[] = [
  { value: 1, label: 'Rất không hài lòng' },
  { value: 2, label: 'Không hài lòng' },
  { value: 3, label: 'Bình thường' },
  { value: 4, label: 'Hài lòng' },
  { value: 5, label: 'Rất hài lòng' },
];

/** The aspects of SIPAS (Decision 1001/QĐ-BNV): 4 on policy, 5 on service delivery. */
export const ASPECTS: { code: string; label: string; part: 'policy' | 'service' }[] = [
  { code: 'CS1', label: 'Trách nhiệm giải trình của cơ quan', part: 'policy' },
  { code: 'CS2', label: 'Sự tham gia của người dân', part: 'policy' },
  { code: 'CS3', label: 'Chất lượng chính sách', part: 'policy' },
  { code: 'CS4', label: 'Kết quả, tác động của chính sách', part: 'policy' },
  { code: 'DV1', label: 'Tiếp cận dịch vụ', part: 'service' },
  { code: 'DV2', label: 'Thủ tục hành chính', part: 'service' },
  { code: 'DV3', label: 'Công chức trực tiếp giải quyết công việc', part: 'service' },
  { code: 'DV4', label: 'Kết quả giải quyết công việc', part: 'service' },
  { code: 'DV5', label: 'Tiếp nhận, xử lý phản ánh, kiến nghị', part: 'service' },
];
export const aspectLabel = (code: string) => ASPECTS.find((a) => a.code === code)?.label ?? code;

export const questionsOf = (d: Definition): Question[] => d.sections.flatMap((s) => s.questions);

/** What is wrong with a questionnaire, in Vietnamese (empty when it can be used). */
export function checkDefinition(d: Definition): string[] {
  const errors: string[] = [];
  if (!d.title?.trim()) errors.push('Bảng hỏi chưa có tiêu đề.');
  if (!d.sections?.length) errors.push('Bảng hỏi chưa có phần nào.');
  const seen = new Map<string, Question>();
  for (const [si, s] of (d.sections ?? []).entries()) {
    if (!s.title?.trim()) errors.push(`Phần ${si + 1}: chưa có tiêu đề.`);
    for (const q of s.questions ?? []) {
      const where = `Câu "${q.id}"`;
      if (!/^[A-Za-z0-9_.-]{1,40}$/.test(q.id ?? ''))
        errors.push(`${where}: mã câu hỏi chỉ gồm chữ, số, dấu chấm, gạch (tối đa 40 ký tự).`);
      if (seen.has(q.id)) errors.push(`${where}: mã câu hỏi bị trùng.`);
      if (!q.text?.trim()) errors.push(`${where}: chưa có nội dung câu hỏi.`);
      if (!QUESTION_TYPES.includes(q.type)) errors.push(`${where}: loại câu hỏi "${q.type}" không hợp lệ.`);
      if ((q.type === 'single' || q.type === 'multiple' || q.type === 'matrix') && !(q.options ?? []).length)
        errors.push(`${where}: cần ít nhất một phương án trả lời.`);
      if (q.type === 'matrix' && !(q.items ?? []).length) errors.push(`${where}: câu dạng bảng cần ít nhất một dòng.`);
      const values = (q.options ?? []).map((o) => o.value);
      if (new Set(values).size !== values.length) errors.push(`${where}: hai phương án có cùng giá trị.`);
      if (q.type === 'scale5' && q.aspect && !ASPECTS.some((a) => a.code === q.aspect) && !/^[A-Z0-9_]{1,12}$/.test(q.aspect))
        errors.push(`${where}: khía cạnh "${q.aspect}" không hợp lệ.`);
      if (q.showIf) {
        const target = seen.get(q.showIf.question);
        if (!target) errors.push(`${where}: điều kiện hiển thị dựa vào câu "${q.showIf.question}" không đứng trước nó.`);
        else if (q.showIf.item && !(target.items ?? []).some((i) => i.id === q.showIf!.item))
          errors.push(`${where}: câu "${target.id}" không có dòng "${q.showIf.item}".`);
      }
      seen.set(q.id, q);
    }
  }
  return errors;
}

export type AnswerValue = number | number[] | string | Record<string, number>;
export type Answers = Record<string, AnswerValue>;

/** Whether a question is shown, given the answers so far (skip logic). */
export function isShown(q: Pick<Question, 'showIf'>, answers: Answers): boolean {
  if (!q.showIf) return true;
  const a = answers[q.showIf.question];
  const v = q.showIf.item ? (a && typeof a === 'object' && !Array.isArray(a) ? a[q.showIf.item] : undefined) : a;
  if (Array.isArray(v)) return v.some((x) => q.showIf!.values.includes(x));
  return typeof v === 'number' && q.showIf.values.includes(v);
}

/** draft (questions editable, sample drawable) → published (tokens answer) → closed (no more answers). */
export type SurveyStatus = 'draft' | 'published' | 'closed';
export const STATUS_LABELS: Record<SurveyStatus, string> = { draft: 'Đang soạn', published: 'Đang thu phiếu', closed: 'Đã kết thúc' };

export type Channel = 'online' | 'paper' | 'interview' | 'kiosk';
export const CHANNELS: readonly Channel[] = ['online', 'paper', 'interview', 'kiosk'];
export const CHANNEL_LABELS: Record<Channel, string> = {
  online: 'Trực tuyến (đường dẫn, mã QR)',
  paper: 'Phiếu giấy (bưu chính)',
  interview: 'Phỏng vấn',
  kiosk: 'Máy tại quầy',
};

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  scale5: 'Thang 5 mức hài lòng',
  single: 'Chọn một',
  multiple: 'Chọn nhiều',
  matrix: 'Bảng nhiều dòng',
  number: 'Số',
  text: 'Văn bản',
};

export const FLAG_LABELS: Record<string, string> = {
  straight_line: 'Chọn cùng một mức cho mọi câu',
  too_fast: 'Trả lời quá nhanh',
  duplicate: 'Trùng hệt phiếu khác',
};

/**
 * Imports of the national portal's PAKN export and the provincial apps' (CSV or XLSX), so that every case
 * is in one list. Columns are found by their header (the template's names, or a mapping the office
 * gives); a case already imported from the same source with the same code is left as it is, so sending
 * the same file twice changes nothing. Valid rows are imported in one transaction and every refused row
 * is reported with its number, column and reason.
 */
import {
  AppError,
  authorize,
  checkZipBuffer,
  foldText,
  inTransaction,
  parseLocalDateTime,
  readTable,
  recordAudit,
  tablesToXlsx,
  type Actor,
  type AppServices,
  type RequestContext,
  type RowError,
  type UploadedFile,
} from '@cchc/core';
import { CHANNELS, CHANNEL_LABELS } from './feedback.domain';
import * as repo from './feedback.repository';
import { contactSecretOf, insertCase, validateIntake, type IntakeInput } from './intake.service';
import type { Channel } from './feedback.tables';

export const MAX_IMPORT_ROWS = 20_000;

/** Our fields, the template's header and the other headers recognised for each. */
export const IMPORT_COLUMNS = [
  { field: 'code', header: 'Mã phản ánh', also: ['ma', 'ma pakn', 'ma phan anh', 'code', 'so hieu'], required: true },
  {
    field: 'receivedAt',
    header: 'Thời điểm tiếp nhận',
    also: ['ngay tiep nhan', 'thoi gian gui', 'ngay gui', 'received_at'],
    required: true,
  },
  { field: 'name', header: 'Họ tên người gửi', also: ['ho ten', 'nguoi gui', 'ten nguoi gui', 'name'], required: true },
  { field: 'phone', header: 'Số điện thoại', also: ['dien thoai', 'sdt', 'phone'], required: false },
  { field: 'email', header: 'Thư điện tử', also: ['email', 'e-mail'], required: false },
  { field: 'address', header: 'Địa chỉ', also: ['dia chi', 'address'], required: false },
  { field: 'category', header: 'Lĩnh vực', also: ['linh vuc', 'chuyen muc', 'category'], required: false },
  { field: 'title', header: 'Tiêu đề', also: ['tieu de', 'title'], required: false },
  { field: 'content', header: 'Nội dung', also: ['noi dung', 'noi dung phan anh', 'content'], required: true },
  { field: 'place', header: 'Địa điểm', also: ['dia diem', 'vi tri', 'place'], required: false },
  { field: 'channel', header: 'Kênh', also: ['kenh', 'kenh tiep nhan', 'channel'], required: false },
] as const;

type Field = (typeof IMPORT_COLUMNS)[number]['field'];

function columnIndex(header: string[], mapping: Record<string, string>): { index: Map<Field, number>; errors: RowError[] } {
  const folded = header.map((h) => foldText(h).replace(/\s+/g, ' ').trim());
  const index = new Map<Field, number>();
  const errors: RowError[] = [];
  for (const col of IMPORT_COLUMNS) {
    const wanted = mapping[col.field] ? [foldText(mapping[col.field]!).trim()] : [foldText(col.header), ...col.also];
    const i = folded.findIndex((h) => wanted.includes(h));
    if (i >= 0) index.set(col.field, i);
    else if (col.required)
      errors.push({ row: 1, field: col.header, message: `Thiếu cột "${mapping[col.field] ?? col.header}" (dòng tiêu đề).` });
  }
  return { index, errors };
}

function channelOf(text: string, fallback: Channel): Channel | null {
  if (!text) return fallback;
  const f = foldText(text);
  if (CHANNELS.includes(f as Channel)) return f as Channel;
  const byLabel = CHANNELS.find((c) => foldText(CHANNEL_LABELS[c]) === f);
  if (byLabel) return byLabel;
  if (f.includes('zalo')) return 'zalo';
  if (f.includes('dien thoai') || f.includes('hotline')) return 'phone';
  if (f.includes('email') || f.includes('thu dien tu')) return 'email';
  if (f.includes('ung dung') || f.includes('app')) return 'app';
  if (f.includes('cong dich vu') || f.includes('dvc')) return 'portal';
  return null;
}

export async function importFeedback(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  file: UploadedFile,
  opts: { source: string; channel?: string; mapping?: string },
) {
  authorize(actor, 'feedback.manage');
  const source = opts.source.trim();
  if (!/^[a-z0-9-]{2,40}$/.test(source))
    throw new AppError(
      'VALIDATION',
      'Nguồn (trường "source") gồm chữ thường không dấu, số, "-" (ví dụ "cong-dvc-quoc-gia", "hue-s").',
      400,
      { field: 'source' },
    );
  const fallback = (opts.channel ?? 'portal') as Channel;
  if (!CHANNELS.includes(fallback))
    throw new AppError('VALIDATION', `Kênh (trường "channel") không hợp lệ: "${opts.channel}".`, 400, { field: 'channel' });
  let mapping: Record<string, string> = {};
  if (opts.mapping?.trim()) {
    try {
      mapping = JSON.parse(opts.mapping);
    } catch {
      throw new AppError('VALIDATION', 'Ánh xạ cột (trường "mapping") phải là JSON, ví dụ {"code": "Mã PAKN"}.', 400, { field: 'mapping' });
    }
  }
  if (/\.xlsx$/i.test(file.filename) || (file.data[0] === 0x50 && file.data[1] === 0x4b)) checkZipBuffer(file.data, file.filename);
  const table = await readTable(file.data, file.filename);
  if (table.length < 2) throw new AppError('EMPTY_FILE', `Tệp "${file.filename}" không có dòng dữ liệu nào.`, 422);
  if (table.length - 1 > MAX_IMPORT_ROWS)
    throw new AppError(
      'TOO_MANY_ROWS',
      `Tệp có ${table.length - 1} dòng, quá ${MAX_IMPORT_ROWS.toLocaleString('vi-VN')} dòng mỗi lần nhập: hãy chia nhỏ tệp.`,
      413,
    );
  const { index, errors: headerErrors } = columnIndex(table[0]!, mapping);
  if (headerErrors.length) throw new AppError('BAD_HEADER', headerErrors.map((e) => e.message).join(' '), 422, { errors: headerErrors });
  const cats = await repo.categories(s.db, s.provinceCode);
  const errors: RowError[] = [];
  const seen = new Set<string>();
  const valid: { rowNo: number; code: string; receivedAt: Date; channel: Channel; input: ReturnType<typeof validateIntake> }[] = [];
  for (let i = 1; i < table.length; i++) {
    const row = table[i]!;
    const rowNo = i + 1;
    const cell = (f: Field) => (index.has(f) ? (row[index.get(f)!] ?? '').trim() : '');
    if (row.every((c) => !c.trim())) continue;
    const code = cell('code');
    if (!code) {
      errors.push({ row: rowNo, field: 'Mã phản ánh', message: 'Thiếu mã phản ánh của hệ thống nguồn.' });
      continue;
    }
    if (seen.has(code)) {
      errors.push({ row: rowNo, field: 'Mã phản ánh', message: `Mã "${code}" lặp lại trong tệp.` });
      continue;
    }
    seen.add(code);
    const receivedAt = parseLocalDateTime(cell('receivedAt'))?.at ?? null;
    if (!receivedAt || receivedAt.getTime() > s.now().getTime()) {
      errors.push({
        row: rowNo,
        field: 'Thời điểm tiếp nhận',
        message: `"${cell('receivedAt')}" không phải ngày giờ hợp lệ trong quá khứ (dạng 03/09/2026 14:20).`,
      });
      continue;
    }
    const channel = channelOf(cell('channel'), fallback);
    if (!channel) {
      errors.push({ row: rowNo, field: 'Kênh', message: `Kênh "${cell('channel')}" không nhận ra.` });
      continue;
    }
    const input: IntakeInput = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.field, cell(c.field)]));
    try {
      valid.push({ rowNo, code, receivedAt, channel, input: validateIntake(input, cats) });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const field = (err.details as { field?: string } | undefined)?.field;
      errors.push({ row: rowNo, field: IMPORT_COLUMNS.find((c) => c.field === field)?.header ?? field ?? '', message: err.message });
    }
  }
  await contactSecretOf(s);
  const result = await inTransaction(s.db, async (tx) => {
    const existing = new Set(
      valid.length
        ? (
            await tx
              .selectFrom('feedbackCase')
              .select('externalCode')
              .where('provinceCode', '=', s.provinceCode)
              .where('source', '=', source)
              .where(
                'externalCode',
                'in',
                valid.map((v) => v.code),
              )
              .execute()
          ).map((r) => r.externalCode)
        : [],
    );
    let created = 0;
    for (const v of valid) {
      if (existing.has(v.code)) continue;
      const clock = cats.find((c) => c.code === v.input.categoryCode)!;
      await insertCase(
        s,
        tx,
        { ...v.input, channel: v.channel, receivedAt: v.receivedAt, source, externalCode: v.code, createdBy: actor.userId || null },
        clock,
      );
      created++;
    }
    const summary = { rows: table.length - 1, created, unchanged: valid.length - created, errors: errors.length };
    const rec = await tx
      .insertInto('feedbackImport')
      .values({
        provinceCode: s.provinceCode,
        source,
        filename: file.filename,
        ...summary,
        importedBy: actor.userId || null,
        importedAt: s.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, 'feedback.import', {
      entityType: 'feedback_import',
      entityId: Number(rec.id),
      after: { source, filename: file.filename, ...summary },
    });
    return { id: Number(rec.id), ...summary };
  });
  return { ...result, errorRows: errors.slice(0, 500) };
}

/** The import template: the recognised headers ((*) required), one example row, and a sheet of allowed values. */
export async function importTemplate(categories: readonly { code: string; name: string }[]) {
  const example: Record<Field, string> = {
    code: 'PAKN.20261102.0001',
    receivedAt: '02/11/2026 09:15',
    name: 'Nguyễn Văn An',
    phone: '0912345678',
    email: '',
    address: 'Phường Phú Khương',
    category: 'moi_truong',
    title: 'Rác thải tồn đọng',
    content: 'Rác thải tồn đọng nhiều ngày tại đầu hẻm 12, chưa được thu gom.',
    place: 'Hẻm 12, đường Nguyễn Đình Chiểu',
    channel: 'portal',
  };
  return tablesToXlsx([
    {
      name: 'Phản ánh',
      columns: IMPORT_COLUMNS.map((c) => ({
        header: c.header + (c.required ? ' (*)' : ''),
        key: c.field,
        width: c.field === 'content' ? 60 : 22,
      })),
      rows: [example],
    },
    {
      name: 'Giá trị hợp lệ',
      columns: [
        { header: 'Cột', key: 'column', width: 22 },
        { header: 'Giá trị', key: 'value', width: 24 },
        { header: 'Ý nghĩa', key: 'meaning', width: 60 },
      ],
      rows: [
        ...categories.map((c) => ({ column: 'Lĩnh vực', value: c.code, meaning: c.name })),
        ...CHANNELS.map((c) => ({ column: 'Kênh', value: c, meaning: CHANNEL_LABELS[c] })),
        {
          column: 'Thời điểm tiếp nhận',
          value: '03/09/2026 14:20',
          meaning: 'Giờ Việt Nam; hoặc 2026-09-03T14:20:00; chỉ ngày: tính từ 0 giờ',
        },
        { column: 'Số điện thoại', value: '0912345678', meaning: 'Cần số điện thoại hoặc thư điện tử' },
      ],
    },
  ]);
}

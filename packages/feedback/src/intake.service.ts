/**
 * One intake for every channel: the public form (no login), staff entry of letters, phone calls and
 * counter visits, and imports from the national portal and provincial apps. Each case gets its tracking
 * code and its clocks on the core calendar; its photos are cleaned (metadata removed) before storing.
 */
import {
  AppError,
  inTransaction,
  recordAudit,
  storedSecret,
  toLocalParts,
  unitRepository,
  type Actor,
  type AppServices,
  type Db,
  type RequestContext,
  type UploadedFile,
} from '@cchc/core';
import {
  caseCode,
  clocksFor,
  CHANNELS,
  DEFAULT_CATEGORY,
  isEmail,
  looksLikeComplaint,
  normalisePhone,
  senderKeyOf,
  type CategoryClock,
} from './feedback.domain';
import * as repo from './feedback.repository';
import { LETTER_OWNER, RAW_PHOTO_OWNER } from './feedback.repository';
import { checkPhotos } from './photos';
import type { CaseKind, Channel } from './feedback.tables';

export interface IntakeInput {
  name?: string;
  phone?: string;
  email?: string;
  address?: string;
  category?: string;
  kind?: string;
  title?: string;
  content?: string;
  place?: string;
  latitude?: string | number;
  longitude?: string | number;
  consent?: string | boolean;
}

export interface NewCase {
  senderName: string;
  senderPhone: string | null;
  senderEmail: string | null;
  senderAddress: string | null;
  categoryCode: string;
  /** What the sender chose when it was not a known category (the office classifies it). */
  categoryAsked: string | null;
  kind: CaseKind;
  title: string | null;
  content: string;
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  consent: boolean;
}

const bad = (field: string, message: string) => new AppError('VALIDATION', message, 400, { field });
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : String(v).trim());

function coordinate(v: unknown, field: 'latitude' | 'longitude', limit: number): number | null {
  const t = text(v).replace(',', '.');
  if (!t) return null;
  const n = Number(t);
  if (!Number.isFinite(n) || Math.abs(n) > limit) throw bad(field, `Toạ độ (trường "${field}") không hợp lệ: "${t}".`);
  return n;
}

/**
 * Checks what a sender wrote, with a Vietnamese reason naming the field: content (10–5.000 characters),
 * a name, and a phone number or an e-mail address so the province can answer.
 */
export function validateIntake(input: IntakeInput, categories: readonly { code: string; name: string; isActive: boolean }[]): NewCase {
  const content = text(input.content);
  if (!content) throw bad('content', 'Thiếu nội dung phản ánh, kiến nghị (trường "content").');
  if (content.length < 10) throw bad('content', 'Nội dung phản ánh (trường "content") quá ngắn: hãy mô tả ít nhất 10 ký tự.');
  if (content.length > 5000) throw bad('content', 'Nội dung phản ánh (trường "content") dài quá 5.000 ký tự.');
  const name = text(input.name);
  if (!name) throw bad('name', 'Thiếu họ tên người gửi (trường "name").');
  if (name.length > 200) throw bad('name', 'Họ tên (trường "name") dài quá 200 ký tự.');
  const phoneText = text(input.phone);
  const emailText = text(input.email).toLowerCase();
  if (!phoneText && !emailText)
    throw bad('phone', 'Cần số điện thoại (trường "phone") hoặc thư điện tử (trường "email") để cơ quan trả lời người gửi.');
  const phone = phoneText ? normalisePhone(phoneText) : null;
  if (phoneText && !phone) throw bad('phone', `Số điện thoại (trường "phone") không hợp lệ: "${phoneText.slice(0, 30)}".`);
  if (emailText && !isEmail(emailText)) throw bad('email', `Thư điện tử (trường "email") không hợp lệ: "${emailText.slice(0, 60)}".`);
  const asked = text(input.category);
  const known = categories.find((c) => c.isActive && (c.code === asked || c.name.toLowerCase() === asked.toLowerCase()));
  const kindText = text(input.kind);
  if (kindText && kindText !== 'phan_anh' && kindText !== 'kien_nghi')
    throw bad('kind', 'Loại (trường "kind") phải là "phan_anh" (phản ánh) hoặc "kien_nghi" (kiến nghị).');
  const limited = (v: unknown, field: string, max: number) => {
    const t = text(v);
    if (t.length > max) throw bad(field, `Trường "${field}" dài quá ${max} ký tự.`);
    return t || null;
  };
  const consent = input.consent === true || ['true', 'on', '1', 'yes'].includes(text(input.consent).toLowerCase());
  return {
    senderName: name,
    senderPhone: phone,
    senderEmail: emailText || null,
    senderAddress: limited(input.address, 'address', 500),
    categoryCode: known?.code ?? DEFAULT_CATEGORY,
    categoryAsked: asked && !known ? asked.slice(0, 200) : null,
    kind: (kindText as CaseKind) || 'phan_anh',
    title: limited(input.title, 'title', 300),
    content,
    place: limited(input.place, 'place', 500),
    latitude: coordinate(input.latitude, 'latitude', 90),
    longitude: coordinate(input.longitude, 'longitude', 180),
    consent,
  };
}

const contactSecrets = new WeakMap<Db, Promise<string>>();
/**
 * The key of hashed contacts, read (or made) outside any transaction: on the embedded database a read
 * on `s.db` inside a transaction would wait for the transaction's own connection.
 */
export function contactSecretOf(s: AppServices): Promise<string> {
  let p = contactSecrets.get(s.db);
  if (!p) contactSecrets.set(s.db, (p = storedSecret(s.db, 'feedback_contact_secret')));
  return p;
}

export interface InsertCase extends NewCase {
  channel: Channel;
  receivedAt: Date;
  source?: string | null;
  externalCode?: string | null;
  createdBy: number | null;
  /** An imported case may arrive already assigned, answered or published. */
  status?: 'received';
}

/**
 * Inserts one case with its code and clocks (inside the caller's transaction, which must have called
 * `contactSecretOf` before it began); returns its row.
 */
export async function insertCase(s: AppServices, tx: Db, c: InsertCase, clock: CategoryClock) {
  const cal = s.calendar();
  const clocks = clocksFor(cal, c.receivedAt, clock);
  const day = toLocalParts(c.receivedAt).date;
  const code = caseCode(day, await repo.nextSequence(tx, day));
  const row = await tx
    .insertInto('feedbackCase')
    .values({
      provinceCode: s.provinceCode,
      code,
      channel: c.channel,
      source: c.source ?? null,
      externalCode: c.externalCode ?? null,
      categoryCode: c.categoryCode,
      kind: c.kind,
      status: 'received',
      senderName: c.senderName,
      senderPhone: c.senderPhone,
      senderEmail: c.senderEmail,
      senderAddress: c.senderAddress,
      senderKey: senderKeyOf(await contactSecretOf(s), c.senderPhone, c.senderEmail),
      place: c.place,
      latitude: c.latitude,
      longitude: c.longitude,
      title: c.title,
      content: c.content,
      consent: c.consent,
      receivedAt: c.receivedAt,
      ...clocks,
      createdBy: c.createdBy,
      updatedAt: s.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const notes = [
    c.categoryAsked ? `Người gửi chọn lĩnh vực "${c.categoryAsked}" (chưa có trong danh mục).` : null,
    looksLikeComplaint(c.content) ? 'Nội dung có dấu hiệu khiếu nại, tố cáo: cần phân loại.' : null,
  ].filter(Boolean);
  await repo.addEvent(tx, { caseId: Number(row.id), at: c.receivedAt, kind: 'received', isPublic: true, userId: c.createdBy });
  // Hints for the office, never shown to the public.
  if (notes.length)
    await repo.addEvent(tx, { caseId: Number(row.id), at: c.receivedAt, kind: 'intake_note', isPublic: false, note: notes.join(' ') });
  return row;
}

/** The checked uploads as raw photos, cleaned of their metadata by the background job before anyone sees them. */
async function storePhotos(
  s: AppServices,
  tx: Db,
  caseId: number,
  photos: Awaited<ReturnType<typeof checkPhotos>>,
  uploadedBy: number | null,
) {
  for (const [i, p] of photos.entries()) {
    const photo = await tx
      .insertInto('feedbackPhoto')
      .values({ caseId, sortOrder: i + 1, width: p.width, height: p.height, cleaned: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    await s.files.attach(tx, {
      data: p.file.data,
      filename: `anh-${i + 1}`,
      mime: p.file.mimetype,
      ownerType: RAW_PHOTO_OWNER,
      ownerId: photo.id,
      unitId: null,
      uploadedBy,
    });
  }
}

/** A case sent on the public form: 201 with its tracking code and due date. */
export async function submitPublic(s: AppServices, ctx: RequestContext, input: IntakeInput, files: readonly UploadedFile[]) {
  const cats = await repo.categories(s.db, s.provinceCode);
  const c = validateIntake(input, cats);
  const clock = cats.find((x) => x.code === c.categoryCode)!;
  const photos = await checkPhotos(files);
  await contactSecretOf(s);
  const row = await inTransaction(s.db, async (tx) => {
    const r = await insertCase(s, tx, { ...c, channel: 'web', receivedAt: s.now(), createdBy: null }, clock);
    await storePhotos(s, tx, Number(r.id), photos, null);
    await recordAudit(tx, ctx, 'feedback.submit', {
      entityType: 'feedback_case',
      entityId: r.code,
      after: { code: r.code, channel: 'web', category: r.categoryCode, photos: photos.length, dueDate: r.dueDate },
    });
    return r;
  });
  return { code: row.code, dueDate: row.dueDate };
}

export interface StaffIntake extends IntakeInput {
  channel: string;
  /** When it arrived (a letter received yesterday); default now. */
  receivedAt?: string;
}

/** A letter, phone call, e-mail or counter visit written up by staff (the channel recorded, the letter attached). */
export async function createByStaff(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  input: StaffIntake,
  files: readonly UploadedFile[],
  letter: UploadedFile | null,
) {
  const channel = input.channel as Channel;
  if (!CHANNELS.includes(channel) || channel === 'web')
    throw bad('channel', `Kênh tiếp nhận (trường "channel") không hợp lệ: "${input.channel}" (thư, điện thoại, thư điện tử, trực tiếp…).`);
  let receivedAt = s.now();
  if (input.receivedAt) {
    const t = new Date(input.receivedAt);
    if (Number.isNaN(t.getTime()))
      throw bad('receivedAt', `Thời điểm tiếp nhận (trường "receivedAt") không hợp lệ: "${input.receivedAt}".`);
    if (t.getTime() > s.now().getTime() + 60_000)
      throw bad('receivedAt', 'Thời điểm tiếp nhận (trường "receivedAt") không được ở tương lai.');
    receivedAt = t;
  }
  const cats = await repo.categories(s.db, s.provinceCode);
  const c = validateIntake(input, cats);
  const clock = cats.find((x) => x.code === c.categoryCode)!;
  const photos = await checkPhotos(files);
  if (letter && letter.data.length > 20 * 1024 * 1024) throw new AppError('FILE_TOO_LARGE', `Tệp "${letter.filename}" lớn hơn 20 MB.`, 413);
  await contactSecretOf(s);
  const row = await inTransaction(s.db, async (tx) => {
    const r = await insertCase(s, tx, { ...c, channel, receivedAt, createdBy: actor.userId || null }, clock);
    await storePhotos(s, tx, Number(r.id), photos, actor.userId || null);
    if (letter)
      await s.files.attach(tx, {
        data: letter.data,
        filename: letter.filename,
        mime: letter.mimetype,
        ownerType: LETTER_OWNER,
        ownerId: r.id,
        unitId: null,
        uploadedBy: actor.userId || null,
      });
    await recordAudit(tx, ctx, 'feedback.create', {
      entityType: 'feedback_case',
      entityId: r.code,
      after: {
        code: r.code,
        channel,
        category: r.categoryCode,
        receivedAt: r.receivedAt,
        dueDate: r.dueDate,
        letter: letter?.filename ?? null,
      },
    });
    return r;
  });
  return { id: Number(row.id), code: row.code, dueDate: row.dueDate };
}

/** A current unit of the deployment's province (not the province itself), by code; 400 naming the field otherwise. */
export async function provinceUnit(s: AppServices, db: Db, code: string, field = 'unitCode') {
  const u = await unitRepository.findUnitByCode(db, code, s.today());
  if (!u || u.provinceCode !== s.provinceCode || u.code === s.provinceCode)
    throw bad(field, `Không có đơn vị "${code}" đang hoạt động trong tỉnh (trường "${field}").`);
  return u;
}

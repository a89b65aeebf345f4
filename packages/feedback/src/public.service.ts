/**
 * The public side: the sender follows the case by its tracking code and rates the answer; everyone
 * searches the published answers. Nothing here ever carries the sender's name, phone, e-mail or address.
 */
import { AppError, formatLocalDateTime, inTransaction, recordAudit, type AppServices, type RequestContext } from '@cchc/core';
import { CASE_CODE, STATUS_LABELS } from './feedback.domain';
import * as repo from './feedback.repository';
import { PHOTO_OWNER } from './feedback.repository';
import { contactSecretOf, insertCase } from './intake.service';
import { sql } from 'kysely';

const iso = (d: Date | null) => (d ? formatLocalDateTime(new Date(d)) : null);
const unknownCode = (code: string) =>
  new AppError('NOT_FOUND', `Không tìm thấy phản ánh có mã "${code}". Kiểm tra lại mã tra cứu (dạng PAKN.YYYYMMDD.NNNN).`, 404);

async function byCode(s: AppServices, raw: string) {
  const code = raw.trim().toUpperCase();
  if (!CASE_CODE.test(code)) throw unknownCode(raw);
  const row = await repo.getCaseByCode(s.db, s.provinceCode, code);
  if (!row) throw unknownCode(code);
  return row;
}

/** The public photos of a published, visible case. */
async function publicPhotoIds(s: AppServices, caseId: number) {
  return (
    await s.db
      .selectFrom('feedbackPhoto')
      .select('id')
      .where('caseId', '=', caseId)
      .where('isPublic', '=', true)
      .orderBy('sortOrder')
      .execute()
  ).map((p) => Number(p.id));
}

export async function trackCase(s: AppServices, raw: string) {
  const row = await byCode(s, raw);
  const [events, cat, unit] = await Promise.all([
    repo.eventsOf(s.db, Number(row.id), true),
    repo.category(s.db, s.provinceCode, row.categoryCode),
    row.leadUnitId ? s.db.selectFrom('unit').select('name').where('id', '=', row.leadUnitId).executeTakeFirst() : undefined,
  ]);
  const published = row.status === 'published';
  return {
    code: row.code,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    categoryName: cat?.name ?? row.categoryCode,
    receivedAt: iso(row.receivedAt)!,
    dueDate: row.dueDate,
    ...(unit && { unitName: unit.name }),
    ...(published && { answer: row.answer ?? '', publishedAt: iso(row.publishedAt)! }),
    ...((row.status === 'rejected' || row.status === 'redirected') && { reason: row.rejectReason ?? '' }),
    extension: row.extendedDays ? { days: row.extendedDays, reason: row.extensionReason ?? '' } : null,
    rating: row.ratedAt ? { stars: row.ratingStars!, solved: row.ratingSolved! } : null,
    canRate: published && !row.ratedAt,
    photos: published && !row.hidden ? await publicPhotoIds(s, Number(row.id)) : [],
    events: events.map((e) => ({ at: iso(e.at)!, kind: e.kind, note: e.note })),
  };
}

/**
 * The sender rates the published answer once (1–5 stars) and may say the problem is not solved: that
 * opens a repeat case, linked to the first and sent back to the same unit.
 */
export async function rateCase(
  s: AppServices,
  ctx: RequestContext,
  raw: string,
  input: { stars: number; solved: boolean; comment?: string },
) {
  const row = await byCode(s, raw);
  if (row.status !== 'published') throw new AppError('NOT_ANSWERED', 'Chỉ đánh giá được khi phản ánh đã có trả lời công khai.', 409);
  if (row.ratedAt) throw new AppError('ALREADY_RATED', 'Phản ánh này đã được đánh giá.', 409);
  await contactSecretOf(s);
  const repeat = await inTransaction(s.db, async (tx) => {
    const now = s.now();
    const done = await tx
      .updateTable('feedbackCase')
      .set({ ratingStars: input.stars, ratingSolved: input.solved, ratedAt: now, updatedAt: now })
      .where('id', '=', row.id)
      .where('ratedAt', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!done) throw new AppError('ALREADY_RATED', 'Phản ánh này đã được đánh giá.', 409);
    const comment = input.comment?.trim().slice(0, 2000) || null;
    await repo.addEvent(tx, {
      caseId: Number(row.id),
      at: now,
      kind: 'rated',
      isPublic: true,
      note: `Người gửi đánh giá ${input.stars}/5 sao${input.solved ? '' : ', vấn đề chưa được giải quyết'}.${comment ? ` Ý kiến: ${comment}` : ''}`,
    });
    let repeatCode: string | null = null;
    if (!input.solved) {
      const cat = (await repo.category(tx, s.provinceCode, row.categoryCode))!;
      const again = await insertCase(
        s,
        tx,
        {
          senderName: row.senderName ?? '',
          senderPhone: row.senderPhone,
          senderEmail: row.senderEmail,
          senderAddress: row.senderAddress,
          categoryCode: row.categoryCode,
          categoryAsked: null,
          kind: row.kind,
          title: row.title,
          content: `Người gửi cho biết vấn đề của phản ánh ${row.code} chưa được giải quyết.${comment ? `\nÝ kiến: ${comment}` : ''}\n\nNội dung phản ánh lần đầu: ${row.content}`,
          place: row.place,
          latitude: row.latitude,
          longitude: row.longitude,
          consent: row.consent,
          channel: row.channel,
          receivedAt: now,
          createdBy: null,
        },
        cat,
      );
      await tx
        .updateTable('feedbackCase')
        .set({
          repeatOf: row.id,
          status: row.leadUnitId ? 'assigned' : 'received',
          leadUnitId: row.leadUnitId,
          assignedAt: row.leadUnitId ? now : null,
          classifiedAt: row.leadUnitId ? now : null,
        })
        .where('id', '=', again.id)
        .execute();
      repeatCode = again.code;
    }
    await recordAudit(tx, ctx, 'feedback.rate', {
      entityType: 'feedback_case',
      entityId: row.code,
      before: { ratingStars: null, ratingSolved: null },
      after: { ratingStars: input.stars, ratingSolved: input.solved, repeatCode },
    });
    return repeatCode;
  });
  return { code: row.code, stars: input.stars, solved: input.solved, repeatCode: repeat };
}

export interface PublicQuery {
  q?: string;
  category?: string;
  unit?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** Published, visible answers, newest first; the content only where the sender agreed to its publication. */
export async function publishedAnswers(s: AppServices, f: PublicQuery) {
  let unitIds: number[] | undefined;
  if (f.unit) {
    const u = await s.db
      .selectFrom('unit')
      .select('id')
      .where('code', '=', f.unit)
      .where('provinceCode', '=', s.provinceCode)
      .executeTakeFirst();
    unitIds = u ? [Number(u.id)] : [];
  }
  const base = {
    provinceCode: s.provinceCode,
    scope: { ids: null, codes: null },
    q: f.q,
    category: f.category,
    unitIds,
    status: ['published' as const],
    hidden: false,
    today: s.today(),
  };
  let qb = repo
    .filtered(s.db, base)
    .leftJoin('unit as u', 'u.id', 'c.leadUnitId')
    .leftJoin('feedbackCategory as cat', (j) => j.onRef('cat.provinceCode', '=', 'c.provinceCode').onRef('cat.code', '=', 'c.categoryCode'))
    .select([
      'c.id',
      'c.code',
      'c.title',
      'c.consent',
      sql<string>`left(c.content, 600)`.as('excerpt'),
      'c.place',
      'cat.name as categoryName',
      'u.name as unitName',
      'c.receivedAt',
      'c.publishedAt',
      'c.answer',
      'c.ratingStars',
      sql<number>`count(*) over ()`.as('total'),
    ]);
  if (f.from) qb = qb.where(sql`((c.published_at at time zone 'UTC') + interval '7 hours')::date`, '>=', f.from);
  if (f.to) qb = qb.where(sql`((c.published_at at time zone 'UTC') + interval '7 hours')::date`, '<=', f.to);
  const rows = await qb.orderBy('c.publishedAt', 'desc').orderBy('c.id', 'desc').limit(f.limit).offset(f.offset).execute();
  const photos = rows.length
    ? await s.db
        .selectFrom('feedbackPhoto')
        .select(['id', 'caseId'])
        .where(
          'caseId',
          'in',
          rows.map((r) => r.id),
        )
        .where('isPublic', '=', true)
        .orderBy('sortOrder')
        .execute()
    : [];
  return {
    total: rows.length ? Number(rows[0]!.total) : 0,
    items: rows.map((r) => ({
      code: r.code,
      title: r.title,
      content: r.consent ? r.excerpt : null,
      place: r.place,
      categoryName: r.categoryName ?? '',
      unitName: r.unitName ?? '',
      receivedAt: iso(r.receivedAt)!,
      publishedAt: iso(r.publishedAt)!,
      answer: r.answer ?? '',
      ratingStars: r.ratingStars,
      photos: photos.filter((p) => p.caseId === r.id).map((p) => Number(p.id)),
    })),
  };
}

/** A photo on the public pages: only of a published, visible case, and only one the office cleared. */
export async function publicPhoto(s: AppServices, raw: string, photoId: number) {
  const row = await byCode(s, raw);
  const ok =
    row.status === 'published' &&
    !row.hidden &&
    (await s.db
      .selectFrom('feedbackPhoto')
      .select('id')
      .where('id', '=', photoId)
      .where('caseId', '=', row.id)
      .where('isPublic', '=', true)
      .executeTakeFirst());
  const [link] = ok ? await s.files.linksOf(s.db, PHOTO_OWNER, [photoId]) : [];
  if (!link) throw new AppError('NOT_FOUND', 'Không có ảnh công khai này.', 404);
  return { filename: `${row.code}-${photoId}.jpg`, data: await s.files.read(link) };
}

/**
 * Photos sent with a case, in two steps so the public intake stays fast at a flood of submissions:
 * - at intake, each file's header is read (format, pixel count — a decompression bomb is refused before
 *   anything is decoded) and the original is kept as a raw photo nobody is shown;
 * - a background job (`cleanPendingPhotos`) decodes it and writes it again as a JPEG of at most 2.048 px:
 *   that drops every metadata block (EXIF location, camera, owner), applies the camera's rotation and keeps
 *   a 12-megapixel photo to a few hundred kilobytes; then the raw file is deleted.
 */
import sharp from 'sharp';
import { AppError, inTransaction, type AppServices, type UploadedFile } from '@cchc/core';
import { PHOTO_OWNER, RAW_PHOTO_OWNER } from './feedback.repository';

export const MAX_PHOTOS = 5;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** 40 megapixels: more than any phone camera, far less than a bomb's. */
export const MAX_PHOTO_PIXELS = 40_000_000;
const EDGE = 2048;
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'heif', 'gif', 'tiff']);

export interface CleanPhoto {
  data: Buffer;
  width: number;
  height: number;
}

/** What the intake checks: an image of an accepted format within the size and pixel limits (its header only). */
export async function checkPhoto(file: UploadedFile, index: number): Promise<{ width: number; height: number }> {
  const bad = (why: string) =>
    new AppError('BAD_PHOTO', `Ảnh thứ ${index + 1} ("${file.filename}"): ${why}`, 400, { field: 'photos', index });
  if (file.data.length > MAX_PHOTO_BYTES) throw new AppError('FILE_TOO_LARGE', `Ảnh "${file.filename}" lớn hơn 10 MB.`, 413);
  let meta: sharp.Metadata;
  try {
    meta = await sharp(file.data, { limitInputPixels: MAX_PHOTO_PIXELS }).metadata();
  } catch {
    throw bad('không phải tệp ảnh đọc được (nhận JPEG, PNG, WebP, HEIC).');
  }
  if (!meta.format || !ACCEPTED.has(meta.format))
    throw bad(`định dạng ${meta.format ?? 'không rõ'} không được nhận (nhận JPEG, PNG, WebP, HEIC).`);
  if (!meta.width || !meta.height || meta.width * meta.height > MAX_PHOTO_PIXELS)
    throw bad('kích thước điểm ảnh quá lớn (tối đa 40 megapixel).');
  return { width: meta.width, height: meta.height };
}

/** Every photo of a submission checked in turn (a bad one refuses the submission, naming it). */
export async function checkPhotos(files: readonly UploadedFile[]) {
  if (files.length > MAX_PHOTOS) throw new AppError('TOO_MANY_FILES', `Chỉ gửi được tối đa ${MAX_PHOTOS} ảnh.`, 413);
  const out: { file: UploadedFile; width: number; height: number }[] = [];
  for (const [i, f] of files.entries()) out.push({ file: f, ...(await checkPhoto(f, i)) });
  return out;
}

/** The photo decoded and written again: no metadata, rotation applied, at most 2.048 px. */
export async function cleanPhoto(data: Buffer): Promise<CleanPhoto> {
  const out = await sharp(data, { limitInputPixels: MAX_PHOTO_PIXELS, pages: 1 })
    .rotate()
    .resize({ width: EDGE, height: EDGE, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer({ resolveWithObject: true });
  return { data: out.data, width: out.info.width, height: out.info.height };
}

/**
 * Cleans the photos waiting since intake, oldest first, a few per pass (the job runs again soon): the
 * cleaned JPEG replaces the raw upload in core's store. A photo that cannot be decoded after all is
 * dropped (its raw bytes too), with a note on the case for the office.
 */
export async function cleanPendingPhotos(s: AppServices, max = 20): Promise<number> {
  const pending = await s.db
    .selectFrom('feedbackPhoto')
    .select(['id', 'caseId'])
    .where('cleaned', '=', false)
    .orderBy('id')
    .limit(max)
    .execute();
  let done = 0;
  for (const p of pending) {
    const [raw] = await s.files.linksOf(s.db, RAW_PHOTO_OWNER, [p.id]);
    let clean: CleanPhoto | null = null;
    if (raw) {
      try {
        clean = await cleanPhoto(await s.files.read(raw));
      } catch {
        clean = null;
      }
    }
    await inTransaction(s.db, async (tx) => {
      if (clean) {
        await s.files.attach(tx, {
          data: clean.data,
          filename: raw!.filename.replace(/\.[^.]*$/, '') + '.jpg',
          mime: 'image/jpeg',
          ownerType: PHOTO_OWNER,
          ownerId: p.id,
          unitId: null,
          uploadedBy: raw!.uploadedBy,
        });
        await tx
          .updateTable('feedbackPhoto')
          .set({ cleaned: true, width: clean.width, height: clean.height })
          .where('id', '=', p.id)
          .execute();
      } else {
        await tx.deleteFrom('feedbackPhoto').where('id', '=', p.id).execute();
        await tx
          .insertInto('feedbackEvent')
          .values({
            caseId: p.caseId,
            at: s.now(),
            kind: 'intake_note',
            isPublic: false,
            note: 'Một ảnh gửi kèm bị hỏng, không đọc được: đã loại bỏ.',
            unitId: null,
            userId: null,
          })
          .execute();
      }
      if (raw) await s.files.detach(tx, raw.id);
    });
    done++;
  }
  return done;
}

/**
 * Photos sent with a case. Each is decoded and written again as a JPEG of at most 2.048 px: that drops
 * every metadata block (EXIF location, camera, owner), applies the camera's rotation and keeps a
 * cheap phone's 12-megapixel photo to a few hundred kilobytes. The pixel count is checked from the
 * header before anything is decoded (a decompression bomb is refused, not unpacked).
 */
import sharp from 'sharp';
import { AppError, type UploadedFile } from '@cchc/core';

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

export async function cleanPhoto(file: UploadedFile, index: number): Promise<CleanPhoto> {
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
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_PHOTO_PIXELS) throw bad('kích thước điểm ảnh quá lớn (tối đa 40 megapixel).');
  try {
    const out = await sharp(file.data, { limitInputPixels: MAX_PHOTO_PIXELS, pages: 1 })
      .rotate()
      .resize({ width: EDGE, height: EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { data: out.data, width: out.info.width, height: out.info.height };
  } catch {
    throw bad('ảnh bị hỏng, không đọc được hết nội dung.');
  }
}

/** Every photo of a submission, checked in turn (a bad one refuses the submission, naming it). */
export async function cleanPhotos(files: readonly UploadedFile[]): Promise<CleanPhoto[]> {
  if (files.length > MAX_PHOTOS) throw new AppError('TOO_MANY_FILES', `Chỉ gửi được tối đa ${MAX_PHOTOS} ảnh.`, 413);
  const out: CleanPhoto[] = [];
  for (const [i, f] of files.entries()) out.push(await cleanPhoto(f, i));
  return out;
}

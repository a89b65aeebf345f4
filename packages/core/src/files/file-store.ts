/**
 * One attachment store for every module: evidence, directive sources, generated exports. Files are
 * content-addressed — named by the SHA-256 of their bytes, so a file uploaded twice is stored once and
 * its hash can be shown as proof that it has not changed. The database holds what a record attaches
 * (`file_link`: name, type, size, unit, who, when) and which bytes exist (`stored_file`); the bytes are
 * in the data directory (`DATA_DIR/files/ab/cd/<sha256>`) or, when `S3_URL` is set, in an
 * S3-compatible bucket. Downloads go through the owning module, which checks the record's scope.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Db } from '../db/database';
import { AppError } from '../errors';

export interface BlobBackend {
  readonly kind: 'local' | 's3';
  put(sha256: string, data: Buffer): Promise<void>;
  get(sha256: string): Promise<Buffer>;
  remove(sha256: string): Promise<void>;
}

/** Bytes under a directory, two levels of fan-out; written to a temporary name then renamed (atomic). */
export function localBackend(dir: string): BlobBackend {
  const where = (sha: string) => path.join(dir, sha.slice(0, 2), sha.slice(2, 4), sha);
  return {
    kind: 'local',
    async put(sha, data) {
      const file = where(sha);
      if (
        await fs.promises.stat(file).then(
          (st) => st.size === data.length,
          () => false,
        )
      )
        return;
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
      await fs.promises.writeFile(tmp, data);
      await fs.promises.rename(tmp, file);
    },
    async get(sha) {
      try {
        return await fs.promises.readFile(where(sha));
      } catch {
        throw missing(sha);
      }
    },
    async remove(sha) {
      await fs.promises.rm(where(sha), { force: true });
    },
  };
}

/**
 * An S3-compatible bucket from a URL: `https://ACCESS_KEY:SECRET@host[:port]/bucket[/prefix]` (path-style
 * addressing, which MinIO, Ceph, SeaweedFS and the cloud providers all accept). Without credentials in the
 * URL the SDK's usual ones apply (AWS_ACCESS_KEY_ID…). Region: S3_REGION, default us-east-1.
 */
export function s3Backend(url: string, region = process.env.S3_REGION ?? 'us-east-1'): BlobBackend & { check(): Promise<void> } {
  const u = new URL(url);
  const [bucket, ...prefixParts] = u.pathname.split('/').filter(Boolean);
  if (!bucket) throw new Error('S3_URL thiếu tên bucket (…/bucket).');
  const prefix = prefixParts.length ? `${prefixParts.join('/')}/` : '';
  const credentials = u.username
    ? { accessKeyId: decodeURIComponent(u.username), secretAccessKey: decodeURIComponent(u.password) }
    : undefined;
  const client = new S3Client({ endpoint: `${u.protocol}//${u.host}`, region, forcePathStyle: true, credentials });
  const key = (sha: string) => `${prefix}${sha.slice(0, 2)}/${sha}`;
  return {
    kind: 's3',
    async check() {
      await client.send(new HeadBucketCommand({ Bucket: bucket }));
    },
    async put(sha, data) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key(sha), Body: data, ContentLength: data.length }));
    },
    async get(sha) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key(sha) }));
        return Buffer.from(await res.Body!.transformToByteArray());
      } catch (err) {
        if ((err as { name?: string }).name === 'NoSuchKey') throw missing(sha);
        throw err;
      }
    },
    async remove(sha) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key(sha) }));
    },
  };
}

function missing(sha: string) {
  return new AppError('FILE_MISSING', `Không tìm thấy nội dung tệp (SHA-256 ${sha.slice(0, 12)}…) trong kho lưu trữ.`, 410);
}

export interface AttachInput {
  data: Buffer;
  filename: string;
  mime: string;
  /** The record holding the file: e.g. 'task_report' + id, 'directive_source' + id. */
  ownerType: string;
  ownerId: string | number;
  unitId: number | null;
  uploadedBy: number | null;
}

export interface FileLinkView {
  id: number;
  sha256: string;
  filename: string;
  mime: string;
  size: number;
  ownerType: string;
  ownerId: string;
  unitId: number | null;
  uploadedBy: number | null;
  uploadedAt: Date;
}

export const sha256Of = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

export class FileStore {
  constructor(readonly backend: BlobBackend) {}

  /**
   * Stores the bytes (once per content) and links them to the record, inside the caller's transaction.
   * The bytes are written first: if the transaction then fails, an unlinked blob remains, never a link
   * to bytes that are not there.
   */
  async attach(db: Db, f: AttachInput): Promise<FileLinkView> {
    const sha256 = sha256Of(f.data);
    await this.backend.put(sha256, f.data);
    await db
      .insertInto('storedFile')
      .values({ sha256, size: f.data.length, storage: this.backend.kind })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    const row = await db
      .insertInto('fileLink')
      .values({
        sha256,
        ownerType: f.ownerType,
        ownerId: String(f.ownerId),
        filename: f.filename,
        mime: f.mime,
        size: f.data.length,
        unitId: f.unitId,
        uploadedBy: f.uploadedBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return row as FileLinkView;
  }

  /** The same stored content linked to another record too (no bytes copied): a snapshot keeps its files. */
  async copyLink(db: Db, from: FileLinkView, to: Pick<AttachInput, 'ownerType' | 'ownerId' | 'unitId'>): Promise<FileLinkView> {
    const { id: _id, uploadedAt: _at, ...rest } = from;
    return (await db
      .insertInto('fileLink')
      .values({ ...rest, ownerType: to.ownerType, ownerId: String(to.ownerId), unitId: to.unitId })
      .returningAll()
      .executeTakeFirstOrThrow()) as FileLinkView;
  }

  /** One content linked to many records at once (bulk: demo data, a file sent to several units). */
  async attachToMany(
    db: Db,
    f: Pick<AttachInput, 'data' | 'filename' | 'mime' | 'uploadedBy'>,
    owners: readonly Pick<AttachInput, 'ownerType' | 'ownerId' | 'unitId'>[],
  ): Promise<void> {
    if (!owners.length) return;
    const sha256 = sha256Of(f.data);
    await this.backend.put(sha256, f.data);
    await db
      .insertInto('storedFile')
      .values({ sha256, size: f.data.length, storage: this.backend.kind })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    for (let i = 0; i < owners.length; i += 1000) {
      await db
        .insertInto('fileLink')
        .values(
          owners.slice(i, i + 1000).map((o) => ({
            sha256,
            ownerType: o.ownerType,
            ownerId: String(o.ownerId),
            filename: f.filename,
            mime: f.mime,
            size: f.data.length,
            unitId: o.unitId,
            uploadedBy: f.uploadedBy,
          })),
        )
        .execute();
    }
  }

  /** The files of some records of one type, oldest first. */
  async linksOf(db: Db, ownerType: string, ownerIds: readonly (string | number)[]): Promise<FileLinkView[]> {
    if (!ownerIds.length) return [];
    return (await db
      .selectFrom('fileLink')
      .selectAll()
      .where('ownerType', '=', ownerType)
      .where('ownerId', 'in', ownerIds.map(String))
      .orderBy('id')
      .execute()) as FileLinkView[];
  }

  async link(db: Db, id: number): Promise<FileLinkView | undefined> {
    return (await db.selectFrom('fileLink').selectAll().where('id', '=', id).executeTakeFirst()) as FileLinkView | undefined;
  }

  /** The bytes of a link, checked against their hash (a changed or damaged file is refused, not served). */
  async read(link: Pick<FileLinkView, 'sha256'>): Promise<Buffer> {
    const data = await this.backend.get(link.sha256);
    if (sha256Of(data) !== link.sha256) {
      throw new AppError('FILE_CORRUPT', 'Nội dung tệp trong kho không khớp mã SHA-256 đã lưu: tệp đã bị thay đổi hoặc hỏng.', 500);
    }
    return data;
  }

  /** Removes a link; the bytes go when no link uses them any more. */
  async detach(db: Db, id: number): Promise<void> {
    const gone = await db.deleteFrom('fileLink').where('id', '=', id).returning('sha256').executeTakeFirst();
    if (!gone) return;
    const still = await db.selectFrom('fileLink').select('id').where('sha256', '=', gone.sha256).limit(1).executeTakeFirst();
    if (still) return;
    await db.deleteFrom('storedFile').where('sha256', '=', gone.sha256).execute();
    await this.backend.remove(gone.sha256);
  }
}

/** The store the configuration asks for: S3 when `s3Url` is set, else `dataDir/files`. */
export function openFileStore(opts: { dataDir: string; s3Url?: string }): FileStore {
  return new FileStore(opts.s3Url ? s3Backend(opts.s3Url) : localBackend(path.join(opts.dataDir, 'files')));
}

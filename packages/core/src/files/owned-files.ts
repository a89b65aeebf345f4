/**
 * The files of one record (an inspection's evidence, an initiative's documents): attach, detach and read
 * one, with the audit row — the record's module loads and authorizes the record first.
 */
import { AppError } from '../errors';
import { recordAudit, type RequestContext } from '../audit/audit';
import type { Actor } from '../policy/actor';
import type { AppServices, UploadedFile } from '../http/types';
import type { Db } from '../db/database';

export interface FileOwner {
  /** The link's owner type ('inspection_evidence') and the record's id. */
  ownerType: string;
  ownerId: number;
  unitId: number | null;
  /** The audit entity ('inspection') and action prefix ('inspection.evidence': .add, .remove). */
  entityType: string;
  action: string;
  /** What the 404 says is missing ("tệp của cuộc kiểm tra"). */
  what: string;
}

export async function attachOwnedFile(s: AppServices, tx: Db, ctx: RequestContext, actor: Actor, o: FileOwner, file: UploadedFile) {
  const link = await s.files.attach(tx, {
    data: file.data,
    filename: file.filename,
    mime: file.mimetype,
    ownerType: o.ownerType,
    ownerId: o.ownerId,
    unitId: o.unitId,
    uploadedBy: actor.userId || null,
  });
  await recordAudit(tx, ctx, `${o.action}.add`, {
    entityType: o.entityType,
    entityId: o.ownerId,
    unitId: o.unitId,
    after: { filename: file.filename, sha256: link.sha256 },
  });
}

async function ownedLink(s: AppServices, db: Db, o: FileOwner, fileId: number) {
  const link = (await s.files.linksOf(db, o.ownerType, [o.ownerId])).find((l) => l.id === fileId);
  if (!link) throw new AppError('NOT_FOUND', `Không tìm thấy ${o.what}.`, 404);
  return link;
}

export async function detachOwnedFile(s: AppServices, tx: Db, ctx: RequestContext, o: FileOwner, fileId: number) {
  const link = await ownedLink(s, tx, o, fileId);
  await s.files.detach(tx, fileId);
  await recordAudit(tx, ctx, `${o.action}.remove`, {
    entityType: o.entityType,
    entityId: o.ownerId,
    unitId: o.unitId,
    before: { filename: link.filename, sha256: link.sha256 },
  });
}

export async function readOwnedFile(s: AppServices, o: FileOwner, fileId: number) {
  const link = await ownedLink(s, s.db, o, fileId);
  return { filename: link.filename, mime: link.mime, data: await s.files.read(link) };
}

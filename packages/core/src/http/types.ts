import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Db, DbKind } from '../db/database';
import type { BulkTransaction } from '../db/bulk';
import type { Actor } from '../policy/actor';
import type { RequestContext } from '../audit/audit';
import type { WorkingCalendar } from '../calendar/calendar.domain';
import type { ReadCache } from '../cache/read-cache';
import type { MetricsRegistry } from '../metrics/metrics';
import type { FileStore } from '../files/file-store';
import type { DossierFrame, TaskIntake } from '../modules/module';

/** What every module's routes receive from the server. */
export interface AppServices {
  db: Db;
  dbKind: DbKind;
  /** One transaction with COPY (imports). */
  bulk: BulkTransaction;
  /** The province this deployment serves (2-digit statistics code). */
  provinceCode: string;
  /** Working-day calendar, reloaded after an administrator edits it. */
  calendar(): WorkingCalendar;
  reloadCalendar(): Promise<void>;
  /** Work to redo when an administrator changes the calendar (e.g. recompute due dates). */
  onCalendarChange(listener: () => Promise<void>): void;
  /** Answers of expensive reads, invalidated by topic when data changes. */
  cache: ReadCache;
  /** The measures every module publishes (the only way modules exchange figures). */
  metrics: MetricsRegistry;
  /** Where other modules hand tasks (the directives module), or null when it is not installed. */
  taskIntake: TaskIntake | null;
  /** The dossiers as a survey's sampling frame, if the dossiers module is installed. */
  dossierFrame: DossierFrame | null;
  /** The attachment store (data directory or S3). */
  files: FileStore;
  /** Today in Vietnam (injectable so tests run on a fixed clock). */
  today(): string;
  now(): Date;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
  /** The form field it came in (multipart requests with several kinds of file). */
  field?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
  }
  interface FastifyRequest {
    /** Set by the auth plugin; routes marked `public` may see null. */
    actor: Actor | null;
    sessionId: string | null;
    csrfSecret: string | null;
    /** The user still has the initial password: the server refuses everything but changing it. */
    mustChangePassword: boolean;
    /** The actor, or a 401 in Vietnamese. */
    requireActor(): Actor;
    auditContext(): RequestContext;
    /** The uploaded file of a multipart request (see `multipartUpload`). */
    upload: UploadedFile | null;
    /** The files of a multipart request with several (see `readMultipartParts`); null otherwise. */
    uploads: UploadedFile[] | null;
  }
  interface FastifyContextConfig {
    /**
     * The permission the route is for, named where it is declared: a policy action (`task.report`),
     * `session` (the caller's own session and notifications) or `public` (no login). The services
     * enforce it on the loaded record; the server refuses to start with a route that names none.
     */
    permission?: string;
    /** State-changing but exempt from CSRF (login: there is no session yet). */
    skipCsrf?: boolean;
  }
}

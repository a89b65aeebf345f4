/**
 * The seam every business module plugs into. A module is one package exporting one `CchcModule`; the
 * server loops over its list (apps/server/src/modules.ts) and does nothing module-specific. Everything a
 * module brings is declared here as a value — nothing happens when its package is imported.
 */
import type { AuditLabels } from '../audit/audit-labels';
import type { MigrationSet } from '../db/migrations';
import type { DemoSeeder } from '../bootstrap';
import type { App, AppServices } from '../http/types';
import type { Db } from '../db/database';
import type { Actor } from '../policy/actor';
import type { RequestContext } from '../audit/audit';
import type { RuleSet } from '../policy/policy';
import type { NotificationDraft } from '../notifications/notification.service';
import type { MetricDefinition } from '../metrics/metrics';

/** What a reminder source gets for one scheduler pass. */
export interface ReminderContext {
  services: AppServices;
  /** Working days before a deadline when the first reminder goes out (REMIND_DAYS). */
  remindDays: number;
  /** Creates the notification once per (user, kind, subject, period); true when it is new. */
  notify(draft: NotificationDraft): Promise<boolean>;
  /** Active users with one of the roles in a unit, or anywhere in the deployment's province. */
  recipients(where: { unitId: number } | 'province', roles: readonly string[]): Promise<number[]>;
}

/** Something with deadlines: on each pass it tells the people concerned what is due or late. */
export interface ReminderSource {
  name: string;
  /** Returns how many notifications it created. */
  run(ctx: ReminderContext): Promise<number>;
}

/** Background work of a module (recovering interrupted imports, nightly recomputation…). */
export interface ModuleJob {
  name: string;
  /** Run once when the server starts, before it listens. */
  atStart?: boolean;
  /** Then every N ms (null: only at start), decided from the services (e.g. only on PostgreSQL). */
  everyMs?: (s: AppServices) => number | null;
  /** A line for the log when there was something to do, or nothing. */
  run(s: AppServices): Promise<string | void>;
}

/**
 * Work one module hands to the module that runs tasks (directives): a feedback case that needs a remedy
 * ("you said, we did"), an inspection finding. The task then has the task list's report workflow;
 * the module that asked keeps the task's id and reads its state back. The only task-creating seam, so
 * modules never import each other.
 */
export interface TaskRequest {
  unitId: number;
  content: string;
  dueDate: string;
  /** Where it comes from, shown on the task: e.g. { kind: 'feedback', ref: 'PAKN.20261123.0001', link: '/feedback/12' }. */
  source: { kind: string; ref: string; link: string };
  /** The yearly container the task is listed under ("Nhiệm vụ từ phản ánh, kiến nghị năm 2026"). */
  container: { number: string; title: string; issuer: string };
}

export interface TaskIntake {
  /** Creates the task inside the caller's transaction (audited); returns its id and page. */
  create(s: AppServices, tx: Db, ctx: RequestContext, actor: Actor, t: TaskRequest): Promise<{ taskId: number; link: string }>;
  /** The state of tasks created this way, as users read it. */
  states(s: AppServices, taskIds: readonly number[]): Promise<Map<number, { status: string; label: string }>>;
  /**
   * Demo data only: many tasks at once (in bulk, inside the seeding transaction), issued and due in the
   * past if need be, each with its report already in a state. Returns the task ids in order.
   */
  seed(s: AppServices, tx: Db, tasks: readonly SeedTask[]): Promise<number[]>;
}

export interface SeedTask extends TaskRequest {
  issuedOn: string;
  report?: { state: 'draft' | 'submitted' | 'accepted'; at: Date; content: string };
}

/** A dossier resolved in a period, as a survey's sampling frame sees it (never the applicant's number). */
export interface FrameDossier {
  id: number;
  code: string;
  unitCode: string;
  procedureCode: string;
  /** The procedure's field (the first part of its code), for stratifying by field. */
  sector: string;
  finishedDate: string;
  /** A keyed hash of the applicant's phone or ID number, when the export carried one (one person across units). */
  applicantKey: string | null;
}

export interface FrameQuery {
  from: string;
  to: string;
  /** Resolved by this day (the dossier statistics' report date). */
  asOf: string;
  unitCodes: readonly string[];
}

/**
 * The dossiers module's list of served people, for the surveys module to sample from: counted exactly as
 * the dossier statistics count "resolved" (received in the period, ended by the report date).
 */
export interface DossierFrame {
  population(s: AppServices, q: FrameQuery): Promise<Map<string, { resolved: number; reachable: number }>>;
  /** The frame itself, in a stable order (unit, code), so a seeded draw can be repeated. */
  rows(s: AppServices, q: FrameQuery): Promise<FrameDossier[]>;
}

/** What one module offers the others through core (each provided by at most one module). */
export interface ModuleSeams {
  taskIntake: TaskIntake | null;
  dossierFrame: DossierFrame | null;
}

export interface CchcModule {
  /** Package-style name: 'directives', 'dossiers'… (English, used in logs and metric keys). */
  name: string;
  /** What users call it (Vietnamese). */
  label: string;
  migrations?: MigrationSet;
  /** Policy rules for the module's actions, and which of them are global (sent with /api/auth/me). */
  rules?: RuleSet;
  globalActions?: readonly string[];
  /** Registers the module's HTTP routes (each names its permission). */
  routes?(app: App): void;
  /** Loads the module's demo data into the demo province (first start, tests' template). */
  demo?: DemoSeeder;
  reminders?: readonly ReminderSource[];
  jobs?: readonly ModuleJob[];
  /** Prefix of its metric keys when not its name (directives publishes `tasks.*`). */
  metricPrefix?: string;
  /** Measures the module publishes for others (the internal index, the home page, points at risk). */
  metrics?: readonly MetricDefinition[];
  /** The module runs tasks and takes them from other modules (at most one module in the list). */
  taskIntake?: TaskIntake;
  /** The module holds the dossiers and offers them as a sampling frame (at most one module). */
  dossierFrame?: DossierFrame;
  /** Its audit actions, record types and fields in Vietnamese (the audit log shows no code keys). */
  auditLabels?: AuditLabels;
}

export function defineModule(m: CchcModule): CchcModule {
  if (!/^[a-z][a-z0-9-]*$/.test(m.name)) throw new Error(`module name ${m.name}: lower-case letters, digits, hyphens`);
  for (const key of Object.keys(m.migrations ?? {})) {
    if (!/^\d{8}_\d{2}_/.test(key)) throw new Error(`module ${m.name}: migration ${key} is not named <yyyymmdd>_<nn>_<what>`);
  }
  for (const metric of m.metrics ?? []) {
    if (!metric.key.startsWith(`${m.metricPrefix ?? m.name}.`)) {
      throw new Error(`module ${m.name}: metric ${metric.key} must start with "${m.metricPrefix ?? m.name}."`);
    }
  }
  return m;
}

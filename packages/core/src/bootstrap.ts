import { sql } from 'kysely';
import type { Db } from './db/database';
import { kyselyBulkTransaction } from './db/bulk';
import { coreMigrations, migrateToLatest, type MigrationSet } from './db/migrations';
import { countUnits } from './units/unit.repository';
import { loadReferenceUnits } from './units/unit.reference';
import { defaultCalendar } from './calendar/calendar.reference';
import { insertDays, loadWorkingCalendar } from './calendar/calendar.repository';
import { toLocalParts } from './calendar/calendar.domain';
import type { AppServices } from './http/types';
import { loadDemoProvince } from './demo/demo-province';
import { NO_CACHE } from './cache/read-cache';
import { MetricsRegistry } from './metrics/metrics';
import type { FileStore } from './files/file-store';
import type { ModuleSeams } from './modules/module';

/**
 * A module's contribution to first start: loads its demo data into the demo province, given services
 * on the first-start transaction (see `seederServices`). `now()` is the clock of the run (the real one at
 * start, a fixed one in tests); seeders never read the wall clock.
 */
export type DemoSeeder = (s: AppServices) => Promise<void>;

/**
 * Services for a demo seeder, which runs inside the first-start transaction: that transaction, the
 * province, the stored working calendar, the run's clock and the file store. Seeders never read `dbKind`.
 */
export async function seederServices(
  db: Db,
  provinceCode: string,
  now: () => Date,
  files: FileStore,
  metrics: MetricsRegistry = new MetricsRegistry(),
  seams: ModuleSeams = { taskIntake: null, dossierFrame: null },
): Promise<AppServices> {
  let calendar = await loadWorkingCalendar(db);
  return {
    files,
    metrics,
    ...seams,
    db,
    dbKind: 'postgresql',
    bulk: kyselyBulkTransaction(db as never),
    provinceCode,
    calendar: () => calendar,
    today: () => toLocalParts(now()).date,
    now,
    reloadCalendar: async () => {
      calendar = await loadWorkingCalendar(db);
    },
    onCalendarChange: () => undefined,
    cache: NO_CACHE,
  };
}

export interface PrepareOptions {
  migrations?: MigrationSet[];
  /** Load the 34 provinces, 63 old ones, lineage and the calendar (on first start). */
  referenceData?: boolean;
  /** Load the demo province (departments, users, then each module's demo data). */
  demo?:
    | {
        provinceCode: string;
        seeders?: DemoSeeder[];
        now?: () => Date;
        files: FileStore;
        metrics?: MetricsRegistry;
        /** What modules offer each other (demo findings become tasks, demo surveys sample dossiers). */
        seams?: ModuleSeams;
      }
    | false;
  log?: (msg: string) => void;
  /** Refresh planner statistics on an existing database (PGlite, which has no autovacuum). */
  analyzeAtStart?: boolean;
}

export async function prepareDatabase(db: Db, opts: PrepareOptions = {}): Promise<{ migrated: string[]; seeded: boolean }> {
  const log = opts.log ?? (() => {});
  const migrated = await migrateToLatest(db, [coreMigrations, ...(opts.migrations ?? [])]);
  if (migrated.length) log(`Đã chạy ${migrated.length} migration: ${migrated.join(', ')}`);
  if (opts.referenceData === false || (await countUnits(db)) > 0) {
    // The embedded database has no autovacuum: statistics are refreshed at each start instead.
    if (opts.analyzeAtStart) await sql`analyze`.execute(db);
    return { migrated, seeded: false };
  }
  await db.transaction().execute(async (tx) => {
    const t0 = Date.now();
    const r = await loadReferenceUnits(tx);
    log(
      `Đã nạp đơn vị hành chính: ${r.provinces} tỉnh, ${r.communes} xã; trước 2025: ${r.oldProvinces} tỉnh, ${r.oldDistricts} huyện, ${r.oldCommunes} xã; ${r.lineageEdges} quan hệ sáp nhập (${Date.now() - t0} ms)`,
    );
    await insertDays(tx, defaultCalendar());
    if (opts.demo) {
      const d = await loadDemoProvince(tx, opts.demo.provinceCode);
      log(`Đã nạp tỉnh mẫu ${opts.demo.provinceCode}: ${d.departments} sở ngành, ${d.users} người dùng`);
      const now = opts.demo.now ?? (() => new Date());
      const services = await seederServices(tx, opts.demo.provinceCode, now, opts.demo.files, opts.demo.metrics, opts.demo.seams);
      for (const seed of opts.demo.seeders ?? []) {
        const t1 = Date.now();
        await seed(services);
        if (process.env.CCHC_SEED_TIMES) log(`seed ${seed.name || '?'}: ${Date.now() - t1} ms`);
      }
    }
  });
  // Planner statistics for what was just loaded (without them a join of tasks and their obligations was
  // planned as a nested loop over an aggregate: seconds instead of milliseconds).
  await sql`analyze`.execute(db);
  return { migrated, seeded: true };
}

import {
  ReadCache,
  loadWorkingCalendar,
  metricsOf,
  seamsOf,
  toLocalParts,
  type AppServices,
  type CchcModule,
  type DatabaseHandle,
  type FileStore,
  type WorkingCalendar,
} from '@cchc/core';

export interface ServicesOptions {
  provinceCode: string;
  modules: readonly CchcModule[];
  files: FileStore;
  /** Fixed clock for tests. */
  now?: () => Date;
}

export async function createServices(handle: DatabaseHandle, opts: ServicesOptions): Promise<AppServices> {
  let calendar: WorkingCalendar = await loadWorkingCalendar(handle.db);
  const now = opts.now ?? (() => new Date());
  const calendarListeners: (() => Promise<void>)[] = [];
  const services: AppServices = {
    db: handle.db,
    dbKind: handle.kind,
    bulk: handle.bulk,
    provinceCode: opts.provinceCode,
    calendar: () => calendar,
    reloadCalendar: async () => {
      calendar = await loadWorkingCalendar(handle.db);
      for (const listener of calendarListeners) await listener();
      services.cache.bump('tasks', 'dossiers', 'calendar');
    },
    onCalendarChange: (listener) => {
      calendarListeners.push(listener);
    },
    cache: new ReadCache({ ttlMs: 30_000, maxEntries: 2_000 }),
    metrics: metricsOf(opts.modules),
    ...seamsOf(opts.modules),
    files: opts.files,
    now,
    today: () => toLocalParts(now()).date,
  };
  return services;
}

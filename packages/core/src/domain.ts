/**
 * The pure part of core (text folding, working-day calendar, COPY text format), importable without the database, HTTP
 * or document libraries — e.g. by worker threads that parse imports.
 */
export * from './text/normalize';
export * from './text/format';
export * from './calendar/calendar.domain';
export * from './calendar/local-time';
export * from './db/copy-format';
export type { RowError } from './files/row-error';

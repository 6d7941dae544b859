import { QueryFailedError } from 'typeorm';

// The database cannot be reached or will not take the statement now (connection refused, reset
// or lost; PostgreSQL's class 08 and shutdown codes; SQLite busy or locked past its timeout): a
// retry later may succeed, so callers answer 503, not 500. TypeORM passes connection failures
// through as the driver raised them and wraps failed statements in QueryFailedError.
export function isDatabaseUnavailable(e: unknown): boolean {
  const driver = e instanceof QueryFailedError ? (e as { driverError?: unknown }).driverError : e;
  // Duck-typed: errors raised by Node's own modules fail `instanceof Error` in other realms (Jest's).
  if (typeof driver !== 'object' || driver === null) return false;
  const { code, message } = driver as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (UNREACHABLE.has(code) || /^08[0-9A-Z]{3}$/.test(code) || /^SQLITE_(BUSY|LOCKED)/.test(code))
      return true;
  }
  return typeof message === 'string' && LOST_CONNECTION.test(message);
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);
// node-postgres says so in words only.
const LOST_CONNECTION =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed and is not queryable)/;

// A statement the database refuses for its data, which no retry will change: PostgreSQL's
// classes 22 (data exception, e.g. 22001 value too long) and 23 (integrity constraint
// violation), and SQLite's constraint and type-mismatch errors.
export function isDataError(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const driver = (e as QueryFailedError & { driverError?: { code?: unknown } }).driverError;
  const code = typeof driver?.code === 'string' ? driver.code : '';
  return /^2[23][0-9A-Z]{3}$/.test(code) || /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG)/.test(code);
}

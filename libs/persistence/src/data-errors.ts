import { QueryFailedError } from 'typeorm';

// A statement the database refuses for its data, which no retry will change: PostgreSQL's
// classes 22 (data exception, e.g. 22001 value too long) and 23 (integrity constraint
// violation), and SQLite's constraint and type-mismatch errors.
export function isDataError(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const driver = (e as QueryFailedError & { driverError?: { code?: unknown } }).driverError;
  const code = typeof driver?.code === 'string' ? driver.code : '';
  return /^2[23][0-9A-Z]{3}$/.test(code) || /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG)/.test(code);
}

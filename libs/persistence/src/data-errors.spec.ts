import { QueryFailedError } from 'typeorm';
import { isDataError, isDatabaseUnavailable } from './data-errors';

const withCode = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});
const failed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('database errors', () => {
  it.each<[string, unknown]>([
    ['a refused connection (pool connect)', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ['a connection lost mid-statement', failed(new Error('Connection terminated unexpectedly'))],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    ['PostgreSQL class 08', failed(withCode('connection failure', '08006'))],
    [
      'PostgreSQL shutting down',
      failed(withCode('terminating connection due to administrator command', '57P01')),
    ],
    ['too many connections', failed(withCode('sorry, too many clients already', '53300'))],
    ['SQLite busy past its timeout', failed(withCode('database is locked', 'SQLITE_BUSY'))],
    ['SQLite locked', failed(withCode('database table is locked', 'SQLITE_LOCKED'))],
    [
      'an error from another realm (not instanceof Error here)',
      { name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:5432', code: 'ECONNREFUSED' },
    ],
  ])('%s is unavailability (503), not a data error', (_, e) => {
    expect(isDatabaseUnavailable(e)).toBe(true);
    expect(isDataError(e)).toBe(false);
  });

  it.each<[string, unknown]>([
    ['a value too long', failed(withCode('value too long for type character varying(64)', '22001'))],
    ['a unique violation', failed(withCode('duplicate key value', '23505'))],
    ['a SQLite constraint', failed(withCode('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE'))],
    ['a syntax error', failed(withCode('syntax error at or near', '42601'))],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', null],
  ])('%s is not unavailability', (_, e) => {
    expect(isDatabaseUnavailable(e)).toBe(false);
  });
});

// SQLite and PostgreSQL name instants differently; entities ask here so one model serves both.
import { ColumnOptions } from 'typeorm';
import { loadConfig } from '../../config/src/rectify-config';

export function instantColumn(options: ColumnOptions = {}): ColumnOptions {
  return { ...options, type: loadConfig().database.kind === 'postgres' ? 'timestamptz' : 'datetime' };
}

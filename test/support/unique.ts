import { randomBytes } from 'node:crypto';

// Test files share one Temporal server (and run once per database): unique names keep their
// workflow ids and task queues apart.
export function uniqueCode(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

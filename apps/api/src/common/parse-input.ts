import type { z } from 'zod';
import { DomainError, type ErrorDetail } from '../../../../libs/domain/src/domain-error';
import { formatPath } from '../../../../libs/domain/src/plan-definition';

// Query strings and bodies are parsed here into typed commands; every offending field is named.
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({
    path: [where, formatPath(i.path)].filter(Boolean).join('.'),
    message: i.message,
  }));
  throw validationFailed(where, details);
}

// A 400 naming every offending field, for checks beyond a schema's.
export function validationFailed(where: string, details: readonly ErrorDetail[]): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    `invalid ${where}: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
    details,
  );
}

// Every refusal Rectify gives carries one of these codes; the API maps them to HTTP in one place.
export const ERROR_CODES = [
  'VALIDATION_FAILED', // the input is malformed; `details` names each offending field
  'NOT_FOUND',
  'PLAN_CONFLICT', // the same plan code was imported before with different content
  'COMMAND_REFUSED', // the measure's state does not allow the command
  'TEMPORAL_UNAVAILABLE', // the workflow service cannot be reached; the command had no effect
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

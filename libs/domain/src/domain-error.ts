// Why a document cannot be drafted into a plan (libs/plan-io/src/draft); each refusal's message
// names what is wrong.
export const DOCUMENT_REFUSALS = [
  'DOCUMENT_EMPTY',
  'DOCUMENT_UNREADABLE',
  'DOCUMENT_NOT_WORD',
  'DOCUMENT_NO_TEXT_LAYER',
  'DOCUMENT_NO_STRUCTURE',
  'DOCUMENT_UNSUPPORTED',
] as const;

// Every refusal Rectify gives carries one of these codes; the API maps them to HTTP in one place.
export const ERROR_CODES = [
  'VALIDATION_FAILED', // the input is malformed; `details` names each offending field
  'NOT_FOUND',
  'PLAN_CONFLICT', // the same plan code was imported before with different content
  'COMMAND_REFUSED', // the measure's state does not allow the command
  'TEMPORAL_UNAVAILABLE', // the workflow service cannot be reached; the command had no effect
  'DATABASE_UNAVAILABLE', // the read model cannot be reached (or stays locked) now: readiness, and commands; retry later
  'WORKFLOW_TASKS_FAILING', // running workflows keep failing their workflow task (readiness)
  'EVIDENCE_STORE_UNAVAILABLE', // the evidence directory cannot be written or is nearly full (readiness)
  'MEASURE_STATE_UNAVAILABLE', // the live state of a measure's workflow could not be read
  'RECORDING_FAILED', // the workflow could not record the outcome; the command had no effect
  'AUDIT_UNAVAILABLE', // the audit log cannot be written; the command (or audited read) was not carried out
  'UNAUTHENTICATED', // no credentials, or credentials that are wrong, expired or revoked
  'FORBIDDEN', // signed in, but the role does not allow this action
  'RATE_LIMITED', // too many attempts: login lockout or a rate limit of the public routes; retry later
  'PAYLOAD_TOO_LARGE', // the body is over the route's size limit
  'UNSUPPORTED_MEDIA_TYPE', // a content type outside the allow-list, or content that is not what it claims
  'PAYLOAD_CODEC_OFF', // the codec endpoint, while no payload keys are configured
  'PLAN_FILE_TOO_COMPLEX', // reading the plan file needs more memory than the limit allows
  'PLAN_FILE_TIMEOUT', // reading the plan file takes longer than the limit allows
  'EXPORT_TOO_LARGE', // more rows match than one export may hold: narrow the filters
  // Drafting a plan from a document (方案草稿): the document cannot be read as a plan, and why.
  ...DOCUMENT_REFUSALS,
  'PLAN_DRAFT_INCOMPLETE', // fields the document did not give are still placeholders; `details` names them
  'PLAN_DRAFT_APPLIED', // the draft was applied: it stays as the record of where its plan came from
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
  // Where in the submitted file, when it is known: `12:5` (line:column) or `任务清单!F7` (cell).
  readonly location?: string;
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

// A refusal that says when to come back (HTTP Retry-After): login lockouts and flood limits.
export class RetryLaterError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message);
    this.name = 'RetryLaterError';
  }
}

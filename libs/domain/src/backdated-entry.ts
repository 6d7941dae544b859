// 补录: an entry made now of something that happened earlier, read off paper by an office that
// started using Rectify mid-way (a progress report, a completion claim, a verification, the
// indicator values they carry). The entry names when it happened (`occurredAt`); the record keeps
// when it was entered beside it and is marked as entered later. Pure: the API checks it against
// the server's clock for a clean 400, the measure workflow against its own clock.

export const BACKDATE_PROBLEMS = ['malformed', 'future', 'before_feedback', 'before_claim'] as const;
export type BackdateProblem = (typeof BACKDATE_PROBLEMS)[number];

export interface BackdateBounds {
  // The clock of whoever checks (the server's, or the workflow's): nothing is entered as future.
  readonly now: number;
  // The start of the inspection feedback day in the plan's zone: nothing of the plan happened before.
  readonly notBefore?: number;
  // A verification cannot precede the claim it decides.
  readonly claimedAt?: number;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([zZ]|[+-]\d{2}:\d{2})$/;

export function backdateProblem(
  value: unknown,
  b: BackdateBounds,
): { readonly problem: BackdateProblem; readonly message: string } | null {
  const ms = typeof value === 'string' && INSTANT.test(value) && realDay(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms))
    return {
      problem: 'malformed',
      message: 'must be an instant with offset, e.g. 2019-04-12T10:00:00+08:00',
    };
  if (ms > b.now)
    return {
      problem: 'future',
      message: `must not be in the future (now is ${new Date(b.now).toISOString()})`,
    };
  if (b.notBefore !== undefined && ms < b.notBefore)
    return {
      problem: 'before_feedback',
      message: `must not be before the inspection feedback date (${new Date(b.notBefore).toISOString()})`,
    };
  if (b.claimedAt !== undefined && ms < b.claimedAt)
    return {
      problem: 'before_claim',
      message: `must not be before the completion claim it decides (${new Date(b.claimedAt).toISOString()})`,
    };
  return null;
}

// Date.parse rolls 2019-02-30 over to March: the written day must exist.
function realDay(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

// The label timelines, ledgers and bulletins show beside an entry made later than it happened.
export const ENTERED_LATER_LABEL = '补录';

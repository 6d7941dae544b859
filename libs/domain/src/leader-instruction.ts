// 批示: a leader's instruction on a plan, a problem or a measure, and the rules for its answer
// (落实情况). Pure: the API validates with it and the instruction workflow computes its limit with it.
import { addIsoDuration, isIsoDuration } from './iso-duration';

export const INSTRUCTION_TARGET_KINDS = ['plan', 'problem', 'measure'] as const;
export type InstructionTargetKind = (typeof INSTRUCTION_TARGET_KINDS)[number];

export const INSTRUCTION_STATES = [
  'awaiting_answer', // 待落实: no answer yet, the limit has not passed
  'answered', // 已落实: the responsible unit answered (late or not)
  'answer_overdue', // 逾期未落实: the limit passed without an answer
] as const;
export type InstructionState = (typeof INSTRUCTION_STATES)[number];

export const INSTRUCTION_LIMITS = {
  text: 4000, // instructions.text, instruction_answers.text
  author: 100, // the leader's name, as measures carry `leadLeader`
} as const;

// Ten calendar days unless the instruction says otherwise.
export const DEFAULT_ANSWER_LIMIT = 'P10D';

export interface InstructionInput {
  readonly targetKind: string;
  readonly targetCode: string;
  readonly text: string;
  readonly issuedOn: string; // YYYY-MM-DD
  readonly author: string;
  readonly answerLimit?: string;
}

export interface InstructionProblem {
  readonly path: string;
  readonly message: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

// Every problem of the input, so a refusal names each field at once. `today` is the server's
// date (YYYY-MM-DD in the plan's zone): an instruction cannot be issued in the future.
export function instructionProblems(input: InstructionInput, today: string): InstructionProblem[] {
  const problems: InstructionProblem[] = [];
  if (!(INSTRUCTION_TARGET_KINDS as readonly string[]).includes(input.targetKind)) {
    problems.push({ path: 'targetKind', message: `must be one of ${INSTRUCTION_TARGET_KINDS.join(', ')}` });
  }
  if (input.targetCode.trim() === '') problems.push({ path: 'targetCode', message: 'must not be blank' });
  problems.push(...textProblems('text', input.text));
  if (input.author.trim() === '') problems.push({ path: 'author', message: 'must not be blank' });
  else if (input.author.length > INSTRUCTION_LIMITS.author) {
    problems.push({ path: 'author', message: `must be at most ${INSTRUCTION_LIMITS.author} characters` });
  }
  if (!isCalendarDate(input.issuedOn)) {
    problems.push({ path: 'issuedOn', message: 'must be a date YYYY-MM-DD' });
  } else if (input.issuedOn > today) {
    problems.push({ path: 'issuedOn', message: `must not be after today (${today})` });
  }
  if (input.answerLimit !== undefined) {
    if (!isIsoDuration(input.answerLimit) || input.answerLimit.startsWith('-')) {
      problems.push({
        path: 'answerLimit',
        message: 'must be a positive ISO-8601 duration such as P10D or PT30S',
      });
    } else if (addIsoDuration(0, input.answerLimit) <= 0) {
      problems.push({ path: 'answerLimit', message: 'must be longer than zero' });
    }
  }
  return problems;
}

export function textProblems(path: string, text: string): InstructionProblem[] {
  if (text.trim() === '') return [{ path, message: 'must not be blank' }];
  if (text.length > INSTRUCTION_LIMITS.text) {
    return [{ path, message: `must be at most ${INSTRUCTION_LIMITS.text} characters` }];
  }
  return [];
}

// The limit runs from the moment the instruction is recorded in Rectify, not from the date on
// the paper: a 批示 entered a week late still gives the unit its full time to answer.
export function answerDueAt(recordedAtMs: number, answerLimit: string = DEFAULT_ANSWER_LIMIT): number {
  return addIsoDuration(recordedAtMs, answerLimit);
}

// The reminder to the responsible unit falls when a fifth of the time to answer is left.
export function answerReminderAt(recordedAtMs: number, dueAtMs: number): number {
  return dueAtMs - Math.floor((dueAtMs - recordedAtMs) / 5);
}

export function instructionState(
  answeredAtMs: number | null,
  dueAtMs: number,
  nowMs: number,
): InstructionState {
  if (answeredAtMs !== null) return 'answered';
  return nowMs >= dueAtMs ? 'answer_overdue' : 'awaiting_answer';
}

// Who must answer (谁落实). A measure: its lead unit. A problem: the lead units of its measures
// (a problem has no unit of its own in the plan format). A plan: the office answers for the plan
// as a whole, so no unit is responsible and only office (or admin) accounts may answer.
export interface InstructionTargetFacts {
  readonly kind: InstructionTargetKind;
  readonly measureLeadUnits: readonly string[]; // of the measure, or of every measure of the problem
  // Those lead units with every ancestor of each in the plan's unit tree (authorization's
  // unitLineage), so a unit answers for its sub-units as it reports on their measures.
  readonly responsibleLineage: readonly string[];
  // The lead and co-units of the target's measures with their ancestors: who sees those measures
  // (authorization's measureInScope), and so sees the instructions on them.
  readonly scopeLineage: readonly string[];
}

export function responsibleUnits(
  target: Pick<InstructionTargetFacts, 'kind' | 'measureLeadUnits'>,
): string[] {
  if (target.kind === 'plan') return [];
  return [...new Set(target.measureLeadUnits)].sort();
}

// What a caller may do with one instruction, by the measure routes' rule. `hidden`: outside the
// caller's scope, which the API answers like an instruction that does not exist (404), as it does
// for a measure outside it, so ids cannot be probed; `read`: seen but not answered (a unit on a
// plan-wide 批示 or a co-unit of the measure, a leader): the answer is refused with 403; `answer`:
// the office, or a unit responsible for the target or above one in the unit tree.
export type InstructionAccess = 'hidden' | 'read' | 'answer';

export function instructionAccess(
  caller: { readonly role: string; readonly units: readonly string[] },
  target: InstructionTargetFacts,
): InstructionAccess {
  if (caller.role === 'office' || caller.role === 'admin') return 'answer';
  if (caller.role === 'lead_leader') return 'read';
  if (caller.role !== 'unit') return 'hidden';
  if (target.kind === 'plan') return 'read';
  if (caller.units.some((u) => target.responsibleLineage.includes(u))) return 'answer';
  return caller.units.some((u) => target.scopeLineage.includes(u)) ? 'read' : 'hidden';
}

export function mayAnswer(
  caller: { readonly role: string; readonly units: readonly string[] },
  target: InstructionTargetFacts,
): boolean {
  return instructionAccess(caller, target) === 'answer';
}

// The instruction's clock (批示落实时限): a reminder to whoever must answer when a fifth of the
// time is left, and the overdue notice at the limit. Each step fires only while no answer exists.
export const INSTRUCTION_STEP_KINDS = ['answer_reminder', 'answer_overdue'] as const;
export type InstructionStepKind = (typeof INSTRUCTION_STEP_KINDS)[number];

export interface InstructionStep {
  readonly kind: InstructionStepKind;
  readonly fireAtMs: number;
}

export function instructionSteps(recordedAtMs: number, dueAtMs: number): InstructionStep[] {
  return [
    { kind: 'answer_reminder', fireAtMs: answerReminderAt(recordedAtMs, dueAtMs) },
    { kind: 'answer_overdue', fireAtMs: dueAtMs },
  ];
}

// Who a step tells. The reminder goes to the responsible units (the office when the 批示 is on the
// plan as a whole); the overdue notice goes to them and to the office, which follows up on it.
export interface InstructionAddressee {
  readonly addresseeKind: 'unit' | 'office';
  // A unit code; for the office, the plan code (as the other office notices name it).
  readonly addressee: string;
}

export function instructionStepAddressees(
  kind: InstructionStepKind,
  responsible: readonly string[],
  planCode: string,
): InstructionAddressee[] {
  const units = responsible.map((u): InstructionAddressee => ({ addresseeKind: 'unit', addressee: u }));
  const office: InstructionAddressee = { addresseeKind: 'office', addressee: planCode };
  if (kind === 'answer_reminder') return units.length ? units : [office];
  return [...units, office];
}

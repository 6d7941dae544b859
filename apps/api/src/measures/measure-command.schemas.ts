// Request bodies of the measure commands. Unknown fields are refused; the workflow's own
// validators then check everything that depends on the measure's state.
import { z } from 'zod';
import { ESCALATION_STEP_KINDS } from '../../../../libs/domain/src/escalation-ladder';
import { FIELD_LIMITS, MAX_SUB_MEASURES_PER_DECOMPOSITION } from '../../../../libs/domain/src/field-limits';
import { EVIDENCE_KINDS } from '../../../../workflows/measure/measure.contract';
import { acknowledgementPolicySchema } from './acknowledgement-policy.schema';

// Optional: the authenticated caller is recorded as the actor; a written name is kept beside it
// (e.g. the officer of a unit whose integration token sends the command).
const actor = z.string().trim().min(1, 'must not be empty').max(FIELD_LIMITS.actor).optional();
const text = z.string().trim().min(1, 'must not be empty').max(10_000);
const instant = z.iso.datetime({
  offset: true,
  message: 'must be an instant with offset, e.g. 2026-12-31T16:00:00Z',
});
// Every list in a command body has a bound, so one request cannot make the workflow carry an
// unbounded payload; the error names the field and the bound.
export const MAX_LIST_ITEMS = 200;
const bounded = <T extends z.ZodType>(item: T) =>
  z.array(item).max(MAX_LIST_ITEMS, `must hold at most ${MAX_LIST_ITEMS} items`);
const indicatorValues = bounded(
  z.strictObject({ code: z.string().min(1), current: z.number().finite() }),
).optional();

// 补录: when a progress report, claim or verification happened, if earlier than now (see
// libs/domain/src/backdated-entry.ts; the use case checks it against the plan and the clock).
const occurredAt = z.string().optional();

export const MEASURE_COMMAND_BODIES = {
  reportProgress: z.strictObject({
    actor,
    occurredAt,
    note: text,
    indicators: indicatorValues,
    milestonesReached: bounded(z.string().min(1)).optional(),
  }),
  claimCompletion: z.strictObject({
    actor,
    occurredAt,
    evidence: bounded(
      z.strictObject({
        kind: z.enum(EVIDENCE_KINDS),
        description: text,
        fileId: z.string().uuid().optional(),
      }),
    ).min(1, 'a completion claim must carry evidence'),
    indicators: indicatorValues,
    explanation: text.optional(),
  }),
  verify: z.strictObject({
    actor,
    occurredAt,
    decision: z.enum(['accept', 'reject']),
    reasons: text.optional(),
  }),
  requestExtension: z.strictObject({ actor, requestedDueAt: instant, reason: text }),
  decideExtension: z.strictObject({ actor, approve: z.boolean(), reason: text.optional() }),
  requestWithdrawal: z.strictObject({ actor, justification: text }),
  decideWithdrawal: z.strictObject({ actor, approve: z.boolean(), reason: text.optional() }),
  reassign: z.strictObject({
    actor,
    leadUnitCode: z.string().min(1).max(64).optional(),
    leadLeader: z.string().min(1).max(100).optional(),
    reason: text,
  }),
  changeDeadline: z.strictObject({ actor, dueAt: instant, reason: text }),
  withdraw: z.strictObject({ actor, reason: text }),
  scheduleLookBack: z.strictObject({
    actor,
    after: z.string().regex(/^P/, 'must be an ISO-8601 duration such as P90D'),
  }),
  recordLookBack: z.strictObject({
    actor,
    outcome: z.enum(['passed', 'failed']),
    findings: text,
    dueAt: instant.optional(),
  }),
  reportMaterialChange: z.strictObject({
    actor,
    kind: z.enum(['indicator_regression', 'regression_evidence', 'feedback_upheld']),
    description: text,
  }),
  recordReview: z.strictObject({
    actor,
    outcome: z.enum(['effective', 'ineffective']),
    note: text,
    dueAt: instant.optional(),
  }),
  recordReferralOutcome: z.strictObject({ actor, itemCode: z.string().min(1), outcome: text }),
  decompose: z.strictObject({
    actor,
    subMeasures: z
      .array(
        z.strictObject({
          code: z.string().min(1).max(31),
          title: text,
          leadUnitCode: z.string().min(1).max(64),
          leadLeader: z.string().min(1).max(100),
          dueAt: instant,
          // Unset: the sub-measure follows the parent's evidence rules, indicators and review cadence.
          evidenceRules: bounded(
            z.strictObject({
              kind: z.enum(EVIDENCE_KINDS),
              description: z.string().trim().min(1).max(500),
            }),
          ).optional(),
          indicators: bounded(
            z.strictObject({
              code: z.string().min(1).max(64),
              name: z.string().trim().min(1).max(200),
              unit: z.string().trim().min(1).max(32),
              target: z.number().finite(),
              baseline: z.number().finite().optional(),
            }),
          ).optional(),
          reviewEvery: z.string().regex(/^P/, 'must be an ISO-8601 duration such as P3M').optional(),
        }),
      )
      .min(1)
      .max(MAX_SUB_MEASURES_PER_DECOMPOSITION),
  }),
  applyPolicy: z.strictObject({
    actor,
    policy: z.strictObject({
      version: z.string().min(1).max(64),
      steps: bounded(z.strictObject({ kind: z.enum(ESCALATION_STEP_KINDS), offset: z.string() })).min(1),
      acknowledgement: acknowledgementPolicySchema.optional(),
    }),
  }),
  close: z.strictObject({ actor, reason: text }),
  acknowledge: z.strictObject({ actor }),
  returnAssignment: z.strictObject({ actor, reason: text }),
  confirmAssignment: z.strictObject({ actor }),
  // 目标调整: the indicator's code comes from the path.
  adjustIndicatorTarget: z.strictObject({
    actor,
    indicator: z.string().min(1).max(64),
    target: z.number().finite(),
    reason: text,
    approvedBy: z.string().trim().min(1, 'must not be empty').max(200),
  }),
} as const;

export type MeasureCommandName = keyof typeof MEASURE_COMMAND_BODIES;
export type MeasureCommandBody<C extends MeasureCommandName> = z.output<(typeof MEASURE_COMMAND_BODIES)[C]>;

// Request bodies of the spot-inspection routes, parsed with parseInput so every offending field is
// named. Checks that need the database (known units, plans, problems) are the use cases'.
import { z } from 'zod';
import { ESCALATION_STEP_KINDS } from '../../../../libs/domain/src/escalation-ladder';
import { UNIT_LEVELS } from '../../../../libs/domain/src/plan-definition';
import { NOTICE_KINDS, samplingRuleSchema } from '../../../../libs/domain/src/spot-inspection';

// As plan codes: a round's code is the code of its own plan.
const code = z
  .string()
  .regex(
    /^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff._-]{0,63}$/,
    'must be 1–64 letters, digits, ".", "_" or "-"',
  );
const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');

export const escalationPolicyBody = z.strictObject({
  version: text(64),
  steps: z
    .array(z.strictObject({ kind: z.enum(ESCALATION_STEP_KINDS), offset: z.string().max(40) }))
    .min(1, 'needs at least one step'),
});

export const createSpotRoundBody = z.strictObject({
  code,
  // The round's plan is titled after it, with room for "发现问题整改".
  title: text(480),
  organiser: text(200),
  inspectedOrganisation: text(200).optional(),
  startsOn: day,
  endsOn: day,
  timeZone: z.string().max(64).optional(),
  // The default ladder of the round's notices.
  escalationPolicy: escalationPolicyBody.optional(),
  // Where places come from: a unit tree given here, or the unit tree of an imported plan.
  units: z
    .array(
      z.strictObject({
        code,
        name: text(200),
        level: z.enum(UNIT_LEVELS).default('other'),
        parent: code.optional(),
      }),
    )
    .min(1)
    .max(5000)
    .optional(),
  unitsFromPlan: code.optional(),
  // Which levels of that tree the sampling rule draws from (default: every unit).
  candidateLevels: z.array(z.enum(UNIT_LEVELS)).min(1).optional(),
  groups: z
    .array(
      z.strictObject({
        code,
        name: text(200),
        // Without a sampling rule, the places each group visits.
        places: z.array(code).min(1).max(500).optional(),
      }),
    )
    .min(1, 'a round needs at least one group')
    .max(100),
  samplingRule: samplingRuleSchema.optional(),
  // Recorded with the draw; one is made up when none is given.
  seed: text(200).optional(),
});
export type CreateSpotRoundBody = z.output<typeof createSpotRoundBody>;

export const addSpotFindingBody = z.strictObject({
  group: code,
  place: code,
  description: text(2000),
  foundOn: day,
  // Where the finding fits a problem of another plan.
  link: z.strictObject({ planCode: code, problemCode: code }).optional(),
});
export type AddSpotFindingBody = z.output<typeof addSpotFindingBody>;

export const issueSpotNoticeBody = z.strictObject({
  kind: z.enum(NOTICE_KINDS),
  // 文号, e.g. 甘脱贫督〔2019〕12号
  number: text(100).optional(),
  title: text(2000).optional(),
  // Default: the unit of the place where the finding was made.
  leadUnit: code.optional(),
  leadLeader: text(100),
  // A date (2019-05-31) or, for a deadline in hours, an instant with offset (2019-05-20T18:00:00+08:00).
  due: z.string().max(40),
  escalationPolicy: escalationPolicyBody.optional(),
});
export type IssueSpotNoticeBody = z.output<typeof issueSpotNoticeBody>;

// The 签收 part of an escalation policy as the policy routes accept it; whether its durations make
// sense (and working days have a calendar) is checkAcknowledgementPolicy's question.
import { z } from 'zod';
import { ACKNOWLEDGEMENT_STEP_KINDS } from '../../../../libs/domain/src/acknowledgement-policy';

const duration = z.string().min(1).max(40);

export const acknowledgementPolicySchema = z.strictObject({
  within: duration,
  steps: z
    .array(z.strictObject({ kind: z.enum(ACKNOWLEDGEMENT_STEP_KINDS), offset: duration }))
    .min(1)
    .max(20)
    .optional(),
});

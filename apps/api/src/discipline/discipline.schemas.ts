// Bodies of the discipline API, parsed into typed commands; every offending field is named.
import { z } from 'zod';
import {
  BODY_KINDS,
  BODY_LEVELS,
  CADRE_LEVELS,
  PERSON_RELATIONS,
} from '../../../../libs/domain/src/accountability';

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const code = z
  .string()
  .regex(
    /^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff._-]{0,63}$/,
    'must be 1–64 letters, digits, ".", "_" or "-"',
  );
export const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');

export const bodySchema = z.strictObject({
  code: code.optional(),
  name: text(200),
  kind: z.enum(BODY_KINDS),
  level: z.enum(BODY_LEVELS),
  parent: code.nullable().default(null),
  jurisdiction: z.array(code).min(1, 'names at least one unit').max(500),
  casePolicy: z
    .strictObject({
      deadline: z.string().max(40),
      reminders: z.array(z.string().max(40)).max(10),
      escalateAfter: z.string().max(40),
    })
    .nullable()
    .default(null),
});

export const membersSchema = z.strictObject({
  principalIds: z.array(z.string().min(1).max(36)).max(200),
});

export const referSchema = z.strictObject({
  measureId: z.string().min(1).max(36),
  reason: text(2000).optional(),
});

export const assignBodySchema = z.strictObject({ bodyCode: code });

export const personSchema = z.strictObject({
  name: text(100),
  post: text(200),
  cadreLevel: z.enum(CADRE_LEVELS),
  partyMember: z.boolean(),
  relation: z.enum(PERSON_RELATIONS),
});

// The form is checked against the table in libs/domain (decisionProblems), so an unknown form is
// named there with the list of forms.
export const decisionSchema = z.strictObject({
  personId: z.string().min(1).max(36),
  form: z.string().min(1).max(32),
  subForm: z.string().max(32).nullable().optional(),
  reasonCode: z.string().max(64).nullable().optional(),
  statement: z.string().max(4000).nullable().optional(),
  decidedOn: calendarDate,
  documentNumber: z.string().max(100).nullable().optional(),
});

export const reviewSchema = z.strictObject({
  outcome: z.enum(['confirm', 'overturn']),
  reasons: z.string().trim().max(4000).optional(),
});

export const correctionSchema = decisionSchema.omit({ personId: true }).extend({ reason: text(4000) });

// Bodies of the problem-lead API, parsed into typed commands; every offending field is named.
import { z } from 'zod';
import { LEAD_OUTCOMES } from '../../../../libs/domain/src/accountability';
import { LEAD_STATUSES } from '../../../../libs/domain/src/problem-lead';
import { calendarDate } from './discipline.schemas';

const code = z
  .string()
  .regex(
    /^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff._-]{0,63}$/,
    'must be 1–64 letters, digits, ".", "_" or "-"',
  );
const duration = z.string().min(1).max(40);

export const registerLeadsSchema = z
  .strictObject({
    ref: code,
    planCode: code.optional(),
    problemCode: code.optional(),
    summary: z.string().trim().min(1, 'must not be empty').max(2000).optional(),
    // A batch handed over as a count is one line with its count.
    items: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100_000).default(1),
    receivedOn: calendarDate,
    bodies: z
      .array(code)
      .min(1, 'names at least one body')
      .max(20)
      .refine((b) => new Set(b).size === b.length, 'names each body once'),
    verifyWithin: duration.optional(),
    reminders: z.array(duration).max(10).optional(),
    escalateAfter: duration.optional(),
  })
  .refine((b) => !b.problemCode || b.planCode, {
    path: ['planCode'],
    message: 'a problem is named within its plan: give planCode with problemCode',
  });

export const verifyLeadSchema = z.strictObject({
  outcome: z.enum(LEAD_OUTCOMES),
  note: z.string().trim().max(4000).optional(),
});

export const listLeadsQuery = z.strictObject({
  status: z.enum(LEAD_STATUSES).optional(),
  body: code.optional(),
  ref: code.optional(),
  plan: code.optional(),
  problem: code.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

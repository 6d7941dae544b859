// Query strings and bodies of the discipline figures and the 问责泛化 report.
import { z } from 'zod';
import { calendarDate } from './discipline.schemas';

const bodyCode = z.string().min(1, 'names a discipline body').max(64);
const figure = z
  .number({ error: 'must be a whole number of zero or more' })
  .int('must be a whole number')
  .min(0, 'must be zero or more')
  .max(10_000_000, 'must be at most 10,000,000');

export const figuresQuery = z.strictObject({
  body: bodyCode,
  from: calendarDate,
  to: calendarDate,
  plan: z.string().min(1).max(36).optional(),
});

export const overBroadQuery = figuresQuery.omit({ plan: true });

export const enterFiguresSchema = z.strictObject({
  bodyCode,
  from: calendarDate,
  to: calendarDate,
  planId: z.string().min(1).max(36).nullable().default(null),
  cases: figure,
  persons: figure,
  partyOrGovernmentSanctions: figure,
  organisationalHandling: figure,
  heldAccountable: figure,
  judicialReferrals: figure,
  note: z.string().trim().max(2000).nullable().default(null),
});

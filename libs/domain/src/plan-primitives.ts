// The plain values a plan file is made of, shared by the plan format's schema and the files that
// define its parts (sources, tree shape), which plan-definition.ts imports in turn.
import { z } from 'zod';

// Codes end up in workflow ids and URLs: keep them plain.
export const code = z
  .string()
  .regex(
    /^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff._-]{0,63}$/,
    'must be 1–64 letters, digits, ".", "_" or "-"',
  );

export const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');

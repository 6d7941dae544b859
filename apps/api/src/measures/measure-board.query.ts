// The measure board's query: filters, sort and paging, shared by the list and its XLSX export.
import { z } from 'zod';
import { measureScope, type Principal } from '../../../../libs/domain/src/authorization';
import { ACKNOWLEDGEMENT_STATUSES } from '../../../../libs/domain/src/acknowledgement-policy';
import { MEASURE_LIGHTS } from '../../../../libs/domain/src/measure-light';
import { MEASURE_STATUSES } from '../../../../libs/domain/src/measure-status';
import { TRACKS } from '../../../../libs/domain/src/track';
import {
  MEASURE_SORT_COLUMNS,
  type MeasureFilter,
  type MeasureSortColumn,
} from '../../../../libs/persistence/src/repositories/measure.repository';

export const MEASURE_SORTS = MEASURE_SORT_COLUMNS.flatMap((c) => [`${c}:asc`, `${c}:desc`] as const);

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(isCalendarDate, 'is not a calendar date')
  .optional();
const code = z.string().min(1).max(64).optional();

const filters = {
  plan: z.string().uuid('must be a plan id').optional(),
  category: code,
  problem: code,
  unit: code,
  leader: z.string().min(1).max(100).optional(),
  track: z.enum(TRACKS).optional(),
  status: z.enum(MEASURE_STATUSES).optional(),
  level: z.coerce.number().int().min(0).max(4).optional(),
  // 亮灯: open measures showing this light.
  light: z.enum(MEASURE_LIGHTS).optional(),
  dueFrom: day,
  dueTo: day,
  q: z.string().trim().min(1).max(200).optional(),
  acknowledgement: z.enum(ACKNOWLEDGEMENT_STATUSES).optional(),
  sort: z.enum(MEASURE_SORTS).default('dueAt:asc'),
};

// Category and problem codes are unique within a plan only.
const inOnePlan = (q: { plan?: string; category?: string; problem?: string }, ctx: z.RefinementCtx) => {
  for (const key of ['category', 'problem'] as const)
    if (q[key] !== undefined && q.plan === undefined)
      ctx.addIssue({ code: 'custom', path: [key], message: 'needs plan: codes are unique within a plan' });
};
const inOrder = (q: { dueFrom?: string; dueTo?: string }, ctx: z.RefinementCtx) => {
  if (q.dueFrom && q.dueTo && q.dueFrom > q.dueTo)
    ctx.addIssue({ code: 'custom', path: ['dueTo'], message: 'must not be before dueFrom' });
};

export const boardListQuery = z
  .strictObject({
    ...filters,
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .superRefine(inOnePlan)
  .superRefine(inOrder);

export const boardExportQuery = z.strictObject(filters).superRefine(inOnePlan).superRefine(inOrder);

type BoardFilters = z.output<typeof boardExportQuery>;

export function boardFilter(q: BoardFilters, principal: Principal): Omit<MeasureFilter, 'limit' | 'offset'> {
  const [column, direction] = q.sort.split(':') as [MeasureSortColumn, 'asc' | 'desc'];
  return {
    scope: measureScope(principal),
    planId: q.plan,
    categoryCode: q.category,
    problemCode: q.problem,
    unitCode: q.unit,
    leadLeader: q.leader,
    track: q.track,
    status: q.status,
    overdueLevel: q.level,
    light: q.light,
    dueFrom: q.dueFrom,
    dueTo: q.dueTo,
    text: q.q,
    acknowledgement: q.acknowledgement,
    sort: { column, direction: direction === 'asc' ? 'ASC' : 'DESC' },
  };
}

function isCalendarDate(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
}

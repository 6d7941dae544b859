// What differs between a measure's read-model row and its workflow (Temporal is the source of
// truth for what happens next; the row mirrors what has happened). Pure, so the consistency
// check and its unit spec share one reading of "drift".
import type { TypedSearchAttributes } from '@temporalio/common';
import type { MeasureRowView } from '../../persistence/src/repositories/measure.repository';
import {
  type MeasureSnapshot,
  SA_DUE_AT,
  SA_LIGHT,
  SA_OVERDUE_LEVEL,
  SA_PLAN,
  SA_STATUS,
  SA_UNIT,
} from '../../../workflows/measure/measure.contract';

export const DRIFT_KINDS = [
  'workflow_without_row', // a running measure workflow the read model has no row for
  'workflow_missing', // the row expects a running workflow; Temporal has none with its id
  'workflow_closed', // the row expects a running workflow; Temporal's has ended (terminated, failed…)
  'workflow_running', // the row's plan is closed, yet its workflow still runs
  'state_mismatch', // the row and the workflow's state (query) disagree on a field
  'search_attribute_mismatch', // a Rectify* search attribute disagrees with the workflow's state
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export interface Drift {
  readonly workflowId: string;
  readonly kind: DriftKind;
  // The field or search attribute that differs; null when the whole workflow or row is at odds.
  readonly field: string | null;
  // What the row (or, for a search attribute, Temporal's visibility) holds: null for none.
  readonly found: string | null;
  // What the workflow says (its state, or its execution status): null when there is none.
  readonly workflow: string | null;
}

export interface WorkflowLook {
  readonly workflowId: string;
  readonly planCode: string;
  readonly state: MeasureSnapshot;
  // Absent on workflows that upsert none (TEMPORAL_SEARCH_ATTRIBUTES=false).
  readonly searchAttributes: TypedSearchAttributes | null;
}

// Whether the row says the measure's workflow should be running.
export function expectsWorkflow(row: MeasureRowView): boolean {
  return row.status !== 'withdrawn' && !row.planClosed;
}

// A running workflow against its row (or the lack of one).
export function measureDrift(row: MeasureRowView | null, look: WorkflowLook): Drift[] {
  const { workflowId, state } = look;
  const drift = (kind: DriftKind, field: string | null, found: string | null, workflow: string | null) => ({
    workflowId,
    kind,
    field,
    found,
    workflow,
  });
  if (!row) return [drift('workflow_without_row', null, null, state.status)];
  if (row.planClosed) return [drift('workflow_running', 'plan', 'closed', 'RUNNING')];
  const drifts: Drift[] = [];
  const fields: [string, string, string][] = [
    ['status', row.status, state.status],
    ['overdueLevel', String(row.overdueLevel), String(state.overdueLevel)],
    ['dueAt', row.dueAt.toISOString(), instant(state.dueAt)],
    ['leadUnitCode', row.leadUnitCode, state.leadUnitCode],
  ];
  // Runs from before the `measure-lights` patch keep no light: there is nothing to compare.
  const light = state.light === undefined ? undefined : (state.light ?? NO_LIGHT);
  if (light !== undefined) fields.push(['light', row.light ?? NO_LIGHT, light]);
  for (const [field, inRow, inWorkflow] of fields)
    if (inRow !== inWorkflow) drifts.push(drift('state_mismatch', field, inRow, inWorkflow));

  const sa = look.searchAttributes;
  if (sa && SA_KEYS.some((k) => sa.get(k) !== undefined)) {
    const attributes: [string, unknown, string][] = [
      [SA_PLAN.name, sa.get(SA_PLAN), look.planCode],
      [SA_STATUS.name, sa.get(SA_STATUS), state.status],
      [SA_UNIT.name, sa.get(SA_UNIT), state.leadUnitCode],
      [SA_OVERDUE_LEVEL.name, sa.get(SA_OVERDUE_LEVEL), String(state.overdueLevel)],
      [SA_DUE_AT.name, sa.get(SA_DUE_AT), instant(state.dueAt)],
    ];
    if (light !== undefined) attributes.push([SA_LIGHT.name, sa.get(SA_LIGHT) ?? NO_LIGHT, light]);
    for (const [name, value, expected] of attributes) {
      const shown = value === undefined ? null : value instanceof Date ? value.toISOString() : String(value);
      if (shown !== expected) drifts.push(drift('search_attribute_mismatch', name, shown, expected));
    }
  }
  return drifts;
}

// How a light that is unset (a measure no longer open) shows in a drift report.
const NO_LIGHT = 'none';

const SA_KEYS = [SA_PLAN, SA_STATUS, SA_UNIT, SA_OVERDUE_LEVEL, SA_DUE_AT] as const;

function instant(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString();
}

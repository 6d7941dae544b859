import { TypedSearchAttributes } from '@temporalio/common';
import type { MeasureRowView } from '../../persistence/src/repositories/measure.repository';
import {
  type MeasureSnapshot,
  SA_DUE_AT,
  SA_LIGHT,
  SA_OVERDUE_LEVEL,
  SA_PLAN,
  SA_STATUS,
  SA_TRACK,
  SA_UNIT,
} from '../../../workflows/measure/measure.contract';
import { expectsWorkflow, measureDrift } from './measure-drift';

const ID = 'measure:GS-2019:P01-M1';
const DUE = '2019-09-30T16:00:00.000Z';

const row = (o: Partial<MeasureRowView> = {}): MeasureRowView => ({
  workflowId: ID,
  status: 'in_progress',
  overdueLevel: 2,
  dueAt: new Date(DUE),
  leadUnitCode: 'GS-HOUSING',
  light: null,
  planClosed: false,
  ...o,
});

const state = (o: Partial<MeasureSnapshot> = {}) =>
  ({
    status: 'in_progress',
    overdueLevel: 2,
    dueAt: DUE,
    leadUnitCode: 'GS-HOUSING',
    ...o,
  }) as MeasureSnapshot;

const attributes = (o: { status?: string; level?: number; light?: string } = {}) =>
  new TypedSearchAttributes([
    ...(o.light === undefined ? [] : [{ key: SA_LIGHT, value: o.light }]),
    { key: SA_PLAN, value: 'GS-2019' },
    { key: SA_UNIT, value: 'GS-HOUSING' },
    { key: SA_STATUS, value: o.status ?? 'in_progress' },
    { key: SA_TRACK, value: 'long_term' },
    { key: SA_OVERDUE_LEVEL, value: o.level ?? 2 },
    { key: SA_DUE_AT, value: new Date(DUE) },
  ]);

const look = (st: MeasureSnapshot, sa: TypedSearchAttributes | null = attributes()) => ({
  workflowId: ID,
  planCode: 'GS-2019',
  state: st,
  searchAttributes: sa,
});

describe('measure drift', () => {
  it('finds none when row, state and search attributes agree (a deadline written with an offset too)', () => {
    expect(measureDrift(row(), look(state()))).toEqual([]);
    expect(measureDrift(row(), look(state({ dueAt: '2019-10-01T00:00:00+08:00' })))).toEqual([]);
  });

  it('compares the state alone when the workflow upserts no search attributes', () => {
    expect(measureDrift(row(), look(state(), null))).toEqual([]);
    expect(measureDrift(row(), look(state(), new TypedSearchAttributes()))).toEqual([]);
  });

  it('names each field the row and the state disagree on', () => {
    expect(
      measureDrift(
        row({
          status: 'assigned',
          overdueLevel: 0,
          dueAt: new Date('2019-12-31T16:00:00Z'),
          leadUnitCode: 'X',
        }),
        look(state()),
      ),
    ).toEqual([
      { workflowId: ID, kind: 'state_mismatch', field: 'status', found: 'assigned', workflow: 'in_progress' },
      { workflowId: ID, kind: 'state_mismatch', field: 'overdueLevel', found: '0', workflow: '2' },
      {
        workflowId: ID,
        kind: 'state_mismatch',
        field: 'dueAt',
        found: '2019-12-31T16:00:00.000Z',
        workflow: DUE,
      },
      { workflowId: ID, kind: 'state_mismatch', field: 'leadUnitCode', found: 'X', workflow: 'GS-HOUSING' },
    ]);
  });

  it('names each search attribute that lags the state', () => {
    expect(measureDrift(row(), look(state(), attributes({ status: 'assigned', level: 1 })))).toEqual([
      {
        workflowId: ID,
        kind: 'search_attribute_mismatch',
        field: 'RectifyStatus',
        found: 'assigned',
        workflow: 'in_progress',
      },
      {
        workflowId: ID,
        kind: 'search_attribute_mismatch',
        field: 'RectifyOverdueLevel',
        found: '1',
        workflow: '2',
      },
    ]);
  });

  it('compares the light (亮灯) only for runs that keep one, an unset light as none', () => {
    // A run from before the measure-lights patch: its row's light is whatever it is.
    expect(measureDrift(row({ light: 'red' }), look(state()))).toEqual([]);
    expect(
      measureDrift(row({ light: 'red' }), look(state({ light: 'red' }), attributes({ light: 'red' }))),
    ).toEqual([]);
    expect(measureDrift(row(), look(state({ light: null })))).toEqual([]);
    expect(measureDrift(row({ light: 'green' }), look(state({ light: 'yellow' }), attributes()))).toEqual([
      { workflowId: ID, kind: 'state_mismatch', field: 'light', found: 'green', workflow: 'yellow' },
      {
        workflowId: ID,
        kind: 'search_attribute_mismatch',
        field: 'RectifyLight',
        found: 'none',
        workflow: 'yellow',
      },
    ]);
    expect(measureDrift(row(), look(state({ light: null }), attributes({ light: 'red' })))).toEqual([
      {
        workflowId: ID,
        kind: 'search_attribute_mismatch',
        field: 'RectifyLight',
        found: 'red',
        workflow: 'none',
      },
    ]);
  });

  it('reports a running workflow without a row, and one whose plan the row says is closed', () => {
    expect(measureDrift(null, look(state()))).toEqual([
      { workflowId: ID, kind: 'workflow_without_row', field: null, found: null, workflow: 'in_progress' },
    ]);
    expect(measureDrift(row({ planClosed: true }), look(state()))).toEqual([
      { workflowId: ID, kind: 'workflow_running', field: 'plan', found: 'closed', workflow: 'RUNNING' },
    ]);
  });

  it.each([
    ['assigned', false, true],
    ['in_progress', false, true],
    ['completion_claimed', false, true],
    ['verified', false, true],
    ['closed', false, true],
    ['withdrawn', false, false],
    ['in_progress', true, false],
  ] as const)('a row %s (plan closed: %s) expects a running workflow: %s', (status, planClosed, expected) => {
    expect(expectsWorkflow(row({ status, planClosed }))).toBe(expected);
  });
});

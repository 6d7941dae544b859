// 目标调整 in the measure workflow on the time-skipping server: the office adjusts an indicator's
// target with a reason and an approver; the event records the plan target, the one it moved from
// and to, and the state, the read model and a completion claim read the adjusted target from then
// on. Bad input and a measure under verification are refused with nothing recorded.
import { DomainError } from '../../libs/domain/src/domain-error';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import { eventually } from '../support/eventually';
import { DAY, LifecycleBench, startLifecycleBench } from '../support/lifecycle-harness';
import { testEngine } from '../support/test-database';

const OFFICE = 'office:user:target-test';
const change = (target: number, reason = '438户经核实不属于改造对象') => ({
  actor: OFFICE,
  indicator: 'houses',
  target,
  reason,
  approvedBy: '省住建厅',
});

describe(`目标调整 (indicator target adjustment) in the measure workflow (${testEngine()})`, () => {
  let b: LifecycleBench;
  let g: MeasureWorkflowGateway;

  beforeAll(async () => {
    b = await startLifecycleBench();
    g = b.gateway;
  });
  afterAll(() => b?.stop());

  async function refusal(p: Promise<unknown>): Promise<[string, string]> {
    const e = await p.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DomainError);
    return [(e as DomainError).code, (e as DomainError).message];
  }

  it('adjusts a target, keeps the plan target beside it, and lets a claim meet the adjusted one', async () => {
    // P01-M1 carries houses: 26 500.
    const [m] = await b.planDueIn(30, { measures: 1 });
    expect(
      await refusal(g.adjustIndicatorTarget(m.workflowId, { ...change(26_062), indicator: 'rooms' })),
    ).toEqual(['VALIDATION_FAILED', 'indicator: unknown indicator rooms']);
    expect(await refusal(g.adjustIndicatorTarget(m.workflowId, change(26_062, ' ')))).toEqual([
      'VALIDATION_FAILED',
      'reason: must not be empty',
    ]);
    expect(await refusal(g.adjustIndicatorTarget(m.workflowId, change(Number.NaN)))).toEqual([
      'VALIDATION_FAILED',
      'target: must be a finite number',
    ]);
    expect(await refusal(g.adjustIndicatorTarget(m.workflowId, change(26_500)))).toEqual([
      'VALIDATION_FAILED',
      'target: is already the target of houses',
    ]);
    expect(await b.recorded(m)).toEqual([]);

    const first = await g.adjustIndicatorTarget(m.workflowId, change(26_100, '400户纳入易地扶贫搬迁'));
    expect(first.indicators[0]).toMatchObject({
      target: 26_100,
      adjustment: {
        originalTarget: 26_500,
        reason: '400户纳入易地扶贫搬迁',
        approvedBy: '省住建厅',
        actor: OFFICE,
      },
    });
    const second = await g.adjustIndicatorTarget(m.workflowId, change(26_062));
    expect(second.indicators[0]).toMatchObject({
      target: 26_062,
      adjustment: { originalTarget: 26_500, reason: '438户经核实不属于改造对象' },
    });
    const events = (await b.events.listForMeasure(m.id)).filter((e) => e.kind === 'target_adjusted');
    expect(events.map((e) => [e.actor, e.detail])).toEqual([
      [
        OFFICE,
        {
          indicator: 'houses',
          originalTarget: 26_500,
          from: 26_500,
          to: 26_100,
          reason: '400户纳入易地扶贫搬迁',
          approvedBy: '省住建厅',
        },
      ],
      [
        OFFICE,
        {
          indicator: 'houses',
          originalTarget: 26_500,
          from: 26_100,
          to: 26_062,
          reason: '438户经核实不属于改造对象',
          approvedBy: '省住建厅',
        },
      ],
    ]);
    await eventually(async () =>
      expect((await b.row(m)).indicators[0]).toMatchObject({
        target: 26_062,
        adjustment: { originalTarget: 26_500, adjustedAt: second.indicators[0].adjustment?.adjustedAt },
      }),
    );

    // At the adjusted target the claim is complete: no below-target flag, no explanation needed.
    const claimed = await g.claimCompletion(m.workflowId, {
      actor: 'unit:user:housing',
      evidence: [{ kind: 'photo', description: '改造后住房照片' }],
      indicators: [{ code: 'houses', current: 26_062 }],
    });
    expect(claimed.claim?.flags).toEqual([]);
    expect(await refusal(g.adjustIndicatorTarget(m.workflowId, change(26_000)))).toEqual([
      'COMMAND_REFUSED',
      'a measure in status completion_claimed cannot accept adjustIndicatorTarget',
    ]);
    const verified = await g.verify(m.workflowId, { actor: 'verifier:user:1', decision: 'accept' });
    expect(verified.status).toBe('verified');
    expect(verified.signOff?.indicators[0]).toMatchObject({ target: 26_062, current: 26_062 });
  });
  it('judges the light (亮灯) on the adjusted target: behind on the plan target, on track on the adjusted one', async () => {
    // Due in 30 days, the default rule: 40 % done is behind schedule once 55 % of the span is gone.
    const [m] = await b.planDueIn(30, { measures: 1 });
    await g.reportProgress(m.workflowId, {
      actor: 'unit:user:housing',
      note: '已完成10600户',
      indicators: [{ code: 'houses', current: 10_600 }],
    });
    const lights = async () =>
      (await b.events.listForMeasure(m.id))
        .filter((e) => e.kind === 'light_changed')
        .map((e) => [e.detail.from, e.detail.to, e.detail.reason]);
    await b.env.sleep(18 * DAY);
    await eventually(async () => expect(await lights()).toEqual([['green', 'yellow', 'behind_schedule']]));

    // 15 000 households in scope: 10 600 is 71 % done, on track at 60 % of the span.
    const adjusted = await g.adjustIndicatorTarget(m.workflowId, change(15_000, '11500户移出改造范围'));
    expect(adjusted.indicators[0]).toMatchObject({ target: 15_000, current: 10_600 });
    // The change is recorded first and applied to the workflow's state when the record is back.
    await eventually(async () => {
      expect(await lights()).toEqual([
        ['green', 'yellow', 'behind_schedule'],
        ['yellow', 'green', 'on_track'],
      ]);
      expect((await g.state(m.workflowId))?.light).toBe('green');
    });
  });
});

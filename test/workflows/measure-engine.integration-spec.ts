// What the measure engine guarantees when things happen at once: handlers serialised, nothing
// lost at continue-as-new, commands applied once, records never ahead of or behind the state.
// Each test here failed on the engine before v2 (commit e913769).
import { MeasureUnitEntity } from '../../libs/persistence/src/entities/measure-unit.entity';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import { eventually } from '../support/eventually';
import { followPlan } from '../support/follow-plan';
import { holdWrites } from '../support/hold-writes';
import { DAY, LifecycleBench, startLifecycleBench } from '../support/lifecycle-harness';
import { aPlanDocument } from '../support/plan-fixtures';
import { AT_TARGET, PHOTO, WHOLE_LADDER } from '../support/measure-fixtures';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

describe(`the measure engine under concurrency and continue-as-new (${testEngine()})`, () => {
  let b: LifecycleBench;
  let g: MeasureWorkflowGateway;
  // A gateway whose workflows continue as new after a handful of events.
  let short: MeasureWorkflowGateway;

  beforeAll(async () => {
    b = await startLifecycleBench();
    g = b.gateway;
    short = new MeasureWorkflowGateway(b.env.client, b.taskQueue, { historyLimit: 5 });
  });
  afterAll(() => b?.stop());

  const sub = (code: string, dueAt: string) => ({
    code,
    title: `${code}危房改造`,
    leadUnitCode: 'LINXIA',
    leadLeader: '州长',
    dueAt,
  });
  const before = (m: MeasureEntity, days: number) => new Date(m.dueAt.getTime() - days * DAY).toISOString();

  async function followShort(days: number, measures = 1): Promise<MeasureEntity[]> {
    const due = new Date((await b.env.currentTimeMs()) + days * DAY).toISOString();
    return followPlan(aPlanDocument({ planCode: uniqueCode('GS'), due, measures }), b.db.dataSource, short);
  }

  async function kinds(m: MeasureEntity): Promise<string[]> {
    return (await b.recorded(m)).map(([k]) => k);
  }

  describe('handlers are serialised', () => {
    it('applies one of two concurrent decompositions with the same sub-measure code and refuses the other', async () => {
      const [m] = await b.planDueIn(60, { measures: 1 });
      const results = await Promise.allSettled([
        g.decompose(m.workflowId, { actor: 'a', subMeasures: [sub('LX', before(m, 10))] }),
        g.decompose(m.workflowId, { actor: 'b', subMeasures: [sub('LX', before(m, 20))] }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: 'subMeasures[0].code' }],
      });
      expect((await g.state(m.workflowId))?.children.map((c) => c.measureCode)).toEqual(['P01-M1.LX']);
      expect(await kinds(m)).toEqual(['decomposed']);
      const rows = await b.db.dataSource
        .getRepository(MeasureEntity)
        .find({ where: { parentMeasureId: m.id } });
      expect(rows.map((r) => r.code)).toEqual(['P01-M1.LX']);
    });

    it('never lets a completion claim and a decomposition racing on one measure both succeed', async () => {
      const [m] = await b.planDueIn(60, { measures: 1 });
      const results = await Promise.allSettled([
        g.decompose(m.workflowId, { actor: 'a', subMeasures: [sub('LX', before(m, 10))] }),
        g.claimCompletion(m.workflowId, { actor: 'u', evidence: [PHOTO], indicators: AT_TARGET }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({
        code: 'COMMAND_REFUSED',
      });
      const state = await g.state(m.workflowId);
      const claimed = state?.status === 'completion_claimed';
      expect(state?.children).toHaveLength(claimed ? 0 : 1);
      expect(await kinds(m)).toEqual([claimed ? 'completion_claimed' : 'decomposed']);
    });

    it('records each of ten concurrent progress reports exactly once, in order', async () => {
      const [m] = await b.planDueIn(60, { measures: 1 });
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          g.reportProgress(m.workflowId, {
            actor: `u${i}`,
            note: `第${i + 1}次调度`,
            indicators: [{ code: 'houses', current: i }],
          }),
        ),
      );
      expect((await g.state(m.workflowId))?.progressReports).toBe(10);
      const events = await b.events.listForMeasure(m.id);
      expect(events.map((e) => e.kind)).toEqual(Array(10).fill('progress_reported'));
      expect(events.map((e) => e.seq).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
      ]);
      const row = await b.row(m);
      expect(row.lastEventSeq).toBe(10);
      // The row shows the newest report's value, whichever order the records were written in.
      const newest = events.find((e) => e.seq === 10)?.detail as { indicators: { current: number }[] };
      expect(row.indicators[0].current).toBe(newest.indicators[0].current);
    });

    it('never lets a ladder step that was in flight undo the reset of a deadline change', async () => {
      // Imported 20 days late: the catch-up 督办 is being recorded when the new deadline arrives.
      const measures = await b.planDueIn(-20, { measures: 4 });
      const later = new Date((await b.env.currentTimeMs()) + 60 * DAY).toISOString();
      await Promise.all(
        measures.map((m) =>
          g.changeDeadline(m.workflowId, { actor: 'office', dueAt: later, reason: '延后' }),
        ),
      );
      for (const m of measures) {
        // Wait until nothing is in flight, so a late write would already have landed.
        await eventually(async () => {
          expect(await kinds(m)).toContain('deadline_changed');
          expect(
            (await b.env.client.workflow.getHandle(m.workflowId).describe()).raw.pendingActivities,
          ).toEqual([]);
        });
        // Whichever came first, the measure ends at level 0 against the new deadline.
        expect(await g.state(m.workflowId)).toMatchObject({ dueAt: later, overdueLevel: 0 });
        expect((await b.row(m)).overdueLevel).toBe(0);
        expect((await kinds(m)).filter((k) => k === 'deadline_changed')).toHaveLength(1);
      }
    });
  });

  describe('records and state never part', () => {
    it('changes nothing and answers RECORDING_FAILED when the record is refused', async () => {
      const [m] = await b.planDueIn(30, { measures: 1 });
      // Without its read-model row the record can never succeed: the activity says so at once.
      await b.db.dataSource.getRepository(MeasureUnitEntity).delete({ measureId: m.id });
      await b.db.dataSource.getRepository(MeasureEntity).delete({ id: m.id });
      await expect(
        g.reportProgress(m.workflowId, {
          actor: 'u',
          note: '进展',
          indicators: [{ code: 'houses', current: 1 }],
        }),
      ).rejects.toMatchObject({ code: 'RECORDING_FAILED' });
      expect(await g.state(m.workflowId)).toMatchObject({
        status: 'assigned',
        progressReports: 0,
        eventSeq: 1,
      });
      expect((await g.state(m.workflowId))?.indicators[0].current).toBe(0);
    });

    it('refuses an actor or a sub-measure code the read model could not store, naming the field', async () => {
      const [m] = await b.planDueIn(30, { measures: 1 });
      await expect(
        g.reportProgress(m.workflowId, { actor: 'x'.repeat(201), note: '进展' }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: 'actor', message: 'must be at most 200 characters' }],
      });
      expect(await kinds(m)).toEqual([]);
      const [long] = await b.planDueIn(30, {
        measures: 1,
        mutate: (doc) => {
          doc.categories[0].aspects[0].problems[0].measures[0].code = `P01-${'M'.repeat(36)}`;
        },
      });
      await expect(
        g.decompose(long.workflowId, { actor: 'u', subMeasures: [sub('A'.repeat(30), before(long, 1))] }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'subMeasures[0].code' }] });
      expect(await kinds(long)).toEqual([]);
    });
  });

  describe('continue-as-new', () => {
    it('fires every step of the ladder when continue-as-new falls at the moment one is due', async () => {
      const [m] = await followShort(30);
      await b.env.sleep(46 * DAY);
      expect(await b.recorded(m)).toEqual(WHOLE_LADDER);
      const state = await g.state(m.workflowId);
      expect(state?.skippedSteps).toEqual([]);
    });

    it('ends the measure when the plan closes while a command is being recorded', async () => {
      const [m] = await followShort(30);
      const release = await holdWrites(b.db);
      let released = false;
      try {
        const report = short.reportProgress(m.workflowId, { actor: 'u', note: '进展' });
        const handle = b.env.client.workflow.getHandle(m.workflowId);
        await eventually(async () => expect((await handle.describe()).raw.pendingActivities?.length).toBe(1));
        await handle.signal('planClosed', { actor: 'office' });
        await release();
        released = true;
        await report;
      } finally {
        if (!released) await release();
      }
      await eventually(async () => expect(await kinds(m)).toEqual(['progress_reported', 'plan_closed']));
      const outcome = await b.env.client.workflow.getHandle(m.workflowId).result();
      expect(outcome.status).toBe('in_progress');
    });

    it('carries only the steps of the deadline now running', async () => {
      const [m] = await followShort(10);
      await b.env.sleep(12 * DAY); // T+2d: two reminders and the overdue notice fired
      await short.changeDeadline(m.workflowId, {
        actor: 'office',
        dueAt: new Date((await b.env.currentTimeMs()) + 30 * DAY).toISOString(),
        reason: '延期',
      });
      await b.env.sleep(24 * DAY); // the new deadline's T-7d reminder fires; runs continue as new
      const state = await g.state(m.workflowId);
      expect(state?.firedSteps.map((s) => [s.key, s.deadlineVersion])).toEqual([['reminder@-P7D', 2]]);
      expect(await kinds(m)).toEqual([
        'reminder',
        'reminder',
        'overdue_notice',
        'deadline_changed',
        'reminder',
      ]);
    });
  });

  describe('idempotent commands', () => {
    it('applies a command sent twice with one idempotency key once and answers the same, also after continue-as-new', async () => {
      const [m] = await followShort(30);
      const first = await short.reportProgress(m.workflowId, { actor: 'u', note: '进展' }, 'retry-1');
      const again = await short.reportProgress(m.workflowId, { actor: 'u', note: '进展' }, 'retry-1');
      expect(again).toEqual(first);
      // The run continues as new after the command; a retry that reaches the next run is still once.
      await eventually(async () => {
        const d = await b.env.client.workflow.getHandle(m.workflowId).describe();
        expect(d.runId).not.toBe(d.raw.workflowExecutionInfo?.firstRunId);
      });
      const late = await short.reportProgress(m.workflowId, { actor: 'u', note: '进展' }, 'retry-1');
      expect(late.progressReports).toBe(1);
      const other = await short.reportProgress(m.workflowId, { actor: 'u', note: '进展' }, 'retry-2');
      expect(other.progressReports).toBe(2);
      expect(await kinds(m)).toEqual(['progress_reported', 'progress_reported']);
    });
  });

  describe('deadlines', () => {
    it('runs the ladder again for a deadline moved away and back, as a new version', async () => {
      const [m] = await b.planDueIn(-5, { measures: 1 });
      // Imported five days late: the catch-up fires the highest step reached, 督办 at T+3d.
      await eventually(async () => expect(await kinds(m)).toEqual(['supervision_notice']));
      const original = m.dueAt.toISOString();
      const later = new Date((await b.env.currentTimeMs()) + 30 * DAY).toISOString();
      await g.changeDeadline(m.workflowId, { actor: 'office', dueAt: later, reason: '延期' });
      await g.changeDeadline(m.workflowId, { actor: 'office', dueAt: original, reason: '恢复原期限' });
      await eventually(async () =>
        // Both notices are dated when they fell due (T+3d of the same instant), before the changes.
        expect(await kinds(m)).toEqual([
          'supervision_notice',
          'supervision_notice',
          'deadline_changed',
          'deadline_changed',
        ]),
      );
      // The row is written before the workflow applies the step (record first): wait for both.
      await eventually(async () => {
        expect(await g.state(m.workflowId)).toMatchObject({
          dueAt: original,
          deadlineVersion: 3,
          overdueLevel: 2,
        });
        expect((await b.row(m)).overdueLevel).toBe(2);
      });
    });
  });

  describe('sub-measures', () => {
    it("follow the parent's evidence rules and indicators unless the decomposition names their own", async () => {
      const [m] = await b.planDueIn(60, {
        measures: 1,
        mutate: (doc) => {
          Object.assign(doc.categories[0].aspects[0].problems[0].measures[0], {
            evidenceRules: [{ kind: 'site_visit', description: '实地核查记录' }],
          });
        },
      });
      await g.decompose(m.workflowId, {
        actor: 'u',
        subMeasures: [
          sub('LX', before(m, 10)),
          {
            ...sub('DX', before(m, 10)),
            evidenceRules: [],
            indicators: [{ code: 'dx', name: '定西户数', unit: '户', target: 10 }],
          },
        ],
      });
      const lx = `${m.workflowId}.LX`;
      const dx = `${m.workflowId}.DX`;
      await expect(
        g.claimCompletion(lx, { actor: 'LINXIA', evidence: [PHOTO], indicators: AT_TARGET }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        message: 'evidence: the plan requires evidence of kind site_visit (实地核查记录)',
      });
      expect((await g.state(lx))?.indicators.map((i) => [i.code, i.target])).toEqual([['houses', 26_500]]);
      const claimed = await g.claimCompletion(dx, {
        actor: 'DINGXI',
        evidence: [PHOTO],
        indicators: [{ code: 'dx', current: 10 }],
      });
      expect(claimed.status).toBe('completion_claimed');
    });

    it('refuses a sub-measure whose full code the plan already has, and writes nothing', async () => {
      const [m] = await b.planDueIn(60, {
        measures: 2,
        mutate: (doc) => {
          doc.categories[0].aspects[0].problems[0].measures[1].code = 'P01-M1.LX';
        },
      });
      await expect(
        g.decompose(m.workflowId, { actor: 'u', subMeasures: [sub('LX', before(m, 10))] }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: 'subMeasures[0].code', message: 'the plan already has a measure P01-M1.LX' }],
      });
      expect(await kinds(m)).toEqual([]);
      expect((await g.state(m.workflowId))?.children).toEqual([]);
      const rows = await b.db.dataSource
        .getRepository(MeasureEntity)
        .find({ where: { parentMeasureId: m.id } });
      expect(rows).toEqual([]);
    });

    it('go on when their parent is gone', async () => {
      const [m] = await b.planDueIn(60, { measures: 1 });
      await g.decompose(m.workflowId, { actor: 'u', subMeasures: [sub('LX', before(m, 10))] });
      await b.env.client.workflow.getHandle(m.workflowId).terminate('operator ended the parent');
      const child = `${m.workflowId}.LX`;
      await g.reportProgress(child, { actor: 'LINXIA', note: '已开工' });
      const claimed = await g.claimCompletion(child, {
        actor: 'LINXIA',
        evidence: [PHOTO],
        indicators: AT_TARGET,
      });
      expect(claimed.status).toBe('completion_claimed');
      expect((await b.env.client.workflow.getHandle(child).describe()).status.name).toBe('RUNNING');
    });

    it('keep their parent from being withdrawn while they are open, naming them', async () => {
      const [m] = await b.planDueIn(60, { measures: 1 });
      await g.decompose(m.workflowId, { actor: 'u', subMeasures: [sub('LX', before(m, 10))] });
      await expect(g.withdraw(m.workflowId, { actor: 'office', reason: '调出' })).rejects.toMatchObject({
        code: 'COMMAND_REFUSED',
        message: 'withdraw its sub-measures first: P01-M1.LX (assigned)',
      });
      await g.withdraw(`${m.workflowId}.LX`, { actor: 'office', reason: '调出' });
      await eventually(async () =>
        expect((await g.state(m.workflowId))?.children.map((c) => c.status)).toEqual(['withdrawn']),
      );
      expect((await g.withdraw(m.workflowId, { actor: 'office', reason: '调出' })).status).toBe('withdrawn');
    });
  });
});

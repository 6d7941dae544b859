// 补录 on the real servers: an office that starts mid-way enters from paper what happened before —
// progress reports with indicator values, a completion claim, a verification — each dated in the
// past. The records keep when it happened and when it was entered; bad dates are refused with
// nothing written; reports as of an earlier date read the values and the plan version of that date.
import { temporal } from '@temporalio/proto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { measureWorkflowId, reportProgressUpdate } from '../../workflows/measure/measure.contract';
import { PlanVersionEntity } from '../../libs/persistence/src/entities/plan-version.entity';
import { serverNow } from '../support/own-dev-server';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';
import { bulletinText } from '../support/report-fixtures';

interface TimelineEvent {
  kind: string;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  detail: Record<string, unknown>;
}

describe(`backdated entries (补录) and history (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let planCode: string;
  let houses: string; // P01-M1, indicator `houses` (target 26 500, written 0)
  let other: string; // P01-M2

  const detail = async (id: string) => {
    const r = await rectify.request('GET', `/measures/${id}`);
    expect(r.status).toBe(200);
    return r.body as { events: TimelineEvent[]; indicatorHistory: unknown[]; status: string };
  };
  const own = (events: TimelineEvent[]) => events.filter((e) => !['light_changed'].includes(e.kind));
  const bulletin = (asOf: string) => bulletinText(rectify, planCode, asOf);

  beforeAll(async () => {
    rectify = await startRectify();
    planCode = uniqueCode('HIST');
    // Deadlines far ahead: the ladder stays out of the story.
    const imported = await rectify.request('POST', '/plans', aPlanDocument({ planCode, due: '2099-12-31' }));
    expect(imported.status).toBe(201);
    const list = await rectify.request('GET', `/measures?plan=${imported.body.planId}&sort=code:asc`);
    [houses, other] = list.body.items.map((m: { id: string }) => m.id);
  }, 240_000);
  afterAll(async () => {
    // RECTIFY_RECORD_HISTORIES=dir keeps the backdated measure's history as a replay fixture
    // (test/fixtures/histories/README.md, 补录).
    const dir = process.env.RECTIFY_RECORD_HISTORIES;
    if (dir && rectify) {
      const history = await rectify.temporal.workflow
        .getHandle(measureWorkflowId(planCode, 'P01-M1'))
        .fetchHistory();
      const file = path.join(dir, `${process.env.RECTIFY_RECORD_PREFIX ?? 'backdated'}-0-P01-M1.history.pb`);
      fs.writeFileSync(file, temporal.api.history.v1.History.encode(history).finish());
    }
    await rectify?.stop();
  });

  it.each<[string, (now: number) => string, string]>([
    ['in the future', (now) => new Date(now + 86_400_000).toISOString(), 'must not be in the future'],
    ['malformed', () => '2019-02-30T10:00:00+08:00', 'must be an instant with offset'],
    ['without an offset', () => '2019-04-01T10:00:00', 'must be an instant with offset'],
    [
      'before the feedback date',
      () => '2019-01-17T23:59:59+08:00',
      'must not be before the inspection feedback date',
    ],
  ])(
    'refuses an occurredAt %s with a 400 naming body.occurredAt, and writes nothing',
    async (_, at, message) => {
      const before = own((await detail(other)).events);
      const r = await rectify.request('POST', `/measures/${other}/progress-reports`, {
        note: '补录：3月进展',
        occurredAt: at(await serverNow(rectify.temporal)),
      });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
      expect(r.body.details).toEqual([
        { path: 'body.occurredAt', message: expect.stringContaining(message) },
      ]);
      const after = await detail(other);
      expect(own(after.events)).toEqual(before);
      expect(after.status).toBe('assigned');
    },
  );

  it("refuses a future occurredAt by the workflow's own clock too, when the API is bypassed", async () => {
    const handle = rectify.temporal.workflow.getHandle(measureWorkflowId(planCode, 'P01-M2'));
    const future = new Date((await serverNow(rectify.temporal)) + 3_600_000).toISOString();
    const refused = await handle
      .executeUpdate(reportProgressUpdate, { args: [{ actor: 'office', note: '补录', occurredAt: future }] })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(((refused as WorkflowUpdateFailedError).cause as Error).message).toMatch(
      /^occurredAt: must not be in the future/,
    );
    expect((await detail(other)).status).toBe('assigned');
  });

  it('records progress, a claim and a sign-off at the dates they happened, marked as entered later', async () => {
    const started = Date.now();
    // Entered out of order: the later report first, as paper files come.
    const april = await rectify.request('POST', `/measures/${houses}/progress-reports`, {
      note: '截至4月中旬，完成改造743户（补录）',
      indicators: [{ code: 'houses', current: 743 }],
      occurredAt: '2019-04-15T18:00:00+08:00',
    });
    expect(april.status).toBe(200);
    const march = await rectify.request('POST', `/measures/${houses}/progress-reports`, {
      note: '截至3月底，完成改造600户（补录）',
      indicators: [{ code: 'houses', current: 600 }],
      occurredAt: '2019-03-31T18:00:00+08:00',
    });
    expect(march.status).toBe(200);
    const claim = await rectify.request('POST', `/measures/${houses}/completion-claims`, {
      evidence: [{ kind: 'photo', description: '改造前后对比照片' }],
      indicators: [{ code: 'houses', current: 26_500 }],
      occurredAt: '2019-04-16T10:00:00+08:00',
    });
    expect(claim.status).toBe(200);
    // A verification cannot precede the claim it decides: the workflow says so, nothing changes.
    const early = await rectify.request('POST', `/measures/${houses}/verification`, {
      decision: 'accept',
      occurredAt: '2019-04-15T10:00:00+08:00',
    });
    expect(early.status).toBe(400);
    expect(early.body.details[0]).toMatchObject({
      path: 'occurredAt',
      message: expect.stringContaining('must not be before the completion claim'),
    });
    const verified = await rectify.request('POST', `/measures/${houses}/verification`, {
      decision: 'accept',
      occurredAt: '2019-04-17T10:00:00+08:00',
    });
    expect(verified.status).toBe(200);
    expect(verified.body.workflow.status).toBe('verified');

    const m = await detail(houses);
    const entered = own(m.events).filter((e) => e.detail.enteredLater === true);
    expect(entered.map((e) => [e.kind, e.occurredAt])).toEqual([
      ['progress_reported', '2019-03-31T10:00:00.000Z'],
      ['progress_reported', '2019-04-15T10:00:00.000Z'],
      ['completion_claimed', '2019-04-16T02:00:00.000Z'],
      ['verified', '2019-04-17T02:00:00.000Z'],
    ]);
    for (const e of entered) {
      expect(Date.parse(e.recordedAt)).toBeGreaterThanOrEqual(started - 5_000);
      expect(e.actor).toMatch(/^admin:user:/);
    }
    expect(m.indicatorHistory).toEqual([
      expect.objectContaining({
        code: 'houses',
        value: 600,
        appliesAt: '2019-03-31T10:00:00.000Z',
        enteredLater: true,
      }),
      expect.objectContaining({
        code: 'houses',
        value: 743,
        appliesAt: '2019-04-15T10:00:00.000Z',
        enteredLater: true,
      }),
      expect.objectContaining({ code: 'houses', value: 26_500, source: 'completion_claimed' }),
    ]);
    expect((m as unknown as { signedOffAt: string }).signedOffAt).toBe('2019-04-17T02:00:00.000Z');
  });

  it('reads indicator values and statuses as of each date', async () => {
    const row = (md: string) => md.split('\n').find((l) => l.startsWith('| P01-M1 | 危房改造户数 |'));
    expect(row(await bulletin('2019-03-01'))).toContain('| 0户 |');
    expect(row(await bulletin('2019-04-10'))).toContain('| 600户 |');
    const mid = await bulletin('2019-04-15');
    expect(row(mid)).toContain('| 743户 |');
    expect(mid).toContain('已完成（销号）0项');
    const after = await bulletin('2019-04-18');
    expect(row(after)).toContain('| 26,500户 |');
    expect(after).toContain('已完成（销号）1项');
  });

  it('keeps a version per changing import, and reports as of an earlier date with the version then', async () => {
    const first = await rectify.request('GET', `/plans/${planCode}/versions`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ planCode, current: 1, items: [{ number: 1, measures: 2 }] });
    const doc = aPlanDocument({ planCode, due: '2099-12-31', measures: 3 });
    doc.categories[0].aspects[0].problems[0].measures[1].title = '第2项措施（修订）';
    const again = await rectify.request('POST', '/plans', doc);
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe('updated');
    const versions = await rectify.request('GET', `/plans/${planCode}/versions`);
    expect(versions.body.current).toBe(2);
    expect(
      versions.body.items.map((v: { number: number; measures: number }) => [v.number, v.measures]),
    ).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(versions.body.items[1].contentHash).not.toBe(versions.body.items[0].contentHash);
    expect(versions.body.items[1].definition.categories[0].aspects[0].problems[0].measures[1].title).toBe(
      '第2项措施（修订）',
    );
    // The same content again keeps no new version.
    expect((await rectify.request('POST', '/plans', doc)).body.outcome).toBe('unchanged');
    expect((await rectify.request('GET', `/plans/${planCode}/versions`)).body.current).toBe(2);

    // Both imports happened today; say the first one was ten days ago, as an office's would have been.
    const now = await serverNow(rectify.temporal);
    const day = (ms: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));
    const plan = (await rectify.request('GET', `/plans/${planCode}`)).body;
    await rectify.db.dataSource
      .getRepository(PlanVersionEntity)
      .update({ planId: plan.id, number: 1 }, { appliedAt: new Date(now - 10 * 86_400_000) });
    // Five days ago version 1 was in force: two measures.
    expect(await bulletin(day(now - 5 * 86_400_000))).toContain('制定2项整改措施');
    expect(await bulletin(day(now))).toContain('制定3项整改措施');
    // Before the first import no version was in force: the plan as now known.
    expect(await bulletin('2019-04-18')).toContain('制定3项整改措施');

    const unit = await rectify.createUser('unit', { units: ['GS-HOUSING'] });
    expect((await unit.client.request('GET', `/plans/${planCode}/versions`)).status).toBe(403);
    expect((await rectify.request('GET', '/plans/NO-SUCH-PLAN/versions')).status).toBe(404);
  });

  it('reports as of each version of a plan adjusted twice: its measures then, and only those removed by then', async () => {
    const code = uniqueCode('ADJ');
    const doc = (codes: readonly string[]) => {
      const d = aPlanDocument({ planCode: code, due: '2099-12-31', measures: codes.length });
      d.categories[0].aspects[0].problems[0].measures.forEach((m, i) => (m.code = codes[i]));
      return d;
    };
    expect((await rectify.request('POST', '/plans', doc(['P01-M1', 'P01-M2', 'P01-M3']))).status).toBe(201);
    // Version 2 takes P01-M3 out (调出); version 3 adds P01-M9.
    const v2 = await rectify.request('POST', '/plans?withdrawRemoved=true', doc(['P01-M1', 'P01-M2']));
    expect(v2.body.outcome).toBe('updated');
    const v3 = await rectify.request('POST', '/plans', doc(['P01-M1', 'P01-M2', 'P01-M9']));
    expect(v3.body.outcome).toBe('updated');
    const now = await serverNow(rectify.temporal);
    const day = (ms: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));
    const planId = (await rectify.request('GET', `/plans/${code}`)).body.id;
    for (const [number, daysAgo] of [
      [1, 10],
      [2, 5],
    ])
      await rectify.db.dataSource
        .getRepository(PlanVersionEntity)
        .update({ planId, number }, { appliedAt: new Date(now - daysAgo * 86_400_000) });
    const asOf = (daysAgo: number) => bulletinText(rectify, code, day(now - daysAgo * 86_400_000));

    // Version 1: three measures, none removed (P01-M9 came later and is no removal).
    const first = await asOf(7);
    expect(first).toContain('制定3项整改措施');
    expect(first).not.toContain('经调整已调出整改方案');
    // Version 2, an earlier one than the current: two measures, P01-M3 removed, P01-M9 not yet there.
    const second = await asOf(3);
    expect(second).toContain('制定2项整改措施');
    expect(second).toContain('另有1项措施经调整已调出整改方案。');
    // Version 3: three again, P01-M3 still removed.
    const third = await asOf(0);
    expect(third).toContain('制定3项整改措施');
    expect(third).toContain('另有1项措施经调整已调出整改方案。');
  });
});

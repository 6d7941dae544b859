import { aPlanDocument } from '../support/plan-fixtures';
import { eventually } from '../support/eventually';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { planRowCounts } from '../support/row-counts';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

type Doc = ReturnType<typeof aPlanDocument>;
interface PlanTreeBody {
  categories: { aspects: { problems: { measures: { id: string; code: string }[] }[] }[] }[];
}
const measures = (d: Doc) => d.categories[0].aspects[0].problems[0].measures as Record<string, unknown>[];

// The plan as first imported: three measures due 2030-06-30; then an office's revision of it.
function original(code: string): Doc {
  return aPlanDocument({ planCode: code, due: '2030-06-30', measures: 3 });
}
function revised(code: string): Doc {
  const d = original(code);
  const ms = measures(d);
  ms[0].due = '2030年9月底前';
  ms[1].title = '改写后的第2项措施';
  ms[1].leadUnit = 'GS-HOUSING';
  ms.splice(2, 1);
  ms.push({ ...ms[1], code: 'P01-M4', title: '新增措施：举一反三', leadUnit: 'GS-POVERTY' });
  return d;
}

describe(`re-importing a plan as a diff (${testEngine()})`, () => {
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify();
  });
  afterAll(() => rectify?.stop());

  async function measureByCode(planCode: string, code: string) {
    const plan = await rectify.request('GET', `/plans/${planCode}`);
    const tree = plan.body as PlanTreeBody;
    const all = tree.categories.flatMap((c) =>
      c.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures)),
    );
    const m = all.find((x: { code: string }) => x.code === code);
    return m ? (await rectify.request('GET', `/measures/${m.id}`)).body : undefined;
  }

  it('shows the diff on a dry run and writes nothing', async () => {
    const code = uniqueCode('RE');
    expect((await rectify.request('POST', '/plans', original(code))).status).toBe(201);
    const before = await planRowCounts(rectify.db.dataSource);

    const r = await rectify.request('POST', '/plans?dryRun=true', revised(code));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ outcome: 'dry_run', measures: 3, workflows: null });
    expect(r.body.diff.measures).toMatchObject({ added: ['P01-M4'], removed: ['P01-M3'] });
    expect(r.body.diff.measures.changed).toEqual(
      expect.arrayContaining([
        { code: 'P01-M1', changes: [{ field: 'due', before: '2030-06-30', after: '2030年9月底前' }] },
        {
          code: 'P01-M2',
          changes: [
            { field: 'title', before: '第2项措施', after: '改写后的第2项措施' },
            { field: 'leadUnit', before: 'GS-POVERTY', after: 'GS-HOUSING' },
          ],
        },
      ]),
    );
    expect(r.body.diff.deadlines).toEqual([
      {
        measureCode: 'P01-M1',
        before: { written: '2030-06-30', dueAt: '2030-06-30T16:00:00.000Z' },
        after: { written: '2030年9月底前', dueAt: '2030-09-30T16:00:00.000Z' },
      },
    ]);
    expect(r.body.deadlines).toEqual([
      expect.objectContaining({ measureCode: 'P01-M1', written: '2030年9月底前', date: '2030-09-30' }),
    ]);
    expect(r.body.wouldRefuse).toMatchObject({
      code: 'PLAN_CONFLICT',
      details: [{ path: 'measures.P01-M3' }],
    });
    expect(await planRowCounts(rectify.db.dataSource)).toEqual(before);
  });

  it('refuses to drop measures still being followed unless told to withdraw them, naming them', async () => {
    const code = uniqueCode('RE');
    await rectify.request('POST', '/plans', original(code));
    const before = await planRowCounts(rectify.db.dataSource);
    const r = await rectify.request('POST', '/plans', revised(code));
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('PLAN_CONFLICT');
    expect(r.body.message).toContain('P01-M3');
    expect(r.body.message).toContain('withdrawRemoved=true');
    expect(await planRowCounts(rectify.db.dataSource)).toEqual(before);
    expect((await measureByCode(code, 'P01-M1')).workflow.dueAt).toBe('2030-06-30T16:00:00.000Z');
  });

  it('applies the change: starts new measures, moves deadlines in the workflows, reassigns, withdraws removed ones', async () => {
    const code = uniqueCode('RE');
    await rectify.request('POST', '/plans', original(code));
    const r = await rectify.request(
      'POST',
      `/plans?withdrawRemoved=true&actor=${encodeURIComponent('省整改办')}`,
      revised(code),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      outcome: 'updated',
      measures: 3,
      workflows: { deadlinesChanged: 1, reassigned: 1, withdrawn: 1, started: { running: 3 } },
    });

    const m1 = await measureByCode(code, 'P01-M1');
    expect(m1).toMatchObject({
      dueAt: '2030-09-30T16:00:00.000Z',
      workflow: { dueAt: '2030-09-30T16:00:00.000Z' },
    });
    // What the caller wrote as `actor` is kept beside who really acted, as on every command.
    const me = (await rectify.request('GET', '/auth/me')).body.principal;
    const wrapped = `${me.role}:${me.kind}:${me.id} (省整改办)`;
    expect(m1.events.find((e: { kind: string }) => e.kind === 'deadline_changed')).toMatchObject({
      actor: wrapped,
    });
    const m2 = await measureByCode(code, 'P01-M2');
    expect(m2).toMatchObject({ title: '改写后的第2项措施', workflow: { leadUnitCode: 'GS-HOUSING' } });
    const m3 = await eventually(async () => {
      const m = await measureByCode(code, 'P01-M3');
      expect(m).toMatchObject({ status: 'withdrawn', workflow: { status: 'withdrawn' } });
      return m;
    });
    expect(m3.events.at(-1)).toMatchObject({ kind: 'withdrawn', actor: wrapped });
    const m4 = await measureByCode(code, 'P01-M4');
    expect(m4).toMatchObject({
      status: 'assigned',
      workflow: { status: 'assigned', dueAt: '2030-06-30T16:00:00.000Z' },
    });

    const again = await rectify.request('POST', '/plans', revised(code));
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe('unchanged');

    const back = original(code);
    const comeback = await rectify.request('POST', '/plans?withdrawRemoved=true', {
      ...revised(code),
      categories: back.categories,
    });
    expect(comeback.status).toBe(409);
    expect(comeback.body.message).toContain('P01-M3');
  });

  it('keeps an approved extension when the plan does not move that deadline', async () => {
    const code = uniqueCode('RE');
    await rectify.request('POST', '/plans', original(code));
    const m2 = await measureByCode(code, 'P01-M2');
    const asked = await rectify.request('POST', `/measures/${m2.id}/extension-requests`, {
      actor: '省扶贫办',
      requestedDueAt: '2030-12-31T16:00:00.000Z',
      reason: '汛期影响施工',
    });
    expect(asked.status).toBe(200);
    const decided = await rectify.request('POST', `/measures/${m2.id}/extension-decision`, {
      actor: '省整改办',
      approve: true,
    });
    expect(decided.status).toBe(200);
    const doc = original(code);
    measures(doc)[0].title = '只改了第一项的标题';
    const r = await rectify.request('POST', '/plans', doc);
    expect(r.body).toMatchObject({ outcome: 'updated', workflows: { deadlinesChanged: 0 } });
    expect(await measureByCode(code, 'P01-M2')).toMatchObject({
      dueAt: '2030-12-31T16:00:00.000Z',
      workflow: { dueAt: '2030-12-31T16:00:00.000Z' },
    });
  });
});

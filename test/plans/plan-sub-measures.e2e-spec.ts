import { Workbook, type Worksheet } from 'exceljs';
import { planSubMeasures } from '../../libs/domain/src/plan-sub-measures';
import { readPlanFile } from '../../libs/plan-io/src/plan-file.reader';
import { aPlanDocument } from '../support/plan-fixtures';
import { eventually } from '../support/eventually';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

type Doc = ReturnType<typeof aPlanDocument> & Record<string, unknown>;
const PHOTO = { kind: 'photo', description: '现场照片' };
const measures = (d: Doc) => d.categories[0].aspects[0].problems[0].measures as Record<string, unknown>[];

// A province with its departments, two cities and a county of one of them; the first measure is
// given to 各市州, Tianshui's share due earlier and led by its own vice-mayor.
function aTreePlan(code: string): Doc {
  const d = aPlanDocument({ planCode: code, due: '2030-06-30' }) as Doc;
  d.units = [
    { code: 'GS', name: '甘肃省', level: 'province' },
    { code: 'GS-HOUSING', name: '省住建厅', level: 'province', parent: 'GS' },
    { code: 'GS-POVERTY', name: '省扶贫办', level: 'province', parent: 'GS' },
    { code: 'LZ', name: '兰州市', level: 'city', parent: 'GS' },
    { code: 'TS', name: '天水市', level: 'city', parent: 'GS' },
    { code: 'CG', name: '城关区', level: 'county', parent: 'LZ' },
  ];
  Object.assign(measures(d)[0], {
    leadUnit: '各市州',
    coUnits: [],
    subMeasures: [{ leadUnit: 'TS', due: '2030-03-31', leadLeader: '天水市副市长' }],
  });
  return d;
}

async function load(bytes: Buffer): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.load(bytes as never);
  return wb;
}
function cells(ws: Worksheet, columns: number): string[][] {
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const values = Array.from({ length: columns }, (_, i) => {
      const v = row.getCell(i + 1).value;
      return v === null || v === undefined ? '' : String(v);
    });
    if (values.some(Boolean)) rows.push(values);
  });
  return rows;
}

interface Item {
  id: string;
  code: string;
  parentMeasureId: string | null;
  workflowId?: string;
}

describe(`a unit tree and a measure given to 各市州 (${testEngine()})`, () => {
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify();
  });
  afterAll(() => rectify?.stop());

  async function items(planId: string): Promise<Map<string, Item>> {
    const list = await rectify.request('GET', `/measures?plan=${planId}&limit=100`);
    expect(list.status).toBe(200);
    return new Map((list.body.items as Item[]).map((i) => [i.code, i]));
  }
  const detail = async (id: string) => (await rectify.request('GET', `/measures/${id}`)).body;
  const liveChildren = async (id: string) =>
    ((await detail(id)).workflow.children as { measureCode: string; status: string }[]).map((c) => [
      c.measureCode,
      c.status,
    ]);

  it('imports one sub-measure per city, each with its own workflow, rolled up by the measure, in ledger and bulletin', async () => {
    const code = uniqueCode('UG');
    const r = await rectify.request('POST', '/plans', aTreePlan(code));
    expect(r.status).toBe(201);
    // Two measures of the plan; four workflows: the measures and the two cities' sub-measures.
    expect(r.body).toMatchObject({ outcome: 'created', measures: 2, workflows: { started: { running: 4 } } });

    const byCode = await items(r.body.planId);
    expect([...byCode.keys()].sort()).toEqual(['P01-M1', 'P01-M1.LZ', 'P01-M1.TS', 'P01-M2']);
    const plan = await rectify.request('GET', `/plans/${code}`);
    expect(plan.body.summary).toMatchObject({
      measures: 2,
      subMeasures: 2,
      measuresByStatus: { assigned: 2 },
    });
    const parent = byCode.get('P01-M1')!;
    const m = await detail(parent.id);
    // Led by the cities' common parent; each city leads its own sub-measure.
    expect(m.leadUnit).toBe('GS');
    expect(
      m.children.map((c: { code: string; leadUnit: string; leadLeader: string; dueAt: string }) => [
        c.code,
        c.leadUnit,
        c.leadLeader,
        c.dueAt,
      ]),
    ).toEqual([
      ['P01-M1.LZ', 'LZ', '分管副省长', '2030-06-30T16:00:00.000Z'],
      ['P01-M1.TS', 'TS', '天水市副市长', '2030-03-31T16:00:00.000Z'],
    ]);
    expect(byCode.get('P01-M1.LZ')?.parentMeasureId).toBe(parent.id);
    // One running workflow per sub-measure, and the measure follows both from its start.
    for (const sub of ['P01-M1.LZ', 'P01-M1.TS']) {
      const d = await rectify.temporal.workflow.getHandle(`measure:${code}:${sub}`).describe();
      expect(d.status.name).toBe('RUNNING');
    }
    expect(await liveChildren(parent.id)).toEqual([
      ['P01-M1.LZ', 'assigned'],
      ['P01-M1.TS', 'assigned'],
    ]);

    // The measure hears of its sub-measures' progress, and cannot be claimed while one is open.
    const lz = byCode.get('P01-M1.LZ')!.id;
    const ts = byCode.get('P01-M1.TS')!.id;
    expect(
      (await rectify.request('POST', `/measures/${lz}/progress-reports`, { note: '兰州已启动' })).status,
    ).toBe(200);
    expect(
      (await rectify.request('POST', `/measures/${ts}/completion-claims`, { evidence: [PHOTO] })).status,
    ).toBe(200);
    expect(
      (await rectify.request('POST', `/measures/${ts}/verification`, { decision: 'accept' })).body.workflow
        .status,
    ).toBe('verified');
    await eventually(async () =>
      expect(await liveChildren(parent.id)).toEqual([
        ['P01-M1.LZ', 'in_progress'],
        ['P01-M1.TS', 'verified'],
      ]),
    );
    const early = await rectify.request('POST', `/measures/${parent.id}/completion-claims`, {
      evidence: [PHOTO],
      explanation: '各市州按计划推进',
    });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('sub-measures not yet verified: P01-M1.LZ');

    // The bulletin counts two measures, and the sub-measures apart.
    const bulletin = await rectify.request('GET', `/plans/${code}/bulletin?edition=internal&format=md`);
    expect(bulletin.status).toBe(200);
    const text = bulletin.body.toString('utf8');
    expect(text).toContain('制定2项整改措施。');
    expect(text).toContain('已完成（销号）0项，正在推进2项，逾期未完成0项。');
    expect(text).toContain('其中1项措施分解到2个市州落实（子措施2项），子措施已完成1项、正在推进1项。');

    // The ledger lists each sub-measure right under its measure.
    const ledger = await rectify.request('GET', `/plans/${code}/ledger.xlsx`);
    expect(ledger.status).toBe(200);
    const wb = await load(ledger.body);
    expect(cells(wb.getWorksheet('责任清单')!, 6)).toEqual([
      ['措施编号', '整改措施', '牵头领导', '牵头单位', '配合单位', '状态'],
      ['P01-M1', '9月底前完成2.65万户危房改造', '分管副省长', '各市州', '', '已交办'],
      ['P01-M1.LZ', '└ 9月底前完成2.65万户危房改造（兰州市）', '分管副省长', '兰州市', '', '整改中'],
      ['P01-M1.TS', '└ 9月底前完成2.65万户危房改造（天水市）', '天水市副市长', '天水市', '', '已销号'],
      ['P01-M2', '第2项措施', '分管副省长', '省扶贫办', '', '已交办'],
    ]);
    expect(cells(wb.getWorksheet('时限清单')!, 4).slice(1, 4)).toEqual([
      ['P01-M1', '9月底前完成2.65万户危房改造', '2030-06-30', '2030-06-30'],
      ['P01-M1.LZ', '└ 9月底前完成2.65万户危房改造（兰州市）', '2030-06-30', '2030-06-30'],
      ['P01-M1.TS', '└ 9月底前完成2.65万户危房改造（天水市）', '2030-03-31', '2030-03-31'],
    ]);
    // 任务清单 (分解落实) reads back as the plan's sub-measures.
    const back = await readPlanFile(ledger.body, 'xlsx');
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(
      planSubMeasures(back.plan)
        .get('P01-M1')
        ?.map((s) => [s.code, s.due, s.leadLeader]),
    ).toEqual([
      ['P01-M1.LZ', '2030-06-30', '分管副省长'],
      ['P01-M1.TS', '2030-03-31', '天水市副市长'],
    ]);
    const summary = new Map(cells(wb.getWorksheet('概况')!, 2).map(([k, v]) => [k, v]));
    expect([summary.get('整改措施'), summary.get('分解措施'), summary.get('子措施')]).toEqual([
      '2',
      '1项措施分解到2个市州',
      '2',
    ]);
  });

  it('re-imports a changed sub-measure and a new group as a diff: the deadline moves, the new county is handed down', async () => {
    const code = uniqueCode('UG');
    expect((await rectify.request('POST', '/plans', aTreePlan(code))).status).toBe(201);
    const next = aTreePlan(code);
    (measures(next)[0].subMeasures as unknown[]).push({ leadUnit: 'LZ', due: '2030-05-31' });
    measures(next)[1].coUnits = ['各县区'];

    const r = await rectify.request('POST', '/plans', next);
    expect(r.status).toBe(200);
    expect(r.body.outcome).toBe('updated');
    expect(r.body.diff.subMeasures).toEqual({
      added: ['P01-M2.CG'],
      removed: [],
      changed: [
        {
          code: 'P01-M1.LZ',
          changes: [
            { field: 'due', before: '2030-06-30', after: '2030-05-31' },
            { field: 'dueAt', before: '2030-06-30T16:00:00.000Z', after: '2030-05-31T16:00:00.000Z' },
          ],
        },
      ],
    });
    expect(r.body.workflows.deadlinesChanged).toBe(1);

    const byCode = await items(r.body.planId);
    const lz = await detail(byCode.get('P01-M1.LZ')!.id);
    expect([lz.dueAt, lz.workflow.dueAt]).toEqual(['2030-05-31T16:00:00.000Z', '2030-05-31T16:00:00.000Z']);
    const m2 = byCode.get('P01-M2')!;
    expect(byCode.get('P01-M2.CG')?.parentMeasureId).toBe(m2.id);
    expect(await liveChildren(m2.id)).toEqual([['P01-M2.CG', 'assigned']]);
    const cg = await rectify.temporal.workflow.getHandle(`measure:${code}:P01-M2.CG`).describe();
    expect(cg.status.name).toBe('RUNNING');

    // The same document again changes nothing.
    const again = await rectify.request('POST', '/plans', next);
    expect(again.body.outcome).toBe('unchanged');
    expect((await items(r.body.planId)).size).toBe(5);
  });

  it('withdraws a sub-measure the plan no longer names only when told to, and hands nothing to a measure under a claim', async () => {
    const code = uniqueCode('UG');
    const first = await rectify.request('POST', '/plans', aTreePlan(code));
    expect(first.status).toBe(201);
    const byCode = await items(first.body.planId);
    const m2 = byCode.get('P01-M2')!;
    expect(
      (await rectify.request('POST', `/measures/${m2.id}/completion-claims`, { evidence: [PHOTO] })).status,
    ).toBe(200);

    // 各市州 narrowed to Lanzhou: Tianshui's sub-measure leaves the plan.
    const narrowed = aTreePlan(code);
    narrowed.groups = [{ code: '各市州', members: ['LZ'] }];
    measures(narrowed)[0].subMeasures = [];
    const refused = await rectify.request('POST', '/plans', narrowed);
    expect(refused.status).toBe(409);
    expect(refused.body.details).toEqual([
      { path: 'subMeasures.P01-M1.TS', message: 'is assigned and missing from the new document' },
    ]);
    const withdrawn = await rectify.request('POST', '/plans?withdrawRemoved=true', narrowed);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.diff.subMeasures).toMatchObject({ added: [], removed: ['P01-M1.TS'] });
    expect(withdrawn.body.workflows.withdrawn).toBe(1);
    expect((await detail(byCode.get('P01-M1.TS')!.id)).status).toBe('withdrawn');
    await eventually(async () =>
      expect(await liveChildren(byCode.get('P01-M1')!.id)).toEqual([
        ['P01-M1.LZ', 'assigned'],
        ['P01-M1.TS', 'withdrawn'],
      ]),
    );

    // A measure whose completion is claimed takes no new sub-measure; nothing is written.
    const more = aTreePlan(code);
    more.groups = narrowed.groups;
    measures(more)[0].subMeasures = [];
    measures(more)[1].coUnits = ['各县区'];
    const busy = await rectify.request('POST', '/plans', more);
    expect(busy.status).toBe(409);
    expect(busy.body.details).toEqual([
      { path: 'subMeasures.P01-M2.CG', message: 'its measure is completion_claimed' },
    ]);
    expect((await items(first.body.planId)).has('P01-M2.CG')).toBe(false);
  });

  it('refuses a cycle in the unit tree, naming it, and writes nothing', async () => {
    const code = uniqueCode('UG');
    const d = aTreePlan(code);
    (d.units as { code: string; parent?: string }[])[0].parent = 'CG';
    const r = await rectify.request('POST', '/plans', d);
    expect(r.status).toBe(400);
    // Located in the file as well as in the document; the county above the province is wrong too.
    const at = { path: 'units[0].parent', location: expect.stringMatching(/^1:\d+$/) };
    expect(r.body.details).toEqual([
      { ...at, message: 'the unit tree has a cycle: GS → CG → LZ → GS; a unit cannot be above itself' },
      {
        ...at,
        message:
          'CG (county) stands below GS (province): a parent unit cannot be at a lower level than its child',
      },
    ]);
    expect((await rectify.request('GET', `/plans/${code}`)).status).toBe(404);
  });
});

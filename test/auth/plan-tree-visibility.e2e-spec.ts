import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyClient, RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

// A plan with two categories: C1's problem P01 has a measure of GS-HOUSING, C2's problem P02 a
// measure of LINXIA. A second plan has measures of GS-HOUSING and GS-POVERTY only.
function twoCategoryPlan() {
  const doc = aPlanDocument({ planCode: uniqueCode('TREE'), due: '2030-06-30', measures: 1 });
  (doc.categories[0].aspects[0].problems[0].measures[0] as Record<string, unknown>).coUnits = [];
  doc.categories.push({
    code: 'C2',
    title: '落实管党治党政治责任方面',
    aspects: [
      {
        code: 'C2-A1',
        title: '监督执纪',
        problems: [
          {
            code: 'P02',
            title: '扶贫领域腐败问题查处不力',
            track: 'immediate',
            rootCause: '临夏州纪委监督缺位',
            measures: [
              {
                code: 'P02-M1',
                title: '年底前查结全部扶贫领域问题线索',
                leadLeader: '副省长乙',
                leadUnit: 'LINXIA',
                coUnits: [],
                due: '2030-06-30',
                indicators: [],
              },
            ],
          },
        ],
      },
    ],
  });
  return doc;
}

function otherUnitsPlan() {
  const doc = aPlanDocument({ planCode: uniqueCode('ELSEWHERE'), due: '2030-06-30', measures: 2 });
  const measures = doc.categories[0].aspects[0].problems[0].measures as Record<string, unknown>[];
  for (const m of measures) m.coUnits = [];
  return doc;
}

function problemCodes(body: {
  categories: {
    code: string;
    aspects: { code: string; problems: { code: string; rootCause: string }[] }[];
  }[];
}) {
  return body.categories.flatMap((c) =>
    c.aspects.flatMap((a) => a.problems.map((p) => `${c.code}/${a.code}/${p.code}`)),
  );
}

describe(`a plan's problem tree shows each principal only the problems of its measures (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let unit: RectifyClient;
  let office: RectifyClient;
  let plan: { id: string; code: string };
  let other: { id: string; code: string };

  beforeAll(async () => {
    rectify = await startRectify();
    const doc = twoCategoryPlan();
    const imported = await rectify.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    plan = { id: imported.body.planId, code: doc.plan.code };
    const otherDoc = otherUnitsPlan();
    const second = await rectify.request('POST', '/plans', otherDoc);
    expect(second.status).toBe(201);
    other = { id: second.body.planId, code: otherDoc.plan.code };
    unit = (await rectify.createUser('unit', { units: ['LINXIA'] })).client;
    office = (await rectify.createUser('office')).client;
  });
  afterAll(() => rectify?.stop());

  it('shows a unit its own problem, aspect and category and nothing of the others', async () => {
    const r = await unit.request('GET', `/plans/${plan.code}`);
    expect(r.status).toBe(200);
    expect(problemCodes(r.body)).toEqual(['C2/C2-A1/P02']);
    expect(JSON.stringify(r.body)).not.toContain('底数不清，标准把握不严');
    expect(r.body.summary).toMatchObject({ problems: 1, measures: 1, problemsByTrack: { immediate: 1 } });
  });

  it('shows the office every problem', async () => {
    const r = await office.request('GET', `/plans/${plan.code}`);
    expect(r.status).toBe(200);
    expect(problemCodes(r.body)).toEqual(['C1/C1-A1/P01', 'C2/C2-A1/P02']);
  });

  it('answers 404 to a unit for a plan holding none of its measures, and leaves it out of the list', async () => {
    const r = await unit.request('GET', `/plans/${other.code}`);
    expect({ status: r.status, code: r.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    const listed = await unit.request('GET', '/plans');
    expect(listed.status).toBe(200);
    const ids = listed.body.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(plan.id);
    expect(ids).not.toContain(other.id);
  });

  it('lists every plan to the office', async () => {
    const listed = await office.request('GET', '/plans');
    const ids = listed.body.items.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining([plan.id, other.id]));
  });
});

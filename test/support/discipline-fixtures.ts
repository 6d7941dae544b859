// Discipline bodies for end-to-end tests: a province → city → county → township tree of 纪委监委
// with a second county and a city 组织部, a plan whose units match it, and one account acting for
// each body, all set up over HTTP.
import { aPlanDocument } from './plan-fixtures';
import type { RectifyClient, RectifyHarness } from './rectify-harness';
import { uniqueCode } from './unique';

export const DISCIPLINE_BODIES = {
  'GS-JW': {
    name: '甘肃省纪委监委',
    kind: 'discipline_commission',
    level: 'province',
    parent: null,
    jurisdiction: ['GS'],
  },
  'LZ-JW': {
    name: '兰州市纪委监委',
    kind: 'discipline_commission',
    level: 'city',
    parent: 'GS-JW',
    jurisdiction: ['LZ'],
  },
  'YZ-JW': {
    name: '榆中县纪委监委',
    kind: 'discipline_commission',
    level: 'county',
    parent: 'LZ-JW',
    jurisdiction: ['YZ'],
  },
  'GL-JW': {
    name: '皋兰县纪委监委',
    kind: 'discipline_commission',
    level: 'county',
    parent: 'LZ-JW',
    jurisdiction: ['GL'],
  },
  'YZ-T-JW': {
    name: '某镇纪委',
    kind: 'discipline_commission',
    level: 'township',
    parent: 'YZ-JW',
    jurisdiction: ['YZ-T'],
  },
  'LZ-ZZB': {
    name: '兰州市委组织部',
    kind: 'organisation_department',
    level: 'city',
    parent: null,
    jurisdiction: ['LZ'],
  },
} as const;

export type DisciplineBodyCode = keyof typeof DISCIPLINE_BODIES;

// A plan whose units run province → city → county → township → village, with a second county;
// its measures are led by `leadUnits` in order.
export function disciplinePlan(planCode: string, leadUnits: readonly string[]) {
  // Far enough ahead that no ladder step is due: cases are opened by hand.
  const doc = aPlanDocument({ planCode, due: '2035-09-30', measures: leadUnits.length });
  doc.units = [
    { code: 'GS', name: '甘肃省', level: 'province' },
    { code: 'LZ', name: '兰州市', level: 'city', parent: 'GS' },
    { code: 'YZ', name: '榆中县', level: 'county', parent: 'LZ' },
    { code: 'YZ-T', name: '榆中县某镇', level: 'township', parent: 'YZ' },
    { code: 'YZ-V', name: '榆中县某村', level: 'village', parent: 'YZ-T' },
    { code: 'GL', name: '皋兰县', level: 'county', parent: 'LZ' },
  ] as typeof doc.units;
  doc.categories[0].aspects[0].problems[0].measures.forEach((m, i) => {
    m.leadUnit = leadUnits[i];
    m.coUnits = [];
  });
  return doc;
}

export interface DisciplineWorld {
  readonly as: Record<DisciplineBodyCode | 'office' | 'unit' | 'verifier' | 'leader', RectifyClient>;
  readonly planId: string;
  // Measure ids by code (P01-M1, …).
  readonly measure: Record<string, string>;
}

// The bodies, one member each, the office, a unit, a verifier and a lead leader, and the plan.
export async function setUpDisciplineWorld(
  rectify: RectifyHarness,
  leadUnits: readonly string[],
): Promise<DisciplineWorld> {
  const office = await rectify.createUser('office');
  const codes = Object.keys(DISCIPLINE_BODIES) as DisciplineBodyCode[];
  const bodies = {} as Record<DisciplineBodyCode, RectifyClient>;
  for (const code of codes) {
    const put = await office.client.request('PUT', `/discipline-bodies/${code}`, DISCIPLINE_BODIES[code]);
    if (put.status !== 200) throw new Error(`PUT /discipline-bodies/${code}: ${JSON.stringify(put.body)}`);
    const account = await rectify.createUser('discipline', {
      units: [...DISCIPLINE_BODIES[code].jurisdiction],
    });
    const members = await office.client.request('PUT', `/discipline-bodies/${code}/members`, {
      principalIds: [account.id],
    });
    if (members.status !== 200) throw new Error(`members of ${code}: ${JSON.stringify(members.body)}`);
    bodies[code] = account.client;
  }
  const [unit, verifier, leader] = await Promise.all([
    rectify.createUser('unit', { units: ['YZ-V'] }),
    rectify.createUser('verifier', { units: ['YZ'] }),
    rectify.createUser('lead_leader', { leaderName: '分管副省长' }),
  ]);
  const imported = await rectify.request('POST', '/plans', disciplinePlan(uniqueCode('DJ'), leadUnits));
  if (imported.status !== 201) throw new Error(`plan import: ${JSON.stringify(imported.body)}`);
  const all = await rectify.request('GET', `/measures?plan=${imported.body.planId}`);
  const measure: Record<string, string> = {};
  for (const m of all.body.items) measure[m.code] = m.id;
  return {
    as: {
      ...bodies,
      office: office.client,
      unit: unit.client,
      verifier: verifier.client,
      leader: leader.client,
    },
    planId: imported.body.planId,
    measure,
  };
}

import {
  BODY_LEVELS,
  CASE_STEP_KINDS,
  casePolicyProblems,
  caseSteps,
  DEFAULT_CASE_POLICY,
  bodyAtLevel,
  BodyFacts,
  bodyTreeProblems,
  CADRE_LEVELS,
  competentBody,
  DECISION_FORMS,
  DECISION_SUB_FORMS,
  DecisionFacts,
  DecisionForm,
  decisionProblems,
  DEFAULT_REVIEW_RULES,
  disciplineFigures,
  isSanction,
  LEAD_OUTCOMES,
  leadOpensCase,
  overBroadReport,
  oversees,
  reviewLevelFor,
} from './accountability';

const BODIES: BodyFacts[] = [
  { code: 'GS-JW', kind: 'discipline_commission', level: 'province', parent: null, jurisdiction: ['GS'] },
  { code: 'LZ-JW', kind: 'discipline_commission', level: 'city', parent: 'GS-JW', jurisdiction: ['LZ'] },
  { code: 'YZ-JW', kind: 'discipline_commission', level: 'county', parent: 'LZ-JW', jurisdiction: ['YZ'] },
  { code: 'GL-JW', kind: 'discipline_commission', level: 'county', parent: 'LZ-JW', jurisdiction: ['GL'] },
  { code: 'GS-ZZB', kind: 'organisation_department', level: 'province', parent: null, jurisdiction: ['GS'] },
];

describe('the competent discipline body', () => {
  it.each([
    [['YZ-V1', 'YZ', 'LZ', 'GS'], 'YZ-JW'],
    [['LZ-X', 'LZ', 'GS'], 'LZ-JW'],
    [['GS-FPB', 'GS'], 'GS-JW'],
    [['ELSEWHERE'], null],
  ])('for a measure of lineage %j is %s', (lineage, body) => {
    expect(competentBody(BODIES, lineage)?.code ?? null).toBe(body);
  });

  it('is never an organisation department', () => {
    expect(
      competentBody(
        BODIES.filter((b) => b.kind === 'organisation_department'),
        ['GS'],
      ),
    ).toBeNull();
  });
});

describe('the body at a level above another', () => {
  it.each([
    ['YZ-JW', 'county', 'YZ-JW'],
    ['YZ-JW', 'city', 'LZ-JW'],
    ['YZ-JW', 'province', 'GS-JW'],
    ['YZ-JW', 'township', null],
    ['LZ-JW', 'county', null],
  ] as const)('of %s at %s is %s', (body, level, expected) => {
    expect(bodyAtLevel(BODIES, body, level)?.code ?? null).toBe(expected);
  });

  it('oversees its own chain only', () => {
    expect(oversees(BODIES, 'LZ-JW', 'YZ-JW')).toBe(true);
    expect(oversees(BODIES, 'YZ-JW', 'YZ-JW')).toBe(true);
    expect(oversees(BODIES, 'GL-JW', 'YZ-JW')).toBe(false);
    expect(oversees(BODIES, 'YZ-JW', 'LZ-JW')).toBe(false);
  });

  it('refuses a parent that is missing or not above its child', () => {
    expect(bodyTreeProblems(BODIES)).toEqual([]);
    expect(
      bodyTreeProblems([
        ...BODIES,
        { code: 'X', kind: 'discipline_commission', level: 'county', parent: 'NOPE', jurisdiction: [] },
        { code: 'Y', kind: 'discipline_commission', level: 'city', parent: 'YZ-JW', jurisdiction: [] },
      ]),
    ).toEqual([
      { code: 'X', message: 'parent body NOPE does not exist' },
      { code: 'Y', message: 'parent body YZ-JW (county) is not above Y (city)' },
    ]);
  });
});

describe('a decision', () => {
  const valid: Record<DecisionForm, Parameters<typeof decisionProblems>[0]> = {
    no_action: { form: 'no_action' },
    tolerated_error: {
      form: 'tolerated_error',
      reasonCode: 'collective_decision',
      statement: '经党组会集体研究',
    },
    criticism_education: { form: 'criticism_education', documentNumber: '榆纪〔2019〕1号' },
    admonishment_talk: { form: 'admonishment_talk', documentNumber: '榆纪〔2019〕2号' },
    organisational_handling: {
      form: 'organisational_handling',
      subForm: '调整职务',
      documentNumber: '榆组〔2019〕3号',
    },
    party_discipline: { form: 'party_discipline', subForm: '警告', documentNumber: '榆纪〔2019〕4号' },
    government_sanction: { form: 'government_sanction', subForm: '记过', documentNumber: '榆监〔2019〕5号' },
    judicial_referral: { form: 'judicial_referral', documentNumber: '榆监〔2019〕6号' },
  };

  it.each(DECISION_FORMS)('of form %s is accepted when complete', (form) => {
    expect(decisionProblems(valid[form])).toEqual([]);
  });

  it.each(DECISION_FORMS.filter((f) => DECISION_SUB_FORMS[f].length > 0))(
    'of form %s needs its sub-form',
    (form) => {
      expect(decisionProblems({ ...valid[form], subForm: null }).map((p) => p.path)).toEqual(['subForm']);
      expect(decisionProblems({ ...valid[form], subForm: '罚款' })[0].message).toContain('is not a form of');
    },
  );

  it.each(DECISION_FORMS.filter((f) => isSanction(f)))('of form %s needs a document number', (form) => {
    expect(decisionProblems({ ...valid[form], documentNumber: ' ' }).map((p) => p.path)).toEqual([
      'documentNumber',
    ]);
  });

  it('of an unknown form is refused by name', () => {
    expect(decisionProblems({ form: 'fine' })).toEqual([
      { path: 'form', message: expect.stringContaining('unknown decision form fine') },
    ]);
  });

  it('of tolerated error needs a qualifying reason from the list and a statement', () => {
    expect(decisionProblems({ form: 'tolerated_error' }).map((p) => p.path)).toEqual([
      'reasonCode',
      'statement',
    ]);
    expect(decisionProblems({ ...valid.tolerated_error, reasonCode: 'felt_sorry' })[0].message).toContain(
      'felt_sorry is not a qualifying reason',
    );
    expect(decisionProblems({ ...valid.party_discipline, reasonCode: 'self_corrected' })[0].path).toBe(
      'reasonCode',
    );
  });
});

describe('escalated review (提级审核)', () => {
  const cases: [string, DecisionForm, string, string | null][] = [];
  for (const cadre of CADRE_LEVELS)
    for (const form of DECISION_FORMS)
      for (const deciding of BODY_LEVELS) {
        let expected: string | null = null;
        if ((form === 'party_discipline' || form === 'government_sanction') && cadre === 'village')
          expected = deciding === 'township' ? 'county' : null;
        if ((form === 'party_discipline' || form === 'government_sanction') && cadre === 'township')
          expected = deciding === 'township' || deciding === 'county' ? 'city' : null;
        cases.push([cadre, form, deciding, expected]);
      }

  it.each(cases)(
    'a decision on a %s cadre of form %s by a %s body is reviewed at %s',
    (cadre, form, deciding, expected) => {
      expect(
        reviewLevelFor(
          DEFAULT_REVIEW_RULES,
          cadre as (typeof CADRE_LEVELS)[number],
          form,
          deciding as (typeof BODY_LEVELS)[number],
        ),
      ).toBe(expected);
    },
  );
});

describe('discipline figures', () => {
  const d = (personId: string, form: DecisionForm, extra: Partial<DecisionFacts> = {}): DecisionFacts => ({
    caseId: 'c1',
    personId,
    cadreLevel: 'village',
    relation: 'direct',
    form,
    state: 'final',
    ...extra,
  });

  it('count a person once per figure, and only decisions in force', () => {
    const figures = disciplineFigures(
      ['c1', 'c2', 'c1'],
      ['p1', 'p2', 'p3', 'p4', 'p5'],
      [
        d('p1', 'party_discipline'),
        d('p1', 'government_sanction'),
        d('p1', 'organisational_handling'),
        d('p2', 'organisational_handling'),
        d('p3', 'judicial_referral'),
        d('p4', 'tolerated_error'),
        d('p5', 'party_discipline', { state: 'provisional' }),
        d('p5', 'criticism_education', { state: 'overturned' }),
        d('p2', 'party_discipline', { state: 'corrected' }),
      ],
    );
    expect(figures).toEqual({
      cases: 2,
      persons: 5,
      partyOrGovernmentSanctions: 1,
      organisationalHandling: 2,
      heldAccountable: 3,
      judicialReferrals: 1,
      toleratedErrors: 1,
      provisional: 1,
    });
  });

  it.each(DECISION_FORMS)('place a final %s decision where the seed counts it', (form) => {
    const f = disciplineFigures(['c1'], ['p1'], [d('p1', form)]);
    expect(f.heldAccountable).toBe(isSanction(form) ? 1 : 0);
    expect(f.partyOrGovernmentSanctions).toBe(
      form === 'party_discipline' || form === 'government_sanction' ? 1 : 0,
    );
    expect(f.organisationalHandling).toBe(form === 'organisational_handling' ? 1 : 0);
    expect(f.judicialReferrals).toBe(form === 'judicial_referral' ? 1 : 0);
    expect(f.toleratedErrors).toBe(form === 'tolerated_error' ? 1 : 0);
  });
});

describe('over-broad accountability (问责泛化)', () => {
  const d = (
    personId: string,
    cadreLevel: DecisionFacts['cadreLevel'],
    relation: DecisionFacts['relation'],
  ): DecisionFacts => ({
    caseId: 'c',
    personId,
    cadreLevel,
    relation,
    form: 'admonishment_talk',
    state: 'final',
  });

  it('is flagged when front-line cadres carry most sanctions and no unit leader any', () => {
    const r = overBroadReport([
      d('a', 'village', 'direct'),
      d('b', 'township', 'direct'),
      d('c', 'county', 'direct'),
    ]);
    expect(r).toMatchObject({ frontLine: 2, leaders: 0, total: 3, flagged: true });
    expect(r.byCadreLevel).toEqual({ province: 0, city: 0, county: 1, township: 1, village: 1, other: 0 });
    expect(r.reason).toContain('问责泛化');
  });

  it('is not flagged once a leader of a unit concerned is held accountable too', () => {
    expect(
      overBroadReport([
        d('a', 'village', 'direct'),
        d('b', 'township', 'direct'),
        d('c', 'county', 'principal'),
      ]).flagged,
    ).toBe(false);
  });

  it('is not flagged when front-line cadres carry half or less', () => {
    expect(overBroadReport([d('a', 'village', 'direct'), d('c', 'county', 'direct')]).flagged).toBe(false);
    expect(overBroadReport([]).flagged).toBe(false);
  });
});

describe('a verified problem lead', () => {
  it.each(LEAD_OUTCOMES)('with outcome %s opens a case only when (partly) substantiated', (outcome) => {
    expect(leadOpensCase(outcome)).toBe(outcome === 'substantiated' || outcome === 'partly_substantiated');
  });
});

describe("a case's clock", () => {
  it('reminds before the deadline, marks it overdue, then tells the level above', () => {
    const due = Date.UTC(2019, 6, 1);
    expect(
      caseSteps(due, DEFAULT_CASE_POLICY).map((s) => [s.kind, new Date(s.fireAtMs).toISOString()]),
    ).toEqual([
      ['case_reminder', '2019-06-17T00:00:00.000Z'],
      ['case_reminder', '2019-06-28T00:00:00.000Z'],
      ['case_overdue', '2019-07-01T00:00:00.000Z'],
      ['case_escalated', '2019-07-16T00:00:00.000Z'],
    ]);
    expect(new Set(caseSteps(due, DEFAULT_CASE_POLICY).map((s) => s.kind))).toEqual(new Set(CASE_STEP_KINDS));
  });

  it('refuses a policy whose offsets point the wrong way, naming each', () => {
    expect(casePolicyProblems(DEFAULT_CASE_POLICY)).toEqual([]);
    expect(
      casePolicyProblems({ deadline: '-P1D', reminders: ['P1D', 'soon'], escalateAfter: '-PT1S' }).map(
        (p) => p.path,
      ),
    ).toEqual(['deadline', 'reminders.0', 'reminders.1', 'escalateAfter']);
  });
});

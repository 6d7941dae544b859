import { claimFlags, claimProblem, ClaimContext, ClaimInput } from './completion-claim';
import { EVIDENCE_KINDS, EvidenceKind } from './evidence-kind';

const READY: ClaimContext = {
  evidenceRules: [],
  indicators: [{ code: 'houses', target: 100, current: 100 }],
  openSubMeasures: [],
  openMilestones: [],
  openReferralItems: [],
};
const PHOTO = { kind: 'photo' as const, description: '改造后住房照片' };

describe('the rules of a completion claim (申请销号)', () => {
  const cases: [string, ClaimInput, Partial<ClaimContext>, ReturnType<typeof claimProblem>][] = [
    ['a claim with evidence on a ready measure', { evidence: [PHOTO] }, {}, null],
    [
      'no evidence',
      { evidence: [] },
      {},
      { kind: 'invalid', field: 'evidence', message: 'a completion claim must carry evidence' },
    ],
    [
      'evidence without a description',
      { evidence: [PHOTO, { kind: 'data', description: '  ' }] },
      {},
      { kind: 'invalid', field: 'evidence[1].description', message: 'must not be empty' },
    ],
    [
      'evidence of a kind the plan requires is missing',
      { evidence: [PHOTO] },
      { evidenceRules: [{ kind: 'site_visit', description: '现场核查' }] },
      {
        kind: 'invalid',
        field: 'evidence',
        message: 'the plan requires evidence of kind site_visit (现场核查)',
      },
    ],
    [
      'an indicator below target without an explanation',
      { evidence: [PHOTO] },
      { indicators: [{ code: 'houses', target: 100, baseline: 90 }] },
      {
        kind: 'invalid',
        field: 'explanation',
        message: 'indicators below target (houses) need an explanation',
      },
    ],
    [
      'an indicator below target with an explanation',
      { evidence: [PHOTO], explanation: '438户因政策调出' },
      { indicators: [{ code: 'houses', target: 100, current: 95 }] },
      null,
    ],
    [
      'open sub-measures',
      { evidence: [PHOTO] },
      { openSubMeasures: ['P1.a', 'P1.b'] },
      { kind: 'refused', field: 'status', message: 'sub-measures not yet verified: P1.a, P1.b' },
    ],
    [
      'open milestones',
      { evidence: [PHOTO] },
      { openMilestones: ['S1'] },
      { kind: 'refused', field: 'status', message: 'milestones not yet reached: S1' },
    ],
    [
      'referral items without an outcome',
      { evidence: [PHOTO] },
      { openReferralItems: ['L1'] },
      { kind: 'refused', field: 'status', message: 'referral items without an outcome: L1' },
    ],
  ];
  it.each(cases)('%s', (_, claim, ctx, expected) => {
    expect(claimProblem(claim, { ...READY, ...ctx })).toEqual(expected);
  });

  it.each(EVIDENCE_KINDS)('accepts %s as the evidence a rule asks for, and nothing else', (kind) => {
    const rules = [{ kind, description: 'required' }];
    expect(
      claimProblem({ evidence: [{ kind, description: 'x' }] }, { ...READY, evidenceRules: rules }),
    ).toBeNull();
    const other = EVIDENCE_KINDS.find((k) => k !== kind) as EvidenceKind;
    expect(
      claimProblem({ evidence: [{ kind: other, description: 'x' }] }, { ...READY, evidenceRules: rules })
        ?.field,
    ).toBe('evidence');
  });
});

describe('the warnings a verifier sees on a claim', () => {
  it.each(EVIDENCE_KINDS)(
    'flags a claim resting on %s alone only when that is a document (纸上整改)',
    (kind) => {
      expect(claimFlags([{ kind }], [])).toEqual(kind === 'document' ? ['paper_only'] : []);
    },
  );

  it('flags every indicator short of its target, reading current, then baseline, then zero', () => {
    expect(
      claimFlags(
        [{ kind: 'photo' }],
        [
          { code: 'a', target: 10, current: 10 },
          { code: 'b', target: 10, current: 9 },
          { code: 'c', target: 10, baseline: 3 },
          { code: 'd', target: 1 },
          { code: 'e', target: 0 },
        ],
      ),
    ).toEqual(['below_target:b', 'below_target:c', 'below_target:d']);
  });
});

import { aPlanDocument } from '../support/plan-fixtures';
import { SAMPLES } from '../support/sample-files';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const PHOTO = { kind: 'photo', description: '现场照片' };

describe(`measure commands and plan-level escalation over HTTP (${testEngine()})`, () => {
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify();
  });
  afterAll(() => rectify?.stop());

  async function importPlan(measures = 2) {
    const doc = aPlanDocument({ planCode: uniqueCode('GS'), due: '2031-06-30', measures });
    const r = await rectify.request('POST', '/plans', doc);
    expect(r.status).toBe(201);
    const list = await rectify.request('GET', `/measures?plan=${r.body.planId}`);
    return {
      planId: r.body.planId as string,
      ids: list.body.items.map((m: { id: string }) => m.id) as string[],
    };
  }

  async function signOff(id: string) {
    const claim = await rectify.request('POST', `/measures/${id}/completion-claims`, {
      actor: 'unit',
      evidence: [PHOTO],
      explanation: '按计划完成',
    });
    expect(claim.status).toBe(200);
    const verified = await rectify.request('POST', `/measures/${id}/verification`, {
      actor: 'verifier',
      decision: 'accept',
    });
    expect(verified.body.workflow.status).toBe('verified');
  }

  it('applies a command retried with the same Idempotency-Key once, and answers the retry the same', async () => {
    const { ids } = await importPlan(1);
    const report = { note: '第一次调度', indicators: [{ code: 'houses', current: 100 }] };
    const headers = { 'Idempotency-Key': 'report-2031-06-01' };
    const first = await rectify.request('POST', `/measures/${ids[0]}/progress-reports`, report, headers);
    const retry = await rectify.request('POST', `/measures/${ids[0]}/progress-reports`, report, headers);
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.body).toEqual(first.body);
    const fresh = await rectify.request('POST', `/measures/${ids[0]}/progress-reports`, report, {
      'Idempotency-Key': 'report-2031-06-08',
    });
    expect(fresh.body.workflow.progressReports).toBe(2);
    const detail = await rectify.request('GET', `/measures/${ids[0]}`);
    expect(detail.body.events.map((e: { kind: string }) => e.kind)).toEqual([
      'progress_reported',
      'progress_reported',
    ]);
    const bad = await rectify.request('POST', `/measures/${ids[0]}/progress-reports`, report, {
      'Idempotency-Key': 'has spaces',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      { path: 'headers.Idempotency-Key', message: 'must be 1–128 visible ASCII characters' },
    ]);
  });

  it('refuses an actor name that the record could not hold beside the caller, and writes nothing', async () => {
    const { ids } = await importPlan(1);
    const r = await rectify.request('POST', `/measures/${ids[0]}/progress-reports`, {
      actor: '某'.repeat(200),
      note: '进展',
    });
    expect(r.status).toBe(400);
    expect(r.body.details[0].path).toBe('body.actor');
    const detail = await rectify.request('GET', `/measures/${ids[0]}`);
    expect(detail.body.events).toEqual([]);
  });

  it('previews a new policy version for the running measures, and applies it only with the preview token', async () => {
    const { planId, ids } = await importPlan();
    const policy = {
      version: 'tight-2',
      steps: [
        { kind: 'reminder', offset: '-P14D' },
        { kind: 'overdue_notice', offset: 'PT0S' },
      ],
    };
    const preview = await rectify.request('POST', `/plans/${planId}/escalation-policy/preview`, { policy });
    expect(preview.body).toMatchObject({ policyVersion: 'tight-2' });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ policyVersion: 'tight-2', affected: 2 });
    expect(preview.body.measures[0].moves).toEqual([
      { kind: 'reminder', ordinal: 1, from: '2031-06-23T16:00:00.000Z', to: '2031-06-16T16:00:00.000Z' },
      { kind: 'reminder', ordinal: 2, from: '2031-06-29T16:00:00.000Z', to: null },
      { kind: 'supervision_notice', ordinal: 1, from: '2031-07-03T16:00:00.000Z', to: null },
      { kind: 'formal_talk', ordinal: 1, from: '2031-07-07T16:00:00.000Z', to: null },
      { kind: 'accountability_referral', ordinal: 1, from: '2031-07-15T16:00:00.000Z', to: null },
    ]);

    const blind = await rectify.request('POST', `/plans/${planId}/escalation-policy`, {
      actor: 'office',
      policy,
      previewToken: 'guess',
    });
    expect(blind.status).toBe(409);
    const applied = await rectify.request('POST', `/plans/${planId}/escalation-policy`, {
      actor: 'office',
      policy,
      previewToken: preview.body.previewToken,
    });
    expect(applied.body).toMatchObject({ policyVersion: 'tight-2', refused: [] });
    expect(applied.body.applied).toHaveLength(2);
    const m = await rectify.request('GET', `/measures/${ids[0]}`);
    expect(m.body).toMatchObject({
      escalationPolicy: { version: 'tight-2' },
      workflow: { policy: { version: 'tight-2' }, nextStep: { key: 'reminder@-P14D' } },
    });
    expect(m.body.events.map((e: { kind: string }) => e.kind)).toEqual(['policy_applied']);
  });

  it('chooses a random share of signed-off measures for a look-back (抽查)', async () => {
    const { planId, ids } = await importPlan(4);
    for (const id of ids) await signOff(id);
    const r = await rectify.request('POST', `/plans/${planId}/look-back-sample`, {
      actor: 'office',
      share: 0.5,
      after: 'P90D',
    });
    expect(r.status).toBe(200);
    expect(r.body.verified).toBe(4);
    expect(r.body.chosen).toHaveLength(2);
    for (const id of ids) {
      const m = await rectify.request('GET', `/measures/${id}`);
      const chosen = r.body.chosen.some((c: { id: string }) => c.id === id);
      expect(m.body.workflow.lookBackDueAt === null).toBe(!chosen);
    }
    const bad = await rectify.request('POST', `/plans/${planId}/look-back-sample`, {
      actor: 'office',
      share: 2,
      after: 'soon',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual(['body.share', 'body.after']);
  });

  it('decomposes a measure over HTTP and shows the sub-measures with it', async () => {
    const { ids } = await importPlan(1);
    const r = await rectify.request('POST', `/measures/${ids[0]}/decomposition`, {
      actor: 'GS-HOUSING',
      subMeasures: [
        {
          code: 'LX',
          title: '临夏州',
          leadUnitCode: 'LINXIA',
          leadLeader: '州长',
          dueAt: '2031-05-31T16:00:00Z',
        },
        {
          code: 'FP',
          title: '省扶贫办',
          leadUnitCode: 'GS-POVERTY',
          leadLeader: '主任',
          dueAt: '2031-05-31T16:00:00Z',
        },
      ],
    });
    expect(r.status).toBe(200);
    const m = await rectify.request('GET', `/measures/${ids[0]}`);
    expect(m.body.children.map((c: { code: string; leadUnit: string }) => [c.code, c.leadUnit])).toEqual([
      ['P01-M1.FP', 'GS-POVERTY'],
      ['P01-M1.LX', 'LINXIA'],
    ]);
    const units = await rectify.request('GET', `/measures?unit=LINXIA`);
    expect(units.body.items.map((i: { code: string }) => i.code)).toContain('P01-M1.LX');
  });

  describe('a unit hands its measure down only to its own units, by their deadline', () => {
    const sub = (o: Record<string, unknown> = {}) => ({
      code: 'LX',
      title: '临夏州',
      leadUnitCode: 'LINXIA',
      leadLeader: '分管副省长',
      dueAt: '2031-05-31T16:00:00Z',
      ...o,
    });

    async function aPovertyMeasure() {
      const { ids } = await importPlan(2);
      // P01-M2 is led by GS-POVERTY, the parent of LINXIA.
      const detail = await rectify.request('GET', `/measures/${ids[1]}`);
      expect(detail.body.leadUnit).toBe('GS-POVERTY');
      const unit = await rectify.createUser('unit', { units: ['GS-POVERTY'] });
      return { id: ids[1] as string, unit };
    }

    it.each<[string, Record<string, unknown>[], string]>([
      [
        'to another unit',
        [sub(), sub({ code: 'ZJ', leadUnitCode: 'GS-HOUSING' })],
        'body.subMeasures[1].leadUnitCode',
      ],
      [
        'to a unit not in the plan',
        [sub({ leadUnitCode: 'NO-SUCH-UNIT' })],
        'body.subMeasures[0].leadUnitCode',
      ],
      ['with a leader of no post there', [sub({ leadLeader: '省长' })], 'body.subMeasures[0].leadLeader'],
      ['with a deadline in the past', [sub({ dueAt: '2019-09-30T16:00:00Z' })], 'body.subMeasures[0].dueAt'],
      ["after the measure's deadline", [sub({ dueAt: '2031-07-31T16:00:00Z' })], 'body.subMeasures[0].dueAt'],
      [
        'into 201 sub-measures',
        Array.from({ length: 201 }, (_, i) => sub({ code: `S${i}` })),
        'body.subMeasures',
      ],
    ])('refuses a decomposition %s, and writes and starts nothing', async (_, subMeasures, path) => {
      const { id, unit } = await aPovertyMeasure();
      const r = await unit.client.request('POST', `/measures/${id}/decomposition`, { subMeasures });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
      expect(r.body.details.map((d: { path: string }) => d.path)).toEqual([path]);
      const m = await rectify.request('GET', `/measures/${id}`);
      expect(m.body.children).toEqual([]);
      expect(m.body.events).toEqual([]);
      expect(m.body.workflow.children).toEqual([]);
    });

    it("accepts a decomposition to its own unit and below, led by the measure's leader", async () => {
      const { id, unit } = await aPovertyMeasure();
      const r = await unit.client.request('POST', `/measures/${id}/decomposition`, {
        subMeasures: [sub(), sub({ code: 'FP', leadUnitCode: 'GS-POVERTY' })],
      });
      expect(r.status).toBe(200);
      const m = await rectify.request('GET', `/measures/${id}`);
      expect(m.body.children.map((c: { code: string }) => c.code)).toEqual(['P01-M2.FP', 'P01-M2.LX']);
    });
  });

  it('lets a claim cite only files uploaded for that measure, and puts their hashes into the claim', async () => {
    const { ids } = await importPlan(2);
    const up = await rectify.send('POST', `/evidence?measure=${ids[0]}&name=report.pdf`, SAMPLES.pdf, {
      'content-type': 'application/pdf',
    });
    expect(up.status).toBe(201);
    const fileId = up.body.id;
    const elsewhere = await rectify.request('POST', `/measures/${ids[1]}/completion-claims`, {
      evidence: [{ kind: 'file', description: '验收报告', fileId }],
      explanation: '按计划完成',
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.details).toEqual([
      {
        path: 'body.evidence[0].fileId',
        message: `no evidence file ${fileId} was uploaded for this measure`,
      },
    ]);
    const claim = await rectify.request('POST', `/measures/${ids[0]}/completion-claims`, {
      evidence: [{ kind: 'file', description: '验收报告', fileId }],
      explanation: '按计划完成',
    });
    expect(claim.status).toBe(200);
    expect(claim.body.workflow.claim.evidence).toEqual([
      { kind: 'file', description: '验收报告', fileId, sha256: up.body.sha256 },
    ]);
  });

  it('closes a plan: every measure workflow ends where it stands, and closing again changes nothing', async () => {
    const { planId, ids } = await importPlan(2);
    await signOff(ids[0]);
    const closed = await rectify.request('POST', `/plans/${planId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ planId, measures: 2 });
    for (const [i, id] of ids.entries()) {
      const m = await rectify.request('GET', `/measures/${id}`);
      const handle = rectify.temporal.workflow.getHandle(m.body.workflowId);
      expect(await handle.result()).toMatchObject({ status: i === 0 ? 'verified' : 'assigned' });
    }
    const events = (await rectify.request('GET', `/measures/${ids[1]}`)).body.events;
    expect(events.map((e: { kind: string }) => e.kind)).toEqual(['plan_closed']);
    const again = await rectify.request('POST', `/plans/${planId}/close`);
    expect(again.body.closedAt).toBe(closed.body.closedAt);
    expect((await rectify.request('GET', `/plans/${planId}`)).body.closedAt).toBe(closed.body.closedAt);
  });

  it.each([
    [
      'progress-reports',
      { actor: 'u', note: '进展', indicators: [{ code: 'nope', current: 1 }] },
      400,
      'indicators[0].code',
    ],
    [
      'completion-claims',
      { actor: 'u', evidence: [{ kind: 'rumour', description: 'x' }] },
      400,
      'body.evidence[0].kind',
    ],
    [
      'progress-reports',
      { actor: 'u', note: '进展', milestonesReached: Array.from({ length: 201 }, (_, i) => `m${i}`) },
      400,
      'body.milestonesReached',
    ],
    [
      'completion-claims',
      {
        actor: 'u',
        evidence: Array.from({ length: 201 }, (_, i) => ({ kind: 'document', description: `材料${i}` })),
      },
      400,
      'body.evidence',
    ],
    ['verification', { actor: 'v', decision: 'accept' }, 409, null],
    ['extension-decision', { actor: 'office', approve: true }, 409, null],
    ['withdrawal-decision', { actor: 'office', approve: true }, 409, null],
    ['look-back', { actor: 'v', outcome: 'passed', findings: 'ok' }, 409, null],
    ['reassignment', { actor: 'office', reason: '调整' }, 400, 'leadUnitCode'],
    ['deadline', { actor: 'office', dueAt: '2031-13-01', reason: 'r' }, 400, 'body.dueAt'],
    ['reviews', { actor: 'office', outcome: 'effective', note: 'n' }, 409, null],
    [
      'escalation-policy',
      { actor: 'office', policy: { version: 'x', steps: [{ kind: 'reminder', offset: 'P1D' }] } },
      400,
      'policy.steps[0].offset',
    ],
  ])(
    'POST /measures/:id/%s answers %i for a refused or malformed command',
    async (path, body, status, field) => {
      const { ids } = await importPlan(1);
      const r = await rectify.request('POST', `/measures/${ids[0]}/${path}`, body);
      expect(r.status).toBe(status);
      expect(r.body.code).toBe(status === 400 ? 'VALIDATION_FAILED' : 'COMMAND_REFUSED');
      if (field) expect(r.body.details.map((d: { path: string }) => d.path).join(' ')).toContain(field);
      const m = await rectify.request('GET', `/measures/${ids[0]}`);
      expect(m.body.events).toEqual([]);
    },
  );
});

import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import { eventually } from '../support/eventually';
import { DAY, LifecycleBench, startLifecycleBench } from '../support/lifecycle-harness';
import { DOC, PHOTO, WHOLE_LADDER } from '../support/measure-fixtures';
import { testEngine } from '../support/test-database';

describe(`the measure lifecycle on the time-skipping server (${testEngine()})`, () => {
  let b: LifecycleBench;
  let g: MeasureWorkflowGateway;

  beforeAll(async () => {
    b = await startLifecycleBench();
    g = b.gateway;
  });
  afterAll(() => b?.stop());

  // Claims completion at target with a photo, and has it accepted (销号).
  async function signOff(m: MeasureEntity) {
    await g.claimCompletion(m.workflowId, {
      actor: 'u',
      evidence: [PHOTO],
      indicators: [{ code: 'houses', current: 26_500 }],
    });
    return g.verify(m.workflowId, { actor: 'v', decision: 'accept' });
  }

  describe('the escalation ladder', () => {
    it('runs the whole default ladder of a 30-day deadline: T-7d, T-1d reminders, then 催办, 督办, 约谈, 问责移送', async () => {
      const [m] = await b.planDueIn(30);
      await b.env.sleep(46 * DAY);
      expect(await b.recorded(m)).toEqual(WHOLE_LADDER);
      const row = await b.row(m);
      expect(row.overdueLevel).toBe(4);
      const notices = await b.events.notificationsForMeasure(m.id);
      const ladder = notices.filter((n) => !n.subject.startsWith('light '));
      expect(ladder.map((n) => [n.addresseeKind, n.addressee])).toEqual([
        ['unit', 'GS-HOUSING'],
        ['unit', 'GS-HOUSING'],
        ['unit', 'GS-HOUSING'],
        ['leader', '分管副省长'],
        ['leader', '分管副省长'],
        ['leader', '分管副省长'],
      ]);
      // 亮灯: its indicator still at 0, the measure is behind schedule (序时进度) after 15 % of the
      // span, which is told; its yellow at T-7d and red at T come with the reminder and 催办.
      expect(notices.filter((n) => n.subject.startsWith('light ')).map((n) => n.subject)).toEqual([
        `light yellow (behind_schedule, final due ${m.dueAt.toISOString()})`,
      ]);
      expect((await g.state(m.workflowId))?.nextStep).toBeNull();
    });

    it('pauses while a claim is under review and, on rejection, resumes from where the deadline stands', async () => {
      const [m] = await b.planDueIn(10);
      await b.env.sleep(8 * DAY);
      await g.claimCompletion(m.workflowId, {
        actor: 'GS-HOUSING',
        evidence: [PHOTO],
        indicators: [{ code: 'houses', current: 26_500 }],
      });
      await b.env.sleep(6 * DAY); // T+4d: the overdue notice and the supervision notice fell due during review
      expect(await b.recorded(m)).toEqual([
        ['reminder', -7],
        ['completion_claimed', -2],
      ]);
      const after = await g.verify(m.workflowId, {
        actor: 'verifier',
        decision: 'reject',
        reasons: '照片不能证明入住',
      });
      expect(after.status).toBe('in_progress');
      await eventually(async () => expect((await b.recorded(m)).length).toBe(4));
      // The caught-up notice is dated when it fell due (T+3d), though recorded after the rejection.
      expect(await b.recorded(m)).toEqual([
        ['reminder', -7],
        ['completion_claimed', -2],
        ['supervision_notice', 3],
        ['rejected', 4],
      ]);
      // The row is written before the workflow applies the step (record first): wait for both.
      await eventually(async () => {
        const state = await g.state(m.workflowId);
        expect(state?.skippedSteps.map((s) => s.key)).toEqual(['reminder@-P1D', 'overdue_notice@PT0S']);
        expect(state?.nextStep?.key).toBe('formal_talk@P7D');
      });
    });

    it('moves every pending timer when an extension is approved', async () => {
      const [m] = await b.planDueIn(20);
      await b.env.sleep(14 * DAY); // T-6d: the first reminder fired
      const requestedDueAt = new Date(m.dueAt.getTime() + 30 * DAY).toISOString();
      await g.requestExtension(m.workflowId, { actor: 'GS-HOUSING', requestedDueAt, reason: '雨季无法施工' });
      const approved = await g.decideExtension(m.workflowId, { actor: 'office', approve: true });
      expect(approved).toMatchObject({
        dueAt: requestedDueAt,
        deadlineVersion: 2,
        nextStep: { key: 'reminder@-P7D', target: 'final' },
      });
      await b.env.sleep(35 * DAY); // old T+29d = new T-1d
      expect(await b.recorded(m)).toEqual([
        ['reminder', -7],
        ['extension_requested', -6],
        ['extension_approved', -6],
        ['reminder', 23],
        ['reminder', 29],
      ]);
      expect((await b.row(m)).dueAt.toISOString()).toBe(requestedDueAt);
    });

    it('records a denied extension with its reason and keeps the deadline', async () => {
      const [m] = await b.planDueIn(20);
      await g.requestExtension(m.workflowId, {
        actor: 'u',
        requestedDueAt: new Date(m.dueAt.getTime() + DAY).toISOString(),
        reason: 'r',
      });
      await expect(
        g.decideExtension(m.workflowId, { actor: 'office', approve: false }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'reason' }] });
      const denied = await g.decideExtension(m.workflowId, {
        actor: 'office',
        approve: false,
        reason: '理由不充分',
      });
      expect(denied).toMatchObject({
        dueAt: m.dueAt.toISOString(),
        extensionRequest: null,
        deadlineVersion: 1,
      });
      expect((await b.recorded(m)).map(([k]) => k)).toEqual(['extension_requested', 'extension_denied']);
    });

    it('addresses pending reminders to the new owner at once after a reassignment', async () => {
      const [m] = await b.planDueIn(10);
      await b.env.sleep(4 * DAY);
      await g.reassign(m.workflowId, {
        actor: 'office',
        leadUnitCode: 'GS-POVERTY',
        leadLeader: '省委常委',
        reason: '职能调整',
      });
      await b.env.sleep(6.5 * DAY);
      // The ladder's events (亮灯 has its own tests).
      const events = (await b.events.listForMeasure(m.id)).filter((e) => e.kind !== 'light_changed');
      expect(events.map((e) => [e.kind, e.detail.addressee ?? null])).toEqual([
        ['reminder', 'GS-HOUSING'],
        ['reassigned', null],
        ['reminder', 'GS-POVERTY'],
        ['overdue_notice', 'GS-POVERTY'],
      ]);
      const row = await b.row(m);
      expect([row.leadUnitCode, row.leadLeader]).toEqual(['GS-POVERTY', '省委常委']);
    });

    it('starts a measure imported after its deadline at the level it has reached, without stale reminders', async () => {
      const [m] = await b.planDueIn(-8);
      await b.env.sleep(60_000);
      expect(await b.recorded(m)).toEqual([['formal_talk', 7]]);
      const [event] = await b.events.listForMeasure(m.id);
      expect(event.detail).toMatchObject({
        catchUp: true,
        skipped: ['reminder@-P7D', 'reminder@-P1D', 'overdue_notice@PT0S', 'supervision_notice@P3D'],
      });
    });
  });

  describe('claims, verification and sign-off', () => {
    it('moves to in progress on the first report and keeps the indicator values reported', async () => {
      const [m] = await b.planDueIn(30);
      const s = await g.reportProgress(m.workflowId, {
        actor: 'GS-HOUSING',
        note: '已开工',
        indicators: [{ code: 'houses', current: 12_000 }],
      });
      expect(s).toMatchObject({
        status: 'in_progress',
        progressReports: 1,
        indicators: [{ code: 'houses', current: 12_000, target: 26_500 }],
      });
      expect((await b.row(m)).indicators[0].current).toBe(12_000);
    });

    it('refuses a claim without evidence and one below target without an explanation', async () => {
      const [m] = await b.planDueIn(30);
      await expect(g.claimCompletion(m.workflowId, { actor: 'u', evidence: [] })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: 'evidence' }],
      });
      await expect(
        g.claimCompletion(m.workflowId, {
          actor: 'u',
          evidence: [PHOTO],
          indicators: [{ code: 'houses', current: 26_000 }],
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'explanation' }] });
      expect(await b.recorded(m)).toEqual([]);
    });

    it('refuses a claim missing evidence of a kind the plan requires', async () => {
      const [m] = await b.planDueIn(30, {
        measures: 1,
        mutate: (doc) => {
          Object.assign(doc.categories[0].aspects[0].problems[0].measures[0], {
            evidenceRules: [{ kind: 'site_visit', description: '实地核查记录' }],
          });
        },
      });
      await expect(
        g.claimCompletion(m.workflowId, {
          actor: 'u',
          evidence: [PHOTO],
          indicators: [{ code: 'houses', current: 26_500 }],
        }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        message: 'evidence: the plan requires evidence of kind site_visit (实地核查记录)',
      });
      const s = await g.claimCompletion(m.workflowId, {
        actor: 'u',
        evidence: [PHOTO, { kind: 'site_visit', description: '县乡两级实地核查' }],
        indicators: [{ code: 'houses', current: 26_500 }],
      });
      expect(s.status).toBe('completion_claimed');
    });

    it('flags a claim resting on documents alone (纸上整改) and one below target for the verifier', async () => {
      const [m] = await b.planDueIn(30);
      const s = await g.claimCompletion(m.workflowId, {
        actor: 'u',
        evidence: [DOC],
        indicators: [{ code: 'houses', current: 26_062 }],
        explanation: '438户按政策调出',
      });
      expect(s.claim?.flags).toEqual(['paper_only', 'below_target:houses']);
      const [event] = await b.events.listForMeasure(m.id);
      expect(event.detail).toMatchObject({
        flags: ['paper_only', 'below_target:houses'],
        explanation: '438户按政策调出',
      });
    });

    it('signs off with a hash of exactly what was approved, and a material change sends it back to verification', async () => {
      const [m] = await b.planDueIn(30);
      await g.claimCompletion(m.workflowId, {
        actor: 'u',
        evidence: [PHOTO],
        indicators: [{ code: 'houses', current: 26_500 }],
      });
      const signed = await g.verify(m.workflowId, { actor: 'verifier-1', decision: 'accept' });
      expect(signed.status).toBe('verified');
      expect(signed.signOff).toMatchObject({
        verifier: 'verifier-1',
        evidence: [PHOTO],
        indicators: [{ code: 'houses', current: 26_500 }],
      });
      expect(signed.signOff?.contentHash).toMatch(/^[0-9a-f]{64}$/);
      const verified = (await b.events.listForMeasure(m.id)).find((e) => e.kind === 'verified');
      expect(verified?.detail.contentHash).toBe(signed.signOff?.contentHash);
      expect((await b.row(m)).status).toBe('verified');
      await b.env.sleep(40 * DAY);
      expect((await b.recorded(m)).map(([k]) => k)).toEqual(['completion_claimed', 'verified']);

      const back = await g.reportMaterialChange(m.workflowId, {
        actor: 'office',
        kind: 'feedback_upheld',
        description: '群众反映部分房屋未入住',
      });
      expect(back).toMatchObject({
        status: 'completion_claimed',
        claim: { flags: ['material_change:feedback_upheld'] },
      });
    });

    it('refuses commands the state does not allow with the reason, and writes nothing', async () => {
      const [m] = await b.planDueIn(30);
      await expect(g.verify(m.workflowId, { actor: 'v', decision: 'accept' })).rejects.toMatchObject({
        code: 'COMMAND_REFUSED',
        message: 'a measure in status assigned cannot accept verify',
      });
      await expect(
        g.recordLookBack(m.workflowId, { actor: 'v', outcome: 'passed', findings: 'x' }),
      ).rejects.toMatchObject({ code: 'COMMAND_REFUSED' });
      expect(await b.recorded(m)).toEqual([]);
    });
  });

  describe('look-back (回头看)', () => {
    it('announces a scheduled look-back when due; a failed one reopens the measure with a new deadline', async () => {
      const [m] = await b.planDueIn(30);
      await signOff(m);
      await g.scheduleLookBack(m.workflowId, { actor: 'office', after: 'P90D' });
      await b.env.sleep(91 * DAY);
      expect((await b.recorded(m)).map(([k]) => k)).toEqual([
        'completion_claimed',
        'verified',
        'look_back_scheduled',
        'look_back_due',
      ]);
      const dueAt = new Date((await b.env.currentTimeMs()) + 20 * DAY).toISOString();
      const reopened = await g.recordLookBack(m.workflowId, {
        actor: 'v',
        outcome: 'failed',
        findings: '部分农户返贫',
        dueAt,
      });
      expect(reopened).toMatchObject({ status: 'in_progress', dueAt, signOff: null, overdueLevel: 0 });
      await b.env.sleep(14 * DAY);
      expect((await b.recorded(m)).slice(4).map(([k]) => k)).toEqual(['look_back_failed', 'reminder']);
    });

    it('closes a measure whose look-back passed', async () => {
      const [m] = await b.planDueIn(30);
      await signOff(m);
      await g.scheduleLookBack(m.workflowId, { actor: 'office', after: 'P30D' });
      const closed = await g.recordLookBack(m.workflowId, {
        actor: 'v',
        outcome: 'passed',
        findings: '整改成效巩固',
      });
      expect(closed.status).toBe('closed');
      expect((await b.row(m)).status).toBe('closed');
    });
  });

  describe('withdrawal (调出/核销)', () => {
    it('withdraws on the office approval of a justified request and ends the workflow', async () => {
      const [m] = await b.planDueIn(30);
      await g.requestWithdrawal(m.workflowId, {
        actor: 'GS-HOUSING',
        justification: '438户因政策调整不再纳入',
      });
      await expect(
        g.requestWithdrawal(m.workflowId, { actor: 'x', justification: 'again' }),
      ).rejects.toMatchObject({ code: 'COMMAND_REFUSED' });
      const s = await g.decideWithdrawal(m.workflowId, { actor: 'office', approve: true });
      expect(s.status).toBe('withdrawn');
      expect(await b.env.client.workflow.getHandle(m.workflowId).result()).toMatchObject({
        status: 'withdrawn',
      });
      expect((await b.row(m)).status).toBe('withdrawn');
      await b.env.sleep(40 * DAY);
      expect((await b.recorded(m)).map(([k]) => k)).toEqual(['withdrawal_requested', 'withdrawn']);
    });
  });

  describe('the remaining transitions', () => {
    it('keeps the measure and its deadline when a withdrawal is denied', async () => {
      const [m] = await b.planDueIn(30);
      await g.requestWithdrawal(m.workflowId, { actor: 'u', justification: '已不适用' });
      const s = await g.decideWithdrawal(m.workflowId, {
        actor: 'office',
        approve: false,
        reason: '仍需整改',
      });
      expect(s).toMatchObject({ status: 'assigned', withdrawalRequest: null });
      expect((await b.recorded(m)).map(([k]) => k)).toEqual(['withdrawal_requested', 'withdrawal_denied']);
    });

    it('moves the deadline earlier on the office’s command and catches up on what is now past', async () => {
      const [m] = await b.planDueIn(30);
      const dueAt = new Date((await b.env.currentTimeMs()) + 3 * DAY).toISOString();
      const s = await g.changeDeadline(m.workflowId, { actor: 'office', dueAt, reason: '省委要求提前完成' });
      expect(s).toMatchObject({ dueAt, deadlineVersion: 2 });
      // The command answers once recorded; the ladder then catches up on the new deadline.
      await eventually(async () => {
        const now = await g.state(m.workflowId);
        expect(now?.nextStep).toMatchObject({ key: 'reminder@-P1D', deadlineVersion: 2 });
        expect(now?.skippedSteps.map((x) => x.key)).toEqual(['reminder@-P7D']);
      });
      await b.env.sleep(3.5 * DAY);
      expect((await b.recorded(m)).map(([k]) => k)).toEqual([
        'deadline_changed',
        'reminder',
        'overdue_notice',
      ]);
      expect((await b.row(m)).dueAt.toISOString()).toBe(dueAt);
    });

    it('closes a signed-off measure on the office’s command; a closed one still reopens on a material change', async () => {
      const [m] = await b.planDueIn(30);
      await signOff(m);
      const closed = await g.close(m.workflowId, { actor: 'office', reason: '整改完成' });
      expect(closed).toMatchObject({ status: 'closed' });
      expect(closed.closedAt).not.toBeNull();
      const back = await g.reportMaterialChange(m.workflowId, {
        actor: 'office',
        kind: 'indicator_regression',
        description: '危房数量回升',
      });
      expect(back).toMatchObject({ status: 'completion_claimed', closedAt: null });
    });

    it('records an effective review of a mechanism measure and leaves it signed off', async () => {
      const [m] = await b.planDueIn(30, { track: 'mechanism', measures: 1 });
      await signOff(m);
      const s = await g.recordReview(m.workflowId, {
        actor: 'office',
        outcome: 'effective',
        note: '机制运行良好',
      });
      expect(s.status).toBe('verified');
      expect((await b.recorded(m)).map(([k]) => k)).toEqual([
        'completion_claimed',
        'verified',
        'review_recorded',
      ]);
    });

    it('refuses a review of a measure that is not on the mechanism track', async () => {
      const [m] = await b.planDueIn(30, { track: 'immediate', measures: 1 });
      await signOff(m);
      await expect(
        g.recordReview(m.workflowId, { actor: 'o', outcome: 'effective', note: 'n' }),
      ).rejects.toMatchObject({
        code: 'COMMAND_REFUSED',
        message: 'only mechanism measures are reviewed periodically',
      });
    });
  });

  describe('tracks', () => {
    it('long-term: runs a ladder for each milestone (阶段目标) before the final deadline', async () => {
      // The milestone is dated from the server's clock, which runs far ahead of the wall clock.
      const half = new Date((await b.env.currentTimeMs()) + 20 * DAY).toISOString();
      const [m] = await b.planDueIn(60, {
        mutate: (doc) => {
          doc.categories[0].aspects[0].problems[0].measures[0] = {
            ...doc.categories[0].aspects[0].problems[0].measures[0],
            milestones: [{ code: 'half', title: '完成一半', due: half }],
          } as never;
        },
        measures: 1,
      });
      const state = await g.state(m.workflowId);
      expect(state?.nextStep).toMatchObject({
        target: 'half',
        key: 'reminder@-P7D',
        fireAt: new Date(Date.parse(half) - 7 * DAY).toISOString(),
      });
      await expect(
        g.claimCompletion(m.workflowId, {
          actor: 'u',
          evidence: [PHOTO],
          indicators: [{ code: 'houses', current: 26_500 }],
        }),
      ).rejects.toMatchObject({
        code: 'COMMAND_REFUSED',
        message: 'milestones not yet reached: half',
      });
      await g.reportProgress(m.workflowId, { actor: 'u', note: '过半', milestonesReached: ['half'] });
      expect((await g.state(m.workflowId))?.nextStep).toMatchObject({
        target: 'final',
        key: 'reminder@-P7D',
      });
    });

    it('referral: a measure is claimable only when every referred item has an outcome', async () => {
      const [m] = await b.planDueIn(30, {
        track: 'referral',
        measures: 1,
        mutate: (doc) => {
          Object.assign(doc.categories[0].aspects[0].problems[0].measures[0], {
            referralItems: [
              { code: 'L1', summary: '某县扶贫资金问题线索' },
              { code: 'L2', summary: '某乡干部优亲厚友线索' },
            ],
          });
        },
      });
      await g.recordReferralOutcome(m.workflowId, {
        actor: 'discipline',
        itemCode: 'L1',
        outcome: '立案审查',
      });
      await expect(
        g.claimCompletion(m.workflowId, {
          actor: 'u',
          evidence: [PHOTO],
          indicators: [{ code: 'houses', current: 26_500 }],
        }),
      ).rejects.toMatchObject({
        message: 'referral items without an outcome: L2',
      });
      await g.recordReferralOutcome(m.workflowId, { actor: 'discipline', itemCode: 'L2', outcome: '了结' });
      const s = await g.claimCompletion(m.workflowId, {
        actor: 'u',
        evidence: [PHOTO],
        indicators: [{ code: 'houses', current: 26_500 }],
      });
      expect(s.referralItems.map((i) => i.outcome)).toEqual(['立案审查', '了结']);
    });
  });

  describe('decomposition', () => {
    it('follows three sub-measures as child workflows; the parent is claimable only when each is verified or withdrawn', async () => {
      const [parent] = await b.planDueIn(60, { measures: 1 });
      const due = new Date(parent.dueAt.getTime() - 10 * DAY).toISOString();
      const s = await g.decompose(parent.workflowId, {
        actor: 'GS-HOUSING',
        subMeasures: [
          { code: 'LX', title: '临夏州危房改造', leadUnitCode: 'LINXIA', leadLeader: '州长', dueAt: due },
          { code: 'DX', title: '定西市危房改造', leadUnitCode: 'DINGXI', leadLeader: '市长', dueAt: due },
          { code: 'LN', title: '陇南市危房改造', leadUnitCode: 'LONGNAN', leadLeader: '市长', dueAt: due },
        ],
      });
      expect(s.children.map((c) => c.measureCode)).toEqual(['P01-M1.LX', 'P01-M1.DX', 'P01-M1.LN']);
      const children = await b.db.dataSource
        .getRepository(MeasureEntity)
        .find({ where: { parentMeasureId: parent.id }, order: { code: 'ASC' } });
      expect(children.map((c) => [c.code, c.leadUnitCode, c.status])).toEqual([
        ['P01-M1.DX', 'DINGXI', 'assigned'],
        ['P01-M1.LN', 'LONGNAN', 'assigned'],
        ['P01-M1.LX', 'LINXIA', 'assigned'],
      ]);
      const [dx, ln, lx] = children;
      // Sub-measures carry the parent's indicators (see the decomposition rules below).
      const atTarget = [{ code: 'houses', current: 26_500 }];
      await g.claimCompletion(lx.workflowId, { actor: 'LINXIA', evidence: [PHOTO], indicators: atTarget });
      await g.verify(lx.workflowId, { actor: 'v', decision: 'accept' });
      await g.claimCompletion(dx.workflowId, { actor: 'DINGXI', evidence: [PHOTO], indicators: atTarget });
      await g.verify(dx.workflowId, { actor: 'v', decision: 'accept' });
      await eventually(async () => {
        const st = await g.state(parent.workflowId);
        expect(st?.children.map((c) => c.status)).toEqual(['verified', 'verified', 'assigned']);
      });
      await expect(
        g.claimCompletion(parent.workflowId, {
          actor: 'u',
          evidence: [PHOTO],
          indicators: [{ code: 'houses', current: 26_500 }],
        }),
      ).rejects.toMatchObject({
        code: 'COMMAND_REFUSED',
        message: 'sub-measures not yet verified: P01-M1.LN',
      });
      await g.withdraw(ln.workflowId, { actor: 'office', reason: '并入临夏州' });
      await eventually(async () =>
        expect((await g.state(parent.workflowId))?.children.map((c) => c.status)).toEqual([
          'verified',
          'verified',
          'withdrawn',
        ]),
      );
      const claimed = await g.claimCompletion(parent.workflowId, {
        actor: 'u',
        evidence: [PHOTO],
        indicators: [{ code: 'houses', current: 26_500 }],
      });
      expect(claimed.status).toBe('completion_claimed');
      // Children run their own ladders: LN was withdrawn before its deadline, DX and LX signed off.
      await b.env.sleep(60 * DAY);
      expect((await b.recorded(ln)).map(([k]) => k)).toEqual(['withdrawn']);
    });

    it('refuses a sub-measure due after the measure itself', async () => {
      const [parent] = await b.planDueIn(30, { measures: 1 });
      const late = new Date(parent.dueAt.getTime() + DAY).toISOString();
      await expect(
        g.decompose(parent.workflowId, {
          actor: 'u',
          subMeasures: [{ code: 'A', title: 't', leadUnitCode: 'LINXIA', leadLeader: 'l', dueAt: late }],
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'subMeasures[0].dueAt' }] });
    });
  });

  describe('escalation policy versions', () => {
    it('keeps the policy a measure started with until a new version is applied explicitly', async () => {
      const [m] = await b.planDueIn(30, { measures: 1 });
      const policy = {
        version: 'strict-2',
        steps: [
          { kind: 'reminder' as const, offset: '-P14D' },
          { kind: 'overdue_notice' as const, offset: 'PT0S' },
        ],
      };
      const s = await g.applyPolicy(m.workflowId, { actor: 'office', policy });
      expect(s).toMatchObject({ policy: { version: 'strict-2' }, nextStep: { key: 'reminder@-P14D' } });
      expect((await b.row(m)).escalationPolicy.version).toBe('strict-2');
      await b.env.sleep(31 * DAY);
      expect(await b.recorded(m)).toEqual([
        ['policy_applied', -30],
        ['reminder', -14],
        ['overdue_notice', 0],
      ]);
    });
  });
});

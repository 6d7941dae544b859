// 整改措施: one rectification measure, followed durably from assignment to sign-off, look-back and
// close. Deterministic code only: time comes from the workflow clock, effects go through activities.
import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  MeasureActivities,
  MeasureEffects,
  NotificationRequest,
} from '../../activities/measure.activities';
import {
  checkEscalationPolicy,
  ESCALATION_LEVEL,
  ladderPositionAt,
  LadderStep,
  planLadder,
} from '../../libs/domain/src/escalation-ladder';
import { addIsoDuration, isIsoDuration } from '../../libs/domain/src/iso-duration';
import { measureWorkflowId } from '../../libs/domain/src/measure-identity';
import {
  isCommandAllowed,
  ladderRuns,
  MeasureCommand,
  MeasureStatus,
} from '../../libs/domain/src/measure-status';
import {
  applyPolicyUpdate,
  childStatusSignal,
  ChildState,
  claimCompletionUpdate,
  closeUpdate,
  COMMAND_INVALID,
  COMMAND_REFUSED,
  changeDeadlineUpdate,
  decideExtensionUpdate,
  decideWithdrawalUpdate,
  decomposeUpdate,
  DecomposeInput,
  IndicatorState,
  LadderStepView,
  materialChangeUpdate,
  MEASURE_WORKFLOW_TYPE,
  MeasureOutcome,
  MeasureSnapshot,
  measureStateQuery,
  MeasureWorkflowInput,
  planClosedSignal,
  reassignUpdate,
  recordLookBackUpdate,
  recordReferralOutcomeUpdate,
  recordReviewUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  requestWithdrawalUpdate,
  SA_DUE_AT,
  SA_OVERDUE_LEVEL,
  SA_PLAN,
  SA_STATUS,
  SA_TRACK,
  SA_UNIT,
  scheduleLookBackUpdate,
  verifyUpdate,
  withdrawUpdate,
} from './measure.contract';

const { recordMeasureEvent, registerSubMeasures } = proxyActivities<MeasureActivities>({
  startToCloseTimeout: '1 minute',
  // No attempt limit: an outcome must be recorded eventually, however long the database is away.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const DEFAULT_REVIEW_EVERY = 'P3M';
const DEFAULT_HISTORY_LIMIT = 10_000;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type State = Mutable<Omit<MeasureSnapshot, 'nextStep'>>;

function refuse(message: string): never {
  throw ApplicationFailure.create({ type: COMMAND_REFUSED, message, nonRetryable: true });
}

// Messages of invalid input start with the offending field, so the API can name it.
function invalid(field: string, message: string): never {
  throw ApplicationFailure.create({
    type: COMMAND_INVALID,
    message: `${field}: ${message}`,
    nonRetryable: true,
  });
}

function requireText(field: string, value: unknown): void {
  if (typeof value !== 'string' || !value.trim()) invalid(field, 'must not be empty');
}

function requireInstant(field: string, value: unknown): number {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (typeof value !== 'string' || !/[zZ]|[+-]\d{2}:\d{2}$/.test(value) || Number.isNaN(ms)) {
    invalid(field, 'must be an instant with offset, e.g. 2026-12-31T16:00:00Z');
  }
  return ms;
}

function initialState(input: MeasureWorkflowInput): State {
  const milestones = [...(input.milestones ?? [])]
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
    .map((m) => ({ ...m, reachedAt: null }));
  return {
    status: 'assigned',
    track: input.track,
    dueAt: new Date(Date.parse(input.dueAt)).toISOString(),
    deadlineVersion: 1,
    policy: input.policy,
    leadUnitCode: input.leadUnitCode,
    leadLeader: input.leadLeader,
    overdueLevel: 0,
    indicators: [...(input.indicators ?? [])],
    milestones,
    referralItems: (input.referralItems ?? []).map((i) => ({ ...i, outcome: null })),
    firedSteps: [],
    skippedSteps: [],
    progressReports: 0,
    claim: null,
    signOff: null,
    extensionRequest: null,
    withdrawalRequest: null,
    lookBackDueAt: null,
    lookBackAnnounced: false,
    nextReviewAt: null,
    children: [],
    closedAt: null,
    eventSeq: 0,
  };
}

export async function measureWorkflow(input: MeasureWorkflowInput): Promise<MeasureOutcome> {
  const { workflowId } = workflowInfo();
  const st: State = input.carried ? { ...input.carried } : initialState(input);
  // Any change bumps the version, which wakes the main loop to recompute its next timer.
  let version = 0;
  // Past steps are caught up (only the highest one fires) at start, on resuming after a pause and
  // after the deadline or the policy changes; otherwise a due step fires as scheduled.
  let catchingUp = true;
  let planClosed = false;
  let notifiedParentOf: MeasureStatus | null = input.carried ? st.status : null;

  const changed = (opts: { catchUp?: boolean } = {}) => {
    version++;
    if (opts.catchUp) catchingUp = true;
  };

  // The deadline the ladder runs against: the earliest unreached milestone, then the measure's own.
  const currentTarget = (): { target: string; dueAtMs: number } => {
    const milestone = st.milestones.find((m) => m.reachedAt === null);
    return milestone
      ? { target: milestone.code, dueAtMs: Date.parse(milestone.dueAt) }
      : { target: 'final', dueAtMs: Date.parse(st.dueAt) };
  };
  const handledKey = (target: string, deadline: string, key: string) => `${target}@${deadline}/${key}`;
  const handled = () =>
    new Set([...st.firedSteps, ...st.skippedSteps].map((s) => handledKey(s.target, s.deadline, s.key)));
  const pendingSteps = (): { target: string; deadline: string; steps: LadderStep[] } => {
    const { target, dueAtMs } = currentTarget();
    const deadline = new Date(dueAtMs).toISOString();
    const done = handled();
    return {
      target,
      deadline,
      steps: planLadder(dueAtMs, st.policy).filter((s) => !done.has(handledKey(target, deadline, s.key))),
    };
  };
  const view = (step: LadderStep, target: string, deadline: string): LadderStepView => ({
    key: step.key,
    kind: step.kind,
    level: step.level,
    fireAt: new Date(step.fireAtMs).toISOString(),
    target,
    deadline,
  });

  const snapshot = (): MeasureSnapshot => {
    let nextStep: LadderStepView | null = null;
    if (ladderRuns(st.status)) {
      const { target, deadline, steps } = pendingSteps();
      if (steps.length) nextStep = view(steps[0], target, deadline);
    }
    return { ...st, nextStep, firedSteps: [...st.firedSteps], skippedSteps: [...st.skippedSteps] };
  };

  const record = async (
    kind: string,
    actor: string,
    detail: Record<string, unknown>,
    effects: MeasureEffects = {},
    notify: NotificationRequest[] = [],
    hashApproved = false,
  ) => {
    st.eventSeq++;
    return recordMeasureEvent({
      workflowId,
      idempotencyKey: `${workflowId}/event/${st.eventSeq}`,
      kind,
      level: 0,
      occurredAt: new Date().toISOString(),
      actor,
      detail,
      effects,
      notify,
      hashApproved,
    });
  };

  const setStatus = (status: MeasureStatus) => {
    const resumes = !ladderRuns(st.status) && ladderRuns(status);
    st.status = status;
    changed({ catchUp: resumes });
  };

  const guard = (command: MeasureCommand) => {
    if (planClosed) refuse('the plan is closed');
    if (!isCommandAllowed(st.status, command))
      refuse(`a measure in status ${st.status} cannot accept ${command}`);
  };

  setHandler(measureStateQuery, snapshot);

  // 进展报告: moves an assigned measure into progress; may update indicators and reach milestones.
  setHandler(
    reportProgressUpdate,
    async (c) => {
      const reached = c.milestonesReached ?? [];
      const now = new Date().toISOString();
      st.milestones = st.milestones.map((m) => (reached.includes(m.code) ? { ...m, reachedAt: now } : m));
      st.indicators = applyIndicatorValues(st.indicators, c.indicators ?? []);
      st.progressReports++;
      if (st.status === 'assigned') st.status = 'in_progress';
      changed({ catchUp: reached.length > 0 });
      await record(
        'progress_reported',
        c.actor,
        { note: c.note.trim(), indicators: c.indicators ?? [], milestonesReached: reached },
        { status: st.status, indicators: st.indicators },
      );
      return snapshot();
    },
    {
      validator: (c) => {
        guard('reportProgress');
        requireText('note', c.note);
        checkIndicatorValues(st.indicators, c.indicators ?? []);
        for (const [i, code] of (c.milestonesReached ?? []).entries()) {
          const m = st.milestones.find((x) => x.code === code);
          if (!m) invalid(`milestonesReached[${i}]`, `unknown milestone ${code}`);
          if (m.reachedAt) invalid(`milestonesReached[${i}]`, `milestone ${code} was already reached`);
        }
      },
    },
  );

  // 申请销号: a claim with evidence stops the ladder until a verifier decides.
  setHandler(
    claimCompletionUpdate,
    async (c) => {
      st.indicators = applyIndicatorValues(st.indicators, c.indicators ?? []);
      const flags = claimFlags(c.evidence, st.indicators);
      st.claim = {
        actor: c.actor,
        claimedAt: new Date().toISOString(),
        evidence: [...c.evidence],
        indicators: st.indicators,
        explanation: c.explanation?.trim() || null,
        flags,
      };
      setStatus('completion_claimed');
      await record(
        'completion_claimed',
        c.actor,
        { evidence: c.evidence, indicators: st.indicators, explanation: st.claim.explanation, flags },
        { status: 'completion_claimed', indicators: st.indicators },
        [{ addresseeKind: 'verifier', addressee: st.leadUnitCode, subject: 'completion claim to verify' }],
      );
      return snapshot();
    },
    {
      validator: (c) => {
        guard('claimCompletion');
        if (!Array.isArray(c.evidence) || c.evidence.length === 0)
          invalid('evidence', 'a completion claim must carry evidence');
        c.evidence.forEach((e: { description?: unknown }, i: number) =>
          requireText(`evidence[${i}].description`, e?.description),
        );
        const missing = (input.evidenceRules ?? []).filter(
          (rule) => !c.evidence.some((e: { kind: string }) => e.kind === rule.kind),
        );
        if (missing.length) {
          invalid(
            'evidence',
            `the plan requires evidence of kind ${missing.map((r) => `${r.kind} (${r.description})`).join(', ')}`,
          );
        }
        checkIndicatorValues(st.indicators, c.indicators ?? []);
        const after = applyIndicatorValues(st.indicators, c.indicators ?? []);
        const below = after.filter((ind) => (ind.current ?? ind.baseline ?? 0) < ind.target);
        if (below.length && !c.explanation?.trim()) {
          invalid(
            'explanation',
            `indicators below target (${below.map((b) => b.code).join(', ')}) need an explanation`,
          );
        }
        const openChildren = st.children.filter(
          (ch) => !['verified', 'closed', 'withdrawn'].includes(ch.status),
        );
        if (openChildren.length)
          refuse(`sub-measures not yet verified: ${openChildren.map((ch) => ch.measureCode).join(', ')}`);
        const openMilestones = st.milestones.filter((m) => !m.reachedAt);
        if (openMilestones.length)
          refuse(`milestones not yet reached: ${openMilestones.map((m) => m.code).join(', ')}`);
        const openItems = st.referralItems.filter((i) => !i.outcome);
        if (openItems.length)
          refuse(`referral items without an outcome: ${openItems.map((i) => i.code).join(', ')}`);
      },
    },
  );

  // 验收: accept signs the measure off (销号) with a hash of exactly what was approved; reject sends
  // it back to work and the ladder resumes from where the deadline stands.
  setHandler(
    verifyUpdate,
    async (c) => {
      const claim = st.claim;
      if (c.decision === 'accept' && claim) {
        const approvedAt = new Date().toISOString();
        setStatus('verified');
        if (st.track === 'mechanism') {
          st.nextReviewAt = new Date(
            addIsoDuration(Date.parse(approvedAt), input.reviewEvery ?? DEFAULT_REVIEW_EVERY),
          ).toISOString();
        }
        const approved = {
          evidence: claim.evidence,
          indicators: claim.indicators,
          explanation: claim.explanation,
          flags: claim.flags,
        };
        const { contentHash } = await record(
          'verified',
          c.actor,
          { approved, claimedBy: claim.actor },
          { status: 'verified', signedOffAt: approvedAt, overdueLevel: 0 },
          [{ addresseeKind: 'unit', addressee: st.leadUnitCode, subject: 'measure signed off (销号)' }],
          true,
        );
        st.signOff = {
          verifier: c.actor,
          approvedAt,
          evidence: claim.evidence,
          indicators: claim.indicators,
          contentHash: contentHash ?? '',
        };
      } else {
        st.claim = null;
        setStatus('in_progress');
        await record('rejected', c.actor, { reasons: c.reasons?.trim() }, { status: 'in_progress' }, [
          { addresseeKind: 'unit', addressee: st.leadUnitCode, subject: 'completion claim rejected' },
        ]);
      }
      return snapshot();
    },
    {
      validator: (c) => {
        guard('verify');
        if (c.decision !== 'accept' && c.decision !== 'reject')
          invalid('decision', 'must be accept or reject');
        if (c.decision === 'reject') requireText('reasons', c.reasons);
      },
    },
  );

  // 延期: asked by the unit, decided by the office; an approval moves every pending timer.
  setHandler(
    requestExtensionUpdate,
    async (c) => {
      st.extensionRequest = {
        actor: c.actor,
        requestedDueAt: new Date(Date.parse(c.requestedDueAt)).toISOString(),
        reason: c.reason.trim(),
      };
      changed();
      await record('extension_requested', c.actor, { ...st.extensionRequest }, {}, [
        { addresseeKind: 'office', addressee: input.planCode, subject: 'extension requested' },
      ]);
      return snapshot();
    },
    {
      validator: (c) => {
        guard('requestExtension');
        if (st.extensionRequest) refuse('an extension request is already waiting for a decision');
        const ms = requireInstant('requestedDueAt', c.requestedDueAt);
        if (ms <= Date.parse(st.dueAt))
          invalid('requestedDueAt', `must be later than the current deadline ${st.dueAt}`);
        requireText('reason', c.reason);
      },
    },
  );
  setHandler(
    decideExtensionUpdate,
    async (c) => {
      const request = st.extensionRequest;
      st.extensionRequest = null;
      if (c.approve && request) {
        moveDeadline(request.requestedDueAt);
        await record(
          'extension_approved',
          c.actor,
          { from: request, dueAt: st.dueAt, reason: c.reason?.trim() },
          { dueAt: st.dueAt, overdueLevel: 0 },
          [
            {
              addresseeKind: 'unit',
              addressee: st.leadUnitCode,
              subject: `extension approved: due ${st.dueAt}`,
            },
          ],
        );
      } else {
        changed();
        await record('extension_denied', c.actor, { request, reason: c.reason?.trim() }, {}, [
          { addresseeKind: 'unit', addressee: st.leadUnitCode, subject: 'extension denied' },
        ]);
      }
      return snapshot();
    },
    {
      validator: (c) => {
        guard('decideExtension');
        if (!st.extensionRequest) refuse('there is no extension request to decide');
        if (typeof c.approve !== 'boolean') invalid('approve', 'must be true or false');
        if (!c.approve) requireText('reason', c.reason);
      },
    },
  );

  const moveDeadline = (dueAt: string) => {
    st.dueAt = new Date(Date.parse(dueAt)).toISOString();
    st.deadlineVersion++;
    st.overdueLevel = 0;
    changed({ catchUp: true });
  };

  // The office moves the deadline directly, e.g. when a re-imported plan changed it.
  setHandler(
    changeDeadlineUpdate,
    async (c) => {
      const from = st.dueAt;
      moveDeadline(c.dueAt);
      await record(
        'deadline_changed',
        c.actor,
        { from, dueAt: st.dueAt, reason: c.reason.trim() },
        { dueAt: st.dueAt, overdueLevel: 0 },
        [{ addresseeKind: 'unit', addressee: st.leadUnitCode, subject: `deadline changed: due ${st.dueAt}` }],
      );
      return snapshot();
    },
    {
      validator: (c) => {
        guard('changeDeadline');
        requireInstant('dueAt', c.dueAt);
        requireText('reason', c.reason);
      },
    },
  );

  // 调出/核销: a withdrawal needs the office's approval; the office may also withdraw directly.
  setHandler(
    requestWithdrawalUpdate,
    async (c) => {
      st.withdrawalRequest = { actor: c.actor, justification: c.justification.trim() };
      changed();
      await record(
        'withdrawal_requested',
        c.actor,
        { justification: st.withdrawalRequest.justification },
        {},
        [{ addresseeKind: 'office', addressee: input.planCode, subject: 'withdrawal requested' }],
      );
      return snapshot();
    },
    {
      validator: (c) => {
        guard('requestWithdrawal');
        if (st.withdrawalRequest) refuse('a withdrawal request is already waiting for a decision');
        requireText('justification', c.justification);
      },
    },
  );
  setHandler(
    decideWithdrawalUpdate,
    async (c) => {
      const request = st.withdrawalRequest;
      st.withdrawalRequest = null;
      if (c.approve) {
        await withdrawNow(c.actor, { request, reason: c.reason?.trim() });
      } else {
        changed();
        await record('withdrawal_denied', c.actor, { request, reason: c.reason?.trim() });
      }
      return snapshot();
    },
    {
      validator: (c) => {
        guard('decideWithdrawal');
        if (!st.withdrawalRequest) refuse('there is no withdrawal request to decide');
        if (typeof c.approve !== 'boolean') invalid('approve', 'must be true or false');
        if (!c.approve) requireText('reason', c.reason);
      },
    },
  );
  setHandler(
    withdrawUpdate,
    async (c) => {
      await withdrawNow(c.actor, { reason: c.reason.trim() });
      return snapshot();
    },
    {
      validator: (c) => {
        guard('withdraw');
        requireText('reason', c.reason);
      },
    },
  );
  const withdrawNow = async (actor: string, detail: Record<string, unknown>) => {
    st.closedAt = new Date().toISOString();
    setStatus('withdrawn');
    await record('withdrawn', actor, detail, { status: 'withdrawn', overdueLevel: 0 });
  };

  // A new owner takes over at once: the next step is addressed to whoever owns the measure then.
  setHandler(
    reassignUpdate,
    async (c) => {
      const from = { leadUnitCode: st.leadUnitCode, leadLeader: st.leadLeader };
      st.leadUnitCode = c.leadUnitCode ?? st.leadUnitCode;
      st.leadLeader = c.leadLeader ?? st.leadLeader;
      changed();
      await record(
        'reassigned',
        c.actor,
        { from, to: { leadUnitCode: st.leadUnitCode, leadLeader: st.leadLeader }, reason: c.reason.trim() },
        { leadUnitCode: st.leadUnitCode, leadLeader: st.leadLeader },
        [{ addresseeKind: 'unit', addressee: st.leadUnitCode, subject: 'measure assigned to your unit' }],
      );
      return snapshot();
    },
    {
      validator: (c) => {
        guard('reassign');
        if (!c.leadUnitCode && !c.leadLeader) invalid('leadUnitCode', 'name a new lead unit or lead leader');
        if (c.leadUnitCode !== undefined) requireText('leadUnitCode', c.leadUnitCode);
        if (c.leadLeader !== undefined) requireText('leadLeader', c.leadLeader);
        requireText('reason', c.reason);
      },
    },
  );

  // 回头看: the office picks signed-off measures for a later look-back; the verifier records it.
  setHandler(
    scheduleLookBackUpdate,
    async (c) => {
      st.lookBackDueAt = new Date(addIsoDuration(Date.now(), c.after)).toISOString();
      st.lookBackAnnounced = false;
      changed();
      await record('look_back_scheduled', c.actor, { dueAt: st.lookBackDueAt });
      return snapshot();
    },
    {
      validator: (c) => {
        guard('scheduleLookBack');
        if (typeof c.after !== 'string' || !isIsoDuration(c.after) || addIsoDuration(0, c.after) < 0) {
          invalid('after', 'must be an ISO-8601 duration such as P90D');
        }
      },
    },
  );
  setHandler(
    recordLookBackUpdate,
    async (c) => {
      st.lookBackDueAt = null;
      st.lookBackAnnounced = false;
      if (c.outcome === 'passed') {
        st.closedAt = new Date().toISOString();
        setStatus('closed');
        await record('look_back_passed', c.actor, { findings: c.findings.trim() }, { status: 'closed' });
      } else {
        st.claim = null;
        st.signOff = null;
        moveDeadline(c.dueAt as string);
        setStatus('in_progress');
        await record(
          'look_back_failed',
          c.actor,
          { findings: c.findings.trim(), dueAt: st.dueAt },
          { status: 'in_progress', dueAt: st.dueAt, overdueLevel: 0 },
          [
            {
              addresseeKind: 'unit',
              addressee: st.leadUnitCode,
              subject: 'look-back failed: measure reopened',
            },
          ],
        );
      }
      return snapshot();
    },
    {
      validator: (c) => {
        guard('recordLookBack');
        if (!st.lookBackDueAt) refuse('no look-back is scheduled for this measure');
        if (c.outcome !== 'passed' && c.outcome !== 'failed') invalid('outcome', 'must be passed or failed');
        requireText('findings', c.findings);
        if (c.outcome === 'failed') requireInstant('dueAt', c.dueAt);
      },
    },
  );

  // A material change after sign-off (an indicator falling back, evidence of regression, feedback
  // upheld) sends the measure back to verification with what was signed off kept on record.
  setHandler(
    materialChangeUpdate,
    async (c) => {
      st.claim = st.signOff
        ? {
            actor: c.actor,
            claimedAt: new Date().toISOString(),
            evidence: st.signOff.evidence,
            indicators: st.indicators,
            explanation: null,
            flags: [`material_change:${c.kind}`],
          }
        : st.claim;
      st.closedAt = null;
      setStatus('completion_claimed');
      await record(
        'material_change',
        c.actor,
        { kind: c.kind, description: c.description.trim(), signOff: st.signOff },
        { status: 'completion_claimed' },
        [
          {
            addresseeKind: 'verifier',
            addressee: st.leadUnitCode,
            subject: 'signed-off measure to verify again',
          },
        ],
      );
      return snapshot();
    },
    {
      validator: (c) => {
        guard('reportMaterialChange');
        if (!['indicator_regression', 'regression_evidence', 'feedback_upheld'].includes(c.kind)) {
          invalid('kind', 'must be indicator_regression, regression_evidence or feedback_upheld');
        }
        requireText('description', c.description);
      },
    },
  );

  // 季分析: a lasting mechanism is reviewed periodically; an ineffective one is reopened.
  setHandler(
    recordReviewUpdate,
    async (c) => {
      if (c.outcome === 'effective') {
        changed();
        await record('review_recorded', c.actor, { outcome: c.outcome, note: c.note.trim() });
      } else {
        st.claim = null;
        moveDeadline(c.dueAt as string);
        setStatus('in_progress');
        await record(
          'review_recorded',
          c.actor,
          { outcome: c.outcome, note: c.note.trim(), dueAt: st.dueAt },
          { status: 'in_progress', dueAt: st.dueAt, overdueLevel: 0 },
        );
      }
      return snapshot();
    },
    {
      validator: (c) => {
        guard('recordReview');
        if (st.track !== 'mechanism') refuse('only mechanism measures are reviewed periodically');
        if (c.outcome !== 'effective' && c.outcome !== 'ineffective')
          invalid('outcome', 'must be effective or ineffective');
        requireText('note', c.note);
        if (c.outcome === 'ineffective') requireInstant('dueAt', c.dueAt);
      },
    },
  );

  // 逐条核实: each item handed to the discipline body is followed until it has an outcome.
  setHandler(
    recordReferralOutcomeUpdate,
    async (c) => {
      st.referralItems = st.referralItems.map((i) =>
        i.code === c.itemCode ? { ...i, outcome: c.outcome.trim() } : i,
      );
      if (st.status === 'assigned') st.status = 'in_progress';
      changed();
      await record(
        'referral_outcome',
        c.actor,
        { itemCode: c.itemCode, outcome: c.outcome.trim() },
        { status: st.status },
      );
      return snapshot();
    },
    {
      validator: (c) => {
        guard('recordReferralOutcome');
        const item = st.referralItems.find((i) => i.code === c.itemCode);
        if (!item) invalid('itemCode', `unknown referral item ${c.itemCode}`);
        if (item.outcome) refuse(`referral item ${c.itemCode} already has an outcome`);
        requireText('outcome', c.outcome);
      },
    },
  );

  // Decomposition: sub-measures for units below, each followed by its own child workflow.
  setHandler(
    decomposeUpdate,
    async (c) => {
      const subs = c.subMeasures.map((s) => ({
        ...s,
        code: `${input.measureCode}.${s.code}`,
        dueAt: new Date(Date.parse(s.dueAt)).toISOString(),
      }));
      await registerSubMeasures({
        parentWorkflowId: workflowId,
        planCode: input.planCode,
        subMeasures: subs,
      });
      for (const s of subs) {
        const childId = measureWorkflowId(input.planCode, s.code);
        st.children = [
          ...st.children,
          { measureCode: s.code, workflowId: childId, leadUnitCode: s.leadUnitCode, status: 'assigned' },
        ];
        await startChild(MEASURE_WORKFLOW_TYPE, {
          workflowId: childId,
          args: [
            {
              planCode: input.planCode,
              measureCode: s.code,
              title: s.title,
              track: st.track,
              leadUnitCode: s.leadUnitCode,
              leadLeader: s.leadLeader,
              dueAt: s.dueAt,
              policy: st.policy,
              parentWorkflowId: workflowId,
              historyLimit: input.historyLimit,
              searchAttributes: input.searchAttributes,
            } satisfies MeasureWorkflowInput,
          ],
          // A sub-measure lives on its own: the parent may continue-as-new or close first.
          parentClosePolicy: ParentClosePolicy.ABANDON,
        });
      }
      if (st.status === 'assigned') st.status = 'in_progress';
      changed();
      await record('decomposed', c.actor, { subMeasures: subs }, { status: st.status });
      return snapshot();
    },
    {
      validator: (c) => {
        guard('decompose');
        if (!Array.isArray(c.subMeasures) || c.subMeasures.length === 0)
          invalid('subMeasures', 'name at least one sub-measure');
        const codes = new Set<string>();
        c.subMeasures.forEach((s: DecomposeInput['subMeasures'][number], i: number) => {
          if (
            typeof s.code !== 'string' ||
            !/^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff_-]{0,30}$/.test(s.code)
          ) {
            invalid(`subMeasures[${i}].code`, 'must be 1–31 letters, digits, "_" or "-"');
          }
          if (codes.has(s.code)) invalid(`subMeasures[${i}].code`, `duplicate sub-measure code ${s.code}`);
          if (st.children.some((ch) => ch.measureCode === `${input.measureCode}.${s.code}`))
            invalid(`subMeasures[${i}].code`, `sub-measure ${s.code} exists`);
          codes.add(s.code);
          requireText(`subMeasures[${i}].title`, s.title);
          requireText(`subMeasures[${i}].leadUnitCode`, s.leadUnitCode);
          requireText(`subMeasures[${i}].leadLeader`, s.leadLeader);
          const due = requireInstant(`subMeasures[${i}].dueAt`, s.dueAt);
          if (due > Date.parse(st.dueAt))
            invalid(`subMeasures[${i}].dueAt`, `cannot fall after the measure's deadline ${st.dueAt}`);
        });
      },
    },
  );
  setHandler(childStatusSignal, (child) => {
    st.children = st.children.map((ch) =>
      ch.workflowId === child.workflowId ? { ...ch, status: child.status } : ch,
    );
    changed();
  });

  // A new escalation policy version, applied only by an explicit command after a preview.
  setHandler(
    applyPolicyUpdate,
    async (c) => {
      const from = st.policy.version;
      st.policy = c.policy;
      changed({ catchUp: true });
      await record('policy_applied', c.actor, { from, to: c.policy.version }, { policy: c.policy });
      return snapshot();
    },
    {
      validator: (c) => {
        guard('applyPolicy');
        if (
          !c.policy ||
          typeof c.policy.version !== 'string' ||
          !Array.isArray(c.policy.steps) ||
          c.policy.steps.length === 0
        ) {
          invalid('policy', 'must have a version and at least one step');
        }
        const problem = checkEscalationPolicy(c.policy)[0];
        if (problem) invalid(`policy.steps[${problem.index}].${problem.field}`, problem.message);
      },
    },
  );

  setHandler(
    closeUpdate,
    async (c) => {
      st.closedAt = new Date().toISOString();
      setStatus('closed');
      await record('closed', c.actor, { reason: c.reason.trim() }, { status: 'closed' });
      return snapshot();
    },
    {
      validator: (c) => {
        guard('close');
        requireText('reason', c.reason);
      },
    },
  );

  let closedBy = '';
  setHandler(planClosedSignal, ({ actor }) => {
    planClosed = true;
    closedBy = actor;
    changed();
  });

  const fire = async (
    step: LadderStep,
    target: string,
    deadline: string,
    catchUp: boolean,
    skipped: readonly LadderStep[],
  ) => {
    const toLeader = ESCALATION_LEVEL[step.kind] >= ESCALATION_LEVEL.supervision_notice;
    const addressee = toLeader ? st.leadLeader : st.leadUnitCode;
    const stepView = view(step, target, deadline);
    await recordMeasureEvent({
      workflowId,
      // The deadline is part of the key: after an extension the same step of the new deadline is a new event.
      idempotencyKey: `${workflowId}/${target}@${deadline}/${step.key}`,
      kind: step.kind,
      level: step.level,
      occurredAt: stepView.fireAt,
      actor: 'rectify:escalation-ladder',
      detail: {
        stepKey: step.key,
        target,
        deadline,
        addressee,
        ...(catchUp ? { catchUp: true, skipped: skipped.map((s) => s.key) } : {}),
      },
      effects: { overdueLevel: Math.max(st.overdueLevel, step.level) },
      notify: [
        {
          addresseeKind: toLeader ? 'leader' : 'unit',
          addressee,
          subject: `${step.kind} (${target} due ${deadline})`,
        },
      ],
      hashApproved: false,
    });
    st.skippedSteps = [...st.skippedSteps, ...skipped.map((s) => view(s, target, deadline))];
    st.firedSteps = [...st.firedSteps, { ...stepView, firedAt: new Date().toISOString(), catchUp }];
    st.overdueLevel = Math.max(st.overdueLevel, step.level);
  };

  let searchKey = '';
  const syncSearchAttributes = () => {
    const key = `${st.status}|${st.leadUnitCode}|${st.overdueLevel}|${st.dueAt}`;
    if (key === searchKey) return;
    searchKey = key;
    upsertSearchAttributes([
      { key: SA_PLAN, value: input.planCode },
      { key: SA_UNIT, value: st.leadUnitCode },
      { key: SA_STATUS, value: st.status },
      { key: SA_TRACK, value: st.track },
      { key: SA_OVERDUE_LEVEL, value: st.overdueLevel },
      { key: SA_DUE_AT, value: new Date(st.dueAt) },
    ]);
  };

  const parentNotice = async () => {
    if (!input.parentWorkflowId || notifiedParentOf === st.status) return;
    notifiedParentOf = st.status;
    const child: ChildState = {
      measureCode: input.measureCode,
      workflowId,
      leadUnitCode: st.leadUnitCode,
      status: st.status,
    };
    await getExternalWorkflowHandle(input.parentWorkflowId).signal(childStatusSignal, child);
  };

  for (;;) {
    if (input.searchAttributes) syncSearchAttributes();
    await parentNotice();
    if (st.status === 'withdrawn') break;
    if (planClosed) {
      // The measure ends where it stands; the record says so and at what status.
      st.closedAt = new Date().toISOString();
      await record('plan_closed', closedBy, { status: st.status, overdueLevel: st.overdueLevel });
      break;
    }
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > (input.historyLimit ?? DEFAULT_HISTORY_LIMIT)) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof measureWorkflow>({ ...input, carried: snapshot() });
    }

    const seen = version;
    const wakeAt: number[] = [];
    const now = Date.now();
    if (ladderRuns(st.status)) {
      const { target, deadline, steps } = pendingSteps();
      if (steps.length && steps[0].fireAtMs <= now) {
        if (catchingUp) {
          const position = ladderPositionAt(steps, now);
          if (position.catchUp) await fire(position.catchUp, target, deadline, true, position.skipped);
          else
            st.skippedSteps = [...st.skippedSteps, ...position.skipped.map((s) => view(s, target, deadline))];
        } else {
          await fire(steps[0], target, deadline, false, []);
        }
        continue;
      }
      if (steps.length) wakeAt.push(steps[0].fireAtMs);
    }
    if (st.status === 'verified' && st.lookBackDueAt && !st.lookBackAnnounced) {
      if (Date.parse(st.lookBackDueAt) <= now) {
        st.lookBackAnnounced = true;
        await record('look_back_due', 'rectify:look-back', { dueAt: st.lookBackDueAt }, {}, [
          { addresseeKind: 'verifier', addressee: st.leadUnitCode, subject: 'look-back (回头看) due' },
        ]);
        continue;
      }
      wakeAt.push(Date.parse(st.lookBackDueAt));
    }
    if (st.status === 'verified' && st.nextReviewAt) {
      if (Date.parse(st.nextReviewAt) <= now) {
        const dueAt = st.nextReviewAt;
        st.nextReviewAt = new Date(
          addIsoDuration(Date.parse(dueAt), input.reviewEvery ?? DEFAULT_REVIEW_EVERY),
        ).toISOString();
        await record('review_due', 'rectify:review', { dueAt }, {}, [
          { addresseeKind: 'unit', addressee: st.leadUnitCode, subject: 'periodic review (季分析) due' },
        ]);
        continue;
      }
      wakeAt.push(Date.parse(st.nextReviewAt));
    }

    catchingUp = false;
    const next = wakeAt.length ? Math.min(...wakeAt) : null;
    if (next === null) await condition(() => version !== seen);
    else await condition(() => version !== seen, Math.max(1, next - Date.now()));
  }

  await condition(allHandlersFinished);
  return { status: st.status, closedAt: st.closedAt ?? new Date().toISOString() };
}

function applyIndicatorValues(
  indicators: readonly IndicatorState[],
  values: readonly { code: string; current: number }[],
): IndicatorState[] {
  return indicators.map((ind) => {
    const v = values.find((x) => x.code === ind.code);
    return v ? { ...ind, current: v.current } : ind;
  });
}

function checkIndicatorValues(
  indicators: readonly IndicatorState[],
  values: readonly { code: string; current: number }[],
): void {
  if (!Array.isArray(values)) invalid('indicators', 'must be a list of {code, current}');
  values.forEach((v, i) => {
    if (!indicators.some((ind) => ind.code === v?.code))
      invalid(`indicators[${i}].code`, `unknown indicator ${String(v?.code)}`);
    if (typeof v.current !== 'number' || !Number.isFinite(v.current))
      invalid(`indicators[${i}].current`, 'must be a number');
  });
}

// What the verifier must see: a claim resting on documents alone (纸上整改) and every indicator short of its target.
function claimFlags(evidence: readonly { kind: string }[], indicators: readonly IndicatorState[]): string[] {
  const flags: string[] = [];
  if (evidence.every((e) => e.kind === 'document')) flags.push('paper_only');
  for (const ind of indicators)
    if ((ind.current ?? ind.baseline ?? 0) < ind.target) flags.push(`below_target:${ind.code}`);
  return flags;
}

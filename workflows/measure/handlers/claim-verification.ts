// 申请销号 → 验收 → 销号: a claim with evidence pauses the ladder until a verifier decides; a
// material change after sign-off sends the measure back to verification.
import { addIsoDuration } from '../../../libs/domain/src/iso-duration';
import { claimFlags, claimProblem } from '../../../libs/domain/src/completion-claim';
import { setHandler } from '@temporalio/workflow';
import {
  ClaimCompletionInput,
  claimCompletionUpdate,
  MaterialChangeInput,
  materialChangeUpdate,
  VerifyInput,
  verifyUpdate,
} from '../measure.contract';
import { command, commit, draft, MeasureContext } from '../measure-context';
import { applyIndicatorValues, MeasureState } from '../measure-state';
import {
  checkIndicatorValues,
  checkOccurredAt,
  invalid,
  occurredAtOf,
  refuse,
  requireText,
} from '../measure-validators';

const DEFAULT_REVIEW_EVERY = 'P3M';
const MATERIAL_CHANGES = ['indicator_regression', 'regression_evidence', 'feedback_upheld'];

export const validateClaim =
  (ctx: MeasureContext) =>
  (st: MeasureState, c: ClaimCompletionInput): void => {
    if (Array.isArray(c.evidence)) checkIndicatorValues(st.indicators, c.indicators ?? []);
    checkOccurredAt(ctx.backdated, c.occurredAt);
    const problem = claimProblem(
      { evidence: c.evidence, explanation: c.explanation },
      {
        evidenceRules: ctx.input.evidenceRules ?? [],
        indicators: applyIndicatorValues(st.indicators, Array.isArray(c.indicators) ? c.indicators : []),
        openSubMeasures: st.children
          .filter((ch) => !['verified', 'closed', 'withdrawn'].includes(ch.status))
          .map((ch) => ch.measureCode),
        openMilestones: st.milestones.filter((m) => !m.reachedAt).map((m) => m.code),
        openReferralItems: st.referralItems.filter((i) => !i.outcome).map((i) => i.code),
      },
    );
    if (problem?.kind === 'invalid') invalid(problem.field, problem.message);
    if (problem) refuse(problem.message);
  };

export const validateVerify = (ctx: MeasureContext) => (st: MeasureState, c: VerifyInput) => {
  if (c.decision !== 'accept' && c.decision !== 'reject') invalid('decision', 'must be accept or reject');
  if (c.decision === 'reject') requireText('reasons', c.reasons);
  checkOccurredAt(ctx.backdated, c.occurredAt, st.claim?.claimedAt);
};

export const validateMaterialChange = (_: MeasureState, c: MaterialChangeInput) => {
  if (!MATERIAL_CHANGES.includes(c.kind)) invalid('kind', `must be ${MATERIAL_CHANGES.join(', ')}`);
  requireText('description', c.description);
};

export function registerClaimVerificationHandlers(ctx: MeasureContext): void {
  const claim = command(ctx, 'claimCompletion', validateClaim(ctx), async (c) => {
    const next = draft(ctx);
    next.indicators = applyIndicatorValues(next.indicators, c.indicators ?? []);
    const flags = claimFlags(c.evidence, next.indicators);
    next.claim = {
      actor: c.actor,
      claimedAt: occurredAtOf(c),
      evidence: [...c.evidence],
      indicators: next.indicators,
      explanation: c.explanation?.trim() || null,
      flags,
    };
    next.status = 'completion_claimed';
    await commit(ctx, next, {
      kind: 'completion_claimed',
      actor: c.actor,
      detail: {
        evidence: c.evidence,
        indicators: next.indicators,
        explanation: next.claim.explanation,
        flags,
      },
      notify: [
        { addresseeKind: 'verifier', addressee: next.leadUnitCode, subject: 'completion claim to verify' },
      ],
      occurredAt: c.occurredAt && next.claim.claimedAt,
    });
  });
  setHandler(claimCompletionUpdate, claim.handler, { validator: claim.validator });

  // Accept signs the measure off (销号) with a hash of exactly what was approved; reject sends it
  // back to work and the ladder resumes from where the deadline stands.
  const verify = command(ctx, 'verify', validateVerify(ctx), async (c) => {
    const claimed = ctx.st.claim;
    const next = draft(ctx);
    if (c.decision === 'accept' && claimed) {
      const approvedAt = occurredAtOf(c);
      next.status = 'verified';
      next.overdueLevel = 0;
      if (next.track === 'mechanism') {
        next.nextReviewAt = new Date(
          addIsoDuration(Date.parse(approvedAt), ctx.input.reviewEvery ?? DEFAULT_REVIEW_EVERY),
        ).toISOString();
      }
      const approved = {
        evidence: claimed.evidence,
        indicators: claimed.indicators,
        explanation: claimed.explanation,
        flags: claimed.flags,
      };
      // The hash comes from the record, so the sign-off joins the state with it.
      const { contentHash } = await commit(ctx, next, {
        kind: 'verified',
        actor: c.actor,
        detail: { approved, claimedBy: claimed.actor },
        notify: [
          { addresseeKind: 'unit', addressee: next.leadUnitCode, subject: 'measure signed off (销号)' },
        ],
        hashApproved: true,
        signedOffAt: approvedAt,
        occurredAt: c.occurredAt && approvedAt,
      });
      ctx.st.signOff = {
        verifier: c.actor,
        approvedAt,
        evidence: claimed.evidence,
        indicators: claimed.indicators,
        contentHash: contentHash ?? '',
      };
    } else {
      next.claim = null;
      next.status = 'in_progress';
      await commit(ctx, next, {
        kind: 'rejected',
        actor: c.actor,
        detail: { reasons: c.reasons?.trim() },
        notify: [
          { addresseeKind: 'unit', addressee: next.leadUnitCode, subject: 'completion claim rejected' },
        ],
        occurredAt: c.occurredAt && occurredAtOf(c),
      });
    }
  });
  setHandler(verifyUpdate, verify.handler, { validator: verify.validator });

  // An indicator falling back, evidence of regression or upheld feedback reopens verification,
  // with what was signed off kept on record.
  const change = command(ctx, 'reportMaterialChange', validateMaterialChange, async (c) => {
    const next = draft(ctx);
    next.claim = next.signOff
      ? {
          actor: c.actor,
          claimedAt: new Date().toISOString(),
          evidence: next.signOff.evidence,
          indicators: next.indicators,
          explanation: null,
          flags: [`material_change:${c.kind}`],
        }
      : next.claim;
    next.closedAt = null;
    next.status = 'completion_claimed';
    await commit(ctx, next, {
      kind: 'material_change',
      actor: c.actor,
      detail: { kind: c.kind, description: c.description.trim(), signOff: next.signOff },
      notify: [
        {
          addresseeKind: 'verifier',
          addressee: next.leadUnitCode,
          subject: 'signed-off measure to verify again',
        },
      ],
    });
  });
  setHandler(materialChangeUpdate, change.handler, { validator: change.validator });
}

// After sign-off: 回头看 (look-back) picked by the office and recorded by a verifier, 季分析
// (periodic review) of a lasting mechanism, and the office closing a signed-off measure.
import { setHandler } from '@temporalio/workflow';
import { addIsoDuration, isIsoDuration } from '../../../libs/domain/src/iso-duration';
import {
  CloseInput,
  closeUpdate,
  RecordLookBackInput,
  recordLookBackUpdate,
  RecordReviewInput,
  recordReviewUpdate,
  ScheduleLookBackInput,
  scheduleLookBackUpdate,
} from '../measure.contract';
import { command, commit, draft, MeasureContext } from '../measure-context';
import { MeasureState } from '../measure-state';
import { invalid, refuse, requireInstant, requireText } from '../measure-validators';
import { movedDeadline } from './deadline';

// Back to work with a new deadline: the claim is gone and the ladder runs again.
function reopened(next: MeasureState, dueAt: string): void {
  next.claim = null;
  movedDeadline(next, dueAt);
  next.status = 'in_progress';
}

export const validateScheduleLookBack = (_: MeasureState, c: ScheduleLookBackInput) => {
  if (typeof c.after !== 'string' || !isIsoDuration(c.after) || addIsoDuration(0, c.after) < 0)
    invalid('after', 'must be an ISO-8601 duration such as P90D');
};

export const validateRecordLookBack = (st: MeasureState, c: RecordLookBackInput) => {
  if (!st.lookBackDueAt) refuse('no look-back is scheduled for this measure');
  if (c.outcome !== 'passed' && c.outcome !== 'failed') invalid('outcome', 'must be passed or failed');
  requireText('findings', c.findings);
  if (c.outcome === 'failed') requireInstant('dueAt', c.dueAt);
};

export const validateRecordReview = (st: MeasureState, c: RecordReviewInput) => {
  if (st.track !== 'mechanism') refuse('only mechanism measures are reviewed periodically');
  if (c.outcome !== 'effective' && c.outcome !== 'ineffective')
    invalid('outcome', 'must be effective or ineffective');
  requireText('note', c.note);
  if (c.outcome === 'ineffective') requireInstant('dueAt', c.dueAt);
};

export const validateClose = (_: MeasureState, c: CloseInput) => requireText('reason', c.reason);

export function registerLookBackHandlers(ctx: MeasureContext): void {
  const schedule = command(ctx, 'scheduleLookBack', validateScheduleLookBack, async (c) => {
    const next = draft(ctx);
    next.lookBackDueAt = new Date(addIsoDuration(Date.now(), c.after)).toISOString();
    next.lookBackAnnounced = false;
    await commit(ctx, next, {
      kind: 'look_back_scheduled',
      actor: c.actor,
      detail: { dueAt: next.lookBackDueAt },
    });
  });
  setHandler(scheduleLookBackUpdate, schedule.handler, { validator: schedule.validator });

  // A passed look-back closes the measure; a failed one reopens it with a new deadline.
  const lookBack = command(ctx, 'recordLookBack', validateRecordLookBack, async (c) => {
    const next = draft(ctx);
    next.lookBackDueAt = null;
    next.lookBackAnnounced = false;
    if (c.outcome === 'passed') {
      next.closedAt = new Date().toISOString();
      next.status = 'closed';
      await commit(ctx, next, {
        kind: 'look_back_passed',
        actor: c.actor,
        detail: { findings: c.findings.trim() },
      });
      return;
    }
    next.signOff = null;
    reopened(next, c.dueAt as string);
    await commit(ctx, next, {
      kind: 'look_back_failed',
      actor: c.actor,
      detail: { findings: c.findings.trim(), dueAt: next.dueAt },
      notify: [
        {
          addresseeKind: 'unit',
          addressee: next.leadUnitCode,
          subject: 'look-back failed: measure reopened',
        },
      ],
      catchUp: true,
    });
  });
  setHandler(recordLookBackUpdate, lookBack.handler, { validator: lookBack.validator });

  // An ineffective mechanism is reopened with a new deadline.
  const review = command(ctx, 'recordReview', validateRecordReview, async (c) => {
    const next = draft(ctx);
    if (c.outcome === 'effective') {
      await commit(ctx, next, {
        kind: 'review_recorded',
        actor: c.actor,
        detail: { outcome: c.outcome, note: c.note.trim() },
      });
      return;
    }
    reopened(next, c.dueAt as string);
    await commit(ctx, next, {
      kind: 'review_recorded',
      actor: c.actor,
      detail: { outcome: c.outcome, note: c.note.trim(), dueAt: next.dueAt },
      catchUp: true,
    });
  });
  setHandler(recordReviewUpdate, review.handler, { validator: review.validator });

  const close = command(ctx, 'close', validateClose, async (c) => {
    const next = draft(ctx);
    next.closedAt = new Date().toISOString();
    next.status = 'closed';
    await commit(ctx, next, { kind: 'closed', actor: c.actor, detail: { reason: c.reason.trim() } });
  });
  setHandler(closeUpdate, close.handler, { validator: close.validator });
}

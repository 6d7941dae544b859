// 进展报告 and 逐条核实: what the responsible unit reports while it works.
import { setHandler } from '@temporalio/workflow';
import {
  RecordReferralOutcomeInput,
  recordReferralOutcomeUpdate,
  ReportProgressInput,
  reportProgressUpdate,
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

export const validateReportProgress = (ctx: MeasureContext) => (st: MeasureState, c: ReportProgressInput) => {
  requireText('note', c.note);
  checkOccurredAt(ctx.backdated, c.occurredAt);
  checkIndicatorValues(st.indicators, c.indicators ?? []);
  for (const [i, code] of (c.milestonesReached ?? []).entries()) {
    const m = st.milestones.find((x) => x.code === code);
    if (!m) invalid(`milestonesReached[${i}]`, `unknown milestone ${code}`);
    if (m.reachedAt) invalid(`milestonesReached[${i}]`, `milestone ${code} was already reached`);
  }
};

export const validateReferralOutcome = (st: MeasureState, c: RecordReferralOutcomeInput) => {
  const item = st.referralItems.find((i) => i.code === c.itemCode);
  if (!item) invalid('itemCode', `unknown referral item ${c.itemCode}`);
  if (item.outcome) refuse(`referral item ${c.itemCode} already has an outcome`);
  requireText('outcome', c.outcome);
};

export function registerProgressHandlers(ctx: MeasureContext): void {
  // Moves an assigned measure into progress; may update indicators and reach milestones (阶段目标).
  const report = command(ctx, 'reportProgress', validateReportProgress(ctx), async (c) => {
    const reached = c.milestonesReached ?? [];
    const now = occurredAtOf(c);
    const next = draft(ctx);
    next.milestones = next.milestones.map((m) => (reached.includes(m.code) ? { ...m, reachedAt: now } : m));
    next.indicators = applyIndicatorValues(next.indicators, c.indicators ?? []);
    next.progressReports++;
    if (next.status === 'assigned') next.status = 'in_progress';
    await commit(ctx, next, {
      kind: 'progress_reported',
      actor: c.actor,
      detail: { note: c.note.trim(), indicators: c.indicators ?? [], milestonesReached: reached },
      catchUp: reached.length > 0,
      occurredAt: c.occurredAt && now,
    });
  });
  setHandler(reportProgressUpdate, report.handler, { validator: report.validator });

  // 逐条核实: each item handed to the discipline body is followed until it has an outcome.
  const referral = command(ctx, 'recordReferralOutcome', validateReferralOutcome, async (c) => {
    const next = draft(ctx);
    next.referralItems = next.referralItems.map((i) =>
      i.code === c.itemCode ? { ...i, outcome: c.outcome.trim() } : i,
    );
    if (next.status === 'assigned') next.status = 'in_progress';
    await commit(ctx, next, {
      kind: 'referral_outcome',
      actor: c.actor,
      detail: { itemCode: c.itemCode, outcome: c.outcome.trim() },
    });
  });
  setHandler(recordReferralOutcomeUpdate, referral.handler, { validator: referral.validator });
}

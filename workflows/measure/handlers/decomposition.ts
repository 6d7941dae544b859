// Decomposition: sub-measures for units below, each followed by its own child workflow, which
// tells the parent of every status change.
import {
  ActivityFailure,
  ApplicationFailure,
  ParentClosePolicy,
  setHandler,
  startChild,
} from '@temporalio/workflow';
import { FIELD_LIMITS, MAX_SUB_MEASURES_PER_DECOMPOSITION } from '../../../libs/domain/src/field-limits';
import { measureWorkflowId } from '../../../libs/domain/src/measure-identity';
import {
  childStatusSignal,
  DecomposeInput,
  decomposeUpdate,
  MEASURE_WORKFLOW_TYPE,
  MeasureWorkflowInput,
  SUB_MEASURE_CODE_TAKEN,
} from '../measure.contract';
import {
  changed,
  command,
  commandActivities,
  commit,
  draft,
  MeasureContext,
  recordingFailed,
} from '../measure-context';
import { MeasureState } from '../measure-state';
import { invalid, requireInstant, requireText } from '../measure-validators';

const SUB_CODE = /^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff_-]{0,30}$/;

export const validateDecompose =
  (measureCode: string) =>
  (st: MeasureState, c: DecomposeInput): void => {
    if (!Array.isArray(c.subMeasures) || c.subMeasures.length === 0)
      invalid('subMeasures', 'name at least one sub-measure');
    if (c.subMeasures.length > MAX_SUB_MEASURES_PER_DECOMPOSITION)
      invalid('subMeasures', `name at most ${MAX_SUB_MEASURES_PER_DECOMPOSITION} sub-measures at once`);
    const codes = new Set<string>();
    c.subMeasures.forEach((s, i) => {
      const at = `subMeasures[${i}]`;
      if (typeof s.code !== 'string' || !SUB_CODE.test(s.code))
        invalid(`${at}.code`, 'must be 1–31 letters, digits, "_" or "-"');
      const full = `${measureCode}.${s.code}`;
      if (full.length > FIELD_LIMITS.measureCode)
        invalid(`${at}.code`, `the full code ${full} is longer than ${FIELD_LIMITS.measureCode} characters`);
      if (codes.has(s.code)) invalid(`${at}.code`, `duplicate sub-measure code ${s.code}`);
      if (st.children.some((ch) => ch.measureCode === full))
        invalid(`${at}.code`, `sub-measure ${s.code} exists`);
      codes.add(s.code);
      requireText(`${at}.title`, s.title);
      requireText(`${at}.leadUnitCode`, s.leadUnitCode, FIELD_LIMITS.unitCode);
      requireText(`${at}.leadLeader`, s.leadLeader, FIELD_LIMITS.leader);
      const due = requireInstant(`${at}.dueAt`, s.dueAt);
      if (due > Date.parse(st.dueAt))
        invalid(`${at}.dueAt`, `cannot fall after the measure's deadline ${st.dueAt}`);
    });
  };

export function registerDecompositionHandlers(ctx: MeasureContext): void {
  const { input, workflowId } = ctx;
  const decompose = command(ctx, 'decompose', validateDecompose(input.measureCode), async (c) => {
    const subs = c.subMeasures.map((s) => ({
      ...s,
      code: `${input.measureCode}.${s.code}`,
      dueAt: new Date(Date.parse(s.dueAt)).toISOString(),
    }));
    // Read-model rows first; refused if a code is taken in the plan (an imported dotted code).
    try {
      await commandActivities.registerSubMeasures({
        parentWorkflowId: workflowId,
        planCode: input.planCode,
        subMeasures: subs,
      });
    } catch (err) {
      const cause = err instanceof ActivityFailure ? err.cause : undefined;
      if (cause instanceof ApplicationFailure && cause.type === SUB_MEASURE_CODE_TAKEN) {
        const i = subs.findIndex((s) => cause.message.includes(s.code));
        invalid(`subMeasures[${Math.max(i, 0)}].code`, cause.message);
      }
      throw ctx.v2 ? recordingFailed(err) : err;
    }
    // The rows exist from here on, so the children are part of the state even if a start fails.
    for (const s of subs) {
      const childId = measureWorkflowId(input.planCode, s.code);
      ctx.st.children = [
        ...ctx.st.children,
        { measureCode: s.code, workflowId: childId, leadUnitCode: s.leadUnitCode, status: 'assigned' },
      ];
      await startChild(MEASURE_WORKFLOW_TYPE, {
        workflowId: childId,
        args: [
          {
            planCode: input.planCode,
            measureCode: s.code,
            title: s.title,
            track: ctx.st.track,
            leadUnitCode: s.leadUnitCode,
            leadLeader: s.leadLeader,
            dueAt: s.dueAt,
            policy: ctx.st.policy,
            ...(ctx.st.calendar ? { calendar: ctx.st.calendar } : {}),
            // The parent's rules unless the decomposition names the sub-measure's own.
            evidenceRules: s.evidenceRules ?? input.evidenceRules ?? [],
            indicators: s.indicators ?? ctx.st.indicators.map(({ current: _, ...ind }) => ind),
            ...((s.reviewEvery ?? input.reviewEvery)
              ? { reviewEvery: s.reviewEvery ?? input.reviewEvery }
              : {}),
            parentWorkflowId: workflowId,
            historyLimit: input.historyLimit,
            searchAttributes: input.searchAttributes,
          } satisfies MeasureWorkflowInput,
        ],
        // A sub-measure lives on its own: the parent may continue-as-new or close first.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        // A workflow id is a measure: never a second run for the same code.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    }
    const next = draft(ctx);
    if (next.status === 'assigned') next.status = 'in_progress';
    await commit(ctx, next, { kind: 'decomposed', actor: c.actor, detail: { subMeasures: subs } });
  });
  setHandler(decomposeUpdate, decompose.handler, { validator: decompose.validator });

  setHandler(childStatusSignal, (child) => {
    ctx.st.children = ctx.st.children.map((ch) =>
      ch.workflowId === child.workflowId ? { ...ch, status: child.status } : ch,
    );
    changed(ctx);
  });
}

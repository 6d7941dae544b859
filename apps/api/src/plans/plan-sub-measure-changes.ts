// What a re-import does to the sub-measures a plan writes down (各市州 …), beside what it does to
// measures: removed ones are withdrawn (调出) like measures, moved deadlines and new leads reach
// their workflows, and new ones under a running measure are handed down by decomposing it, the
// way an office decomposes a measure by hand. New ones under a new measure start with it.
import { DomainError, type ErrorDetail } from '../../../../libs/domain/src/domain-error';
import { isOpen } from '../../../../libs/domain/src/measure-status';
import type { PlanDefinition } from '../../../../libs/domain/src/plan-definition';
import type { PlanDiff } from '../../../../libs/domain/src/plan-diff';
import { planSubMeasures } from '../../../../libs/domain/src/plan-sub-measures';
import { subMeasuresByCode } from '../../../../libs/domain/src/sub-measure-diff';
import type { MeasureEntity } from '../../../../libs/persistence/src/entities/measure.entity';
import type { MeasureWorkflowGateway } from '../../../../libs/temporal/src/measure-workflow.gateway';

// The codes of the sub-measures a plan writes down: the import starts these (and only these: a
// decomposition's sub-measures are started by their parent).
export function plannedSubMeasureCodes(plan: PlanDefinition): Set<string> {
  return new Set([...planSubMeasures(plan).values()].flatMap((subs) => subs.map((s) => s.code)));
}

// Refusals before anything is touched, as for measures.
export function refuseSubMeasureChanges(
  diff: PlanDiff,
  rows: readonly MeasureEntity[],
  withdrawRemoved: boolean,
): void {
  const byCode = new Map(rows.map((m) => [m.code, m]));
  const detail = (code: string, message: string): ErrorDetail => ({ path: `subMeasures.${code}`, message });
  const refuse = (message: string, details: ErrorDetail[]) => {
    if (details.length) throw new DomainError('PLAN_CONFLICT', message, details);
  };
  const parentOf = (code: string) => byCode.get(code.slice(0, code.lastIndexOf('.')));
  const added = diff.subMeasures.added;
  refuse(
    `sub-measure(s) ${added.filter((c) => byCode.get(c)?.status === 'withdrawn').join(', ')} left the plan earlier and cannot come back under the same code; give them new codes`,
    added
      .filter((c) => byCode.get(c)?.status === 'withdrawn')
      .map((c) => detail(c, 'was withdrawn from this plan')),
  );
  // A decomposition is taken while a measure is assigned or in progress (not under a claim).
  const closedParents = added.filter((c) => {
    const p = parentOf(c);
    return !byCode.has(c) && p !== undefined && p.status !== 'assigned' && p.status !== 'in_progress';
  });
  refuse(
    `measure(s) ${[...new Set(closedParents.map((c) => parentOf(c)?.code))].join(', ')} are neither assigned nor in progress and take no new sub-measures: ${closedParents.join(', ')}`,
    closedParents.map((c) => detail(c, `its measure is ${parentOf(c)?.status}`)),
  );
  const removed = diff.subMeasures.removed.map((c) => byCode.get(c)).filter((m) => m !== undefined);
  const done = removed.filter((m) => m.status === 'verified' || m.status === 'closed');
  refuse(
    `sub-measure(s) ${done.map((m) => m.code).join(', ')} are signed off (销号) and stay in the plan; keep them in the document`,
    done.map((m) => detail(m.code, `is ${m.status}`)),
  );
  const open = removed.filter((m) => isOpen(m.status));
  if (!withdrawRemoved)
    refuse(
      `the new document leaves out ${open.length} sub-measure(s) still being followed: ${open.map((m) => m.code).join(', ')}; ` +
        'import with withdrawRemoved=true (CLI: --withdraw-removed) to withdraw them (调出), or keep them in the document',
      open.map((m) => detail(m.code, `is ${m.status} and missing from the new document`)),
    );
}

// The commands, each named by the change and the code so that a repeat is applied once.
export async function tellSubMeasures(
  workflows: MeasureWorkflowGateway,
  diff: PlanDiff,
  rows: readonly MeasureEntity[],
  plan: PlanDefinition,
  actor: string,
  changeKey: string,
): Promise<{ deadlinesChanged: number; reassigned: number; withdrawn: number }> {
  const byCode = new Map(rows.map((m) => [m.code, m]));
  const open = (code: string) => {
    const m = byCode.get(code);
    return m && isOpen(m.status) ? m : undefined;
  };
  const next = subMeasuresByCode(plan);
  const reason = `plan ${plan.plan.code} re-imported`;
  let deadlinesChanged = 0;
  let reassigned = 0;
  let withdrawn = 0;
  for (const ch of diff.subMeasures.changed) {
    const m = open(ch.code);
    const s = next.get(ch.code);
    if (!m || !s) continue;
    const fields = new Set(ch.changes.map((f) => f.field));
    if (fields.has('dueAt')) {
      const before = ch.changes.find((f) => f.field === 'due')?.before ?? m.dueText;
      await workflows.changeDeadline(
        m.workflowId,
        { dueAt: s.dueAt, reason: `${reason}: deadline ${String(before)} → ${s.due}`, actor },
        `${changeKey}:${ch.code}`,
      );
      deadlinesChanged++;
    }
    if (fields.has('leadUnit') || fields.has('leadLeader')) {
      await workflows.reassign(
        m.workflowId,
        {
          actor,
          reason,
          ...(fields.has('leadUnit') ? { leadUnitCode: s.leadUnit } : {}),
          ...(fields.has('leadLeader') ? { leadLeader: s.leadLeader } : {}),
        },
        `${changeKey}:${ch.code}`,
      );
      reassigned++;
    }
  }
  for (const code of diff.subMeasures.removed) {
    const m = open(code);
    if (!m) continue;
    await workflows.withdraw(
      m.workflowId,
      { actor, reason: `${reason}: the sub-measure is no longer in the plan (调出)` },
      `${changeKey}:${code}`,
    );
    withdrawn++;
  }
  // New sub-measures of running measures, one decomposition per measure; a code the measure
  // already has (decomposed by hand before the plan wrote it down) is kept as it is.
  const handDown = new Map<
    string,
    { parent: MeasureEntity; subs: NonNullable<ReturnType<typeof next.get>>[] }
  >();
  for (const code of diff.subMeasures.added) {
    const s = next.get(code);
    const parent = s && open(s.parentCode);
    if (!s || !parent || byCode.has(code)) continue;
    handDown.set(parent.code, { parent, subs: [...(handDown.get(parent.code)?.subs ?? []), s] });
  }
  for (const { parent, subs } of handDown.values())
    await workflows.decompose(
      parent.workflowId,
      {
        actor,
        subMeasures: subs.map((s) => ({
          code: s.code.slice(parent.code.length + 1),
          title: s.title,
          leadUnitCode: s.leadUnit,
          leadLeader: s.leadLeader,
          dueAt: s.dueAt,
          indicators: [],
        })),
      },
      `${changeKey}:${parent.code}:sub-measures`,
    );
  return { deadlinesChanged, reassigned, withdrawn };
}

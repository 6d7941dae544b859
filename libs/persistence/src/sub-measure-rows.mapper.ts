// The rows of the sub-measures a plan writes down (plan-sub-measures.ts), imported in the same
// transaction as their parent and shaped as a decomposition registers its sub-measures.
import { measureWorkflowId } from '../../domain/src/measure-identity';
import { DEFAULT_LIGHT_RULE, lightOnAssignment } from '../../domain/src/measure-light';
import type { DeadlineContext } from '../../domain/src/chinese-deadline';
import { planDeadlineContext, readPlanDeadline } from '../../domain/src/plan-deadline';
import { type PlanDefinition } from '../../domain/src/plan-definition';
import { planSubMeasures, type PlannedSubMeasure } from '../../domain/src/plan-sub-measures';
import { MeasureUnitEntity } from './entities/measure-unit.entity';
import { MeasureEntity } from './entities/measure.entity';
import { stableId } from './stable-id';

// For planRows: appends the rows of a measure's sub-measures, if it has any, right after it.
export function planSubMeasureRows(def: PlanDefinition, importedAt: Date) {
  const planned = planSubMeasures(def);
  const ctx = {
    planCode: def.plan.code,
    zone: def.plan.timeZone,
    deadlines: planDeadlineContext(def),
    importedAt,
  };
  return (
    parent: MeasureEntity,
    nextPosition: () => number,
    measures: MeasureEntity[],
    measureUnits: MeasureUnitEntity[],
  ): void => {
    const subs = planned.get(parent.code);
    if (!subs) return;
    const rows = subMeasureRows(parent, subs, ctx, nextPosition);
    measures.push(...rows.measures);
    measureUnits.push(...rows.measureUnits);
  };
}

export interface SubMeasureRowContext {
  readonly planCode: string;
  readonly zone: string;
  // How the plan's deadlines read (base year, feedback day, 立行立改 days).
  readonly deadlines: DeadlineContext;
  readonly importedAt: Date;
}

// Each sub-measure follows its parent's rules and track; indicators and milestones stay with the
// parent. Positions follow the parent's.
export function subMeasureRows(
  parent: MeasureEntity,
  subs: readonly PlannedSubMeasure[],
  ctx: SubMeasureRowContext,
  nextPosition: () => number,
): { measures: MeasureEntity[]; measureUnits: MeasureUnitEntity[] } {
  const measures = subs.map((s) => {
    const due = readPlanDeadline(s.due, ctx.zone, { ...ctx.deadlines, track: parent.track });
    // The document was validated before mapping, so every deadline reads.
    if (!due.ok) throw new Error(`unreadable deadline survived validation: ${s.due}`);
    return Object.assign(new MeasureEntity(), {
      ...parent,
      id: stableId('measure', ctx.planCode, s.code),
      parentMeasureId: parent.id,
      code: s.code,
      title: s.title,
      leadLeader: s.leadLeader,
      leadUnitCode: s.leadUnit,
      coUnitCodes: [],
      dueAt: due.dueAt,
      dueText: s.due,
      method: null,
      requirements: null,
      indicators: [],
      milestones: [],
      referralItems: [],
      light: lightOnAssignment(
        parent.escalationPolicy.lights ?? DEFAULT_LIGHT_RULE,
        due.dueAt.getTime(),
        ctx.importedAt.getTime(),
      ),
      workflowId: measureWorkflowId(ctx.planCode, s.code),
      position: nextPosition(),
    });
  });
  const measureUnits = measures.map((m) =>
    Object.assign(new MeasureUnitEntity(), {
      measureId: m.id,
      unitCode: m.leadUnitCode,
      planId: m.planId,
      role: 'lead' as const,
    }),
  );
  return { measures, measureUnits };
}

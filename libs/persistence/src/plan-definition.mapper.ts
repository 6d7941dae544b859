// The plan as the read model holds it, back as a plan document: for plans imported before the
// applied definition was kept (plans.definition is null), so a re-import can still be diffed.
import type { EscalationPolicy } from '../../domain/src/escalation-ladder';
import type { PlanDefinition } from '../../domain/src/plan-definition';
import type { InspectionEntity } from './entities/inspection.entity';
import type { MeasureEntity } from './entities/measure.entity';
import type { PlanEntity } from './entities/plan.entity';
import type { ProblemGroupEntity } from './entities/problem-group.entity';
import type { ProblemEntity } from './entities/problem.entity';
import type { UnitEntity } from './entities/unit.entity';

// A plan's rows, categories before their aspects (what PlanRepository.tree reads).
export interface PlanTreeRows {
  // The definition is what this rebuilds: the plan's row without it is enough.
  readonly plan: Omit<PlanEntity, 'definition'>;
  readonly inspection: InspectionEntity;
  readonly units: readonly UnitEntity[];
  readonly groups: readonly ProblemGroupEntity[];
  readonly problems: readonly ProblemEntity[];
  readonly measures: readonly MeasureEntity[];
}

export function planDefinitionFromRows(t: PlanTreeRows): PlanDefinition {
  const live = t.measures.filter((m) => m.status !== 'withdrawn' && m.parentMeasureId === null);
  const problems = t.problems.filter((p) => live.some((m) => m.problemId === p.id));
  const aspects = t.groups.filter((g) => g.kind === 'aspect' && problems.some((p) => p.aspectId === g.id));
  const categories = t.groups.filter(
    (g) => g.kind === 'category' && aspects.some((a) => a.parentId === g.id),
  );
  return {
    formatVersion: 1,
    inspection: {
      code: t.inspection.code,
      name: t.inspection.name,
      inspectingBody: t.inspection.inspectingBody,
      inspectedOrganisation: t.inspection.inspectedOrganisation,
      onSiteFrom: t.inspection.onSiteFrom,
      onSiteTo: t.inspection.onSiteTo,
      feedbackDate: t.inspection.feedbackDate,
    },
    plan: {
      code: t.plan.code,
      title: t.plan.title,
      timeZone: t.plan.timeZone,
      ...(t.plan.reportingCadence ? { reportingCadence: t.plan.reportingCadence } : {}),
      escalationPolicy: policy(t.plan.escalationPolicy),
      ...(t.plan.calendarCode ? { calendar: t.plan.calendarCode } : {}),
      ...(t.plan.levelLabels ? { levelLabels: t.plan.levelLabels } : {}),
    },
    ...(t.plan.sources ? { sources: t.plan.sources } : {}),
    units: t.units.map((u) => ({
      code: u.code,
      name: u.name,
      level: u.level as PlanDefinition['units'][number]['level'],
      ...(u.parentCode ? { parent: u.parentCode } : {}),
    })),
    categories: categories.map((c) => ({
      code: c.code,
      title: c.title,
      ...(c.leadUnitCode ? { leadUnit: c.leadUnitCode } : {}),
      aspects: aspects
        .filter((a) => a.parentId === c.id)
        .map((a) => ({
          code: a.code,
          title: a.title,
          // The internal shape: a category's own problems stay under its implicit aspect.
          ...(a.implicit ? { implicit: true as const } : {}),
          ...(a.leadUnitCode ? { leadUnit: a.leadUnitCode } : {}),
          problems: problems
            .filter((p) => p.aspectId === a.id)
            .map((p) => ({
              code: p.code,
              title: p.title,
              track: p.track,
              ...(p.rootCause ? { rootCause: p.rootCause } : {}),
              ...(p.sourceCodes ? { sources: p.sourceCodes } : {}),
              ...(p.carriesOver ? { carriesOver: p.carriesOver } : {}),
              measures: live
                .filter((m) => m.problemId === p.id)
                .map((m) => ({
                  code: m.code,
                  title: m.title,
                  leadLeader: m.leadLeader,
                  leadUnit: m.leadUnitCode,
                  coUnits: m.coUnitCodes,
                  due: m.dueText,
                  ...(m.method ? { method: m.method } : {}),
                  ...(m.requirements ? { requirements: m.requirements } : {}),
                  ...(m.evidenceRules?.length ? { evidenceRules: m.evidenceRules } : {}),
                  indicators: m.indicators,
                  milestones: m.milestones,
                  referralItems: m.referralItems ?? [],
                  ...(JSON.stringify(m.escalationPolicy) === JSON.stringify(t.plan.escalationPolicy)
                    ? {}
                    : { escalationPolicy: policy(m.escalationPolicy) }),
                })),
            })),
        })),
    })),
  };
}

function policy(p: EscalationPolicy): NonNullable<PlanDefinition['plan']['escalationPolicy']> {
  return { version: p.version, steps: p.steps.map((s) => ({ kind: s.kind, offset: s.offset })) };
}

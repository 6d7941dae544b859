// Turns a validated plan document into the rows of the read model.
import { DEFAULT_ESCALATION_POLICY } from '../../domain/src/escalation-ladder';
import { readDeadline } from '../../domain/src/deadline';
import { measureWorkflowId } from '../../domain/src/measure-identity';
import { DEFAULT_LIGHT_RULE, lightOnAssignment } from '../../domain/src/measure-light';
import { measureDeadlineFlags, withDatedDeadlines } from '../../domain/src/plan-deadline-readings';
import type { PlanDefinition } from '../../domain/src/plan-definition';
import { measureCoUnits, measureLeadUnit, planUnitGroups } from '../../domain/src/plan-sub-measures';
import { InspectionEntity } from './entities/inspection.entity';
import { MeasureUnitEntity } from './entities/measure-unit.entity';
import { MeasureEntity } from './entities/measure.entity';
import { PlanEntity } from './entities/plan.entity';
import { ProblemGroupEntity } from './entities/problem-group.entity';
import { ProblemEntity } from './entities/problem.entity';
import { UnitEntity } from './entities/unit.entity';
import {
  followedHere,
  groupShapeColumns,
  planSourceColumns,
  problemSourceColumns,
} from './plan-sources.mapper';
import { planSubMeasureRows } from './sub-measure-rows.mapper';
import { canonicalJson, sha256, stableId } from './stable-id';

export interface PlanRows {
  inspection: InspectionEntity;
  plan: PlanEntity;
  units: UnitEntity[];
  groups: ProblemGroupEntity[];
  problems: ProblemEntity[];
  measures: MeasureEntity[];
  measureUnits: MeasureUnitEntity[];
}

export function planRows(def: PlanDefinition, importedAt: Date): PlanRows {
  const planCode = def.plan.code;
  const planId = stableId('plan', planCode);
  const zone = def.plan.timeZone;
  const planPolicy = def.plan.escalationPolicy ?? DEFAULT_ESCALATION_POLICY;
  const inspection = Object.assign(new InspectionEntity(), {
    id: stableId('inspection', def.inspection.code),
    ...def.inspection,
  });
  const plan = Object.assign(new PlanEntity(), {
    id: planId,
    code: planCode,
    inspectionId: inspection.id,
    title: def.plan.title,
    timeZone: zone,
    escalationPolicy: planPolicy,
    contentHash: sha256(canonicalJson(def)),
    importedAt,
    definition: def,
    reportingCadence: def.plan.reportingCadence ?? null,
    calendarCode: def.plan.calendar ?? null,
    ...planSourceColumns(def),
  });
  // Rows hold dates, whatever form the plan wrote them in; `dueText` keeps what it wrote.
  const written = new Map(
    def.categories
      .flatMap((c) => c.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures)))
      .map((m) => [m.code, m.due]),
  );
  const units = def.units.map((u) =>
    Object.assign(new UnitEntity(), {
      id: stableId('unit', planCode, u.code),
      planId,
      code: u.code,
      name: u.name,
      level: u.level,
      parentCode: u.parent ?? null,
    }),
  );
  const groups: ProblemGroupEntity[] = [];
  const problems: ProblemEntity[] = [];
  const measures: MeasureEntity[] = [];
  const measureUnits: MeasureUnitEntity[] = [];
  let measurePosition = 0;
  // A measure given to a group (各市州) is led by the group's lead; its members get sub-measures.
  const unitGroups = planUnitGroups(def);
  const subMeasures = planSubMeasureRows(def, importedAt);
  let problemPosition = 0;
  const flags = measureDeadlineFlags(def);
  withDatedDeadlines(def).categories.forEach((c, ci) => {
    const category = group(planId, 'category', c.code, c.title, ci, null, groupShapeColumns(c));
    groups.push(category);
    c.aspects.forEach((a, ai) => {
      const aspect = group(planId, 'aspect', a.code, a.title, ai, category.id, groupShapeColumns(a));
      groups.push(aspect);
      a.problems.forEach((p) => {
        const problemId = stableId('problem', planCode, p.code);
        problems.push(
          Object.assign(new ProblemEntity(), {
            id: problemId,
            planId,
            aspectId: aspect.id,
            code: p.code,
            title: p.title,
            track: p.track,
            rootCause: p.rootCause ?? null,
            position: problemPosition++,
            ...problemSourceColumns(p),
          }),
        );
        p.measures.filter(followedHere).forEach((m) => {
          const due = readDeadline(m.due, zone);
          // The document was validated before mapping, so every deadline reads.
          if (!due.ok) throw new Error(`unreadable deadline survived validation: ${m.due}`);
          const id = stableId('measure', planCode, m.code);
          const policy = m.escalationPolicy ?? planPolicy;
          measures.push(
            Object.assign(new MeasureEntity(), {
              id,
              planId,
              problemId,
              parentMeasureId: null,
              track: p.track,
              code: m.code,
              title: m.title,
              leadLeader: m.leadLeader,
              leadUnitCode: measureLeadUnit(unitGroups, m),
              coUnitCodes: measureCoUnits(unitGroups, m),
              dueAt: due.dueAt,
              dueText: written.get(m.code) ?? m.due,
              dueAssumed: flags.get(m.code)?.dueAssumed ?? false,
              reviewsOnly: flags.get(m.code)?.reviewsOnly ?? false,
              method: m.method ?? null,
              requirements: m.requirements ?? null,
              evidenceRules: m.evidenceRules ?? null,
              indicators: m.indicators,
              milestones: m.milestones,
              referralItems: m.referralItems,
              escalationPolicy: policy,
              status: 'assigned' as const,
              overdueLevel: 0,
              light: lightOnAssignment(
                policy.lights ?? DEFAULT_LIGHT_RULE,
                due.dueAt.getTime(),
                importedAt.getTime(),
              ),
              workflowId: measureWorkflowId(planCode, m.code),
              signedOffAt: null,
              position: measurePosition++,
            }),
          );
          measureUnits.push(
            Object.assign(new MeasureUnitEntity(), {
              measureId: id,
              unitCode: measureLeadUnit(unitGroups, m),
              planId,
              role: 'lead' as const,
            }),
            ...measureCoUnits(unitGroups, m).map((u) =>
              Object.assign(new MeasureUnitEntity(), {
                measureId: id,
                unitCode: u,
                planId,
                role: 'co' as const,
              }),
            ),
          );
          subMeasures(measures[measures.length - 1], () => measurePosition++, measures, measureUnits);
        });
      });
    });
  });
  return { inspection, plan, units, groups, problems, measures, measureUnits };
}

function group(
  planId: string,
  kind: 'category' | 'aspect',
  code: string,
  title: string,
  position: number,
  parentId: string | null,
  shape: Pick<ProblemGroupEntity, 'implicit' | 'leadUnitCode'>,
): ProblemGroupEntity {
  return Object.assign(new ProblemGroupEntity(), {
    id: stableId(kind, planId, code),
    planId,
    kind,
    parentId,
    code,
    title,
    position,
    ...shape,
  });
}

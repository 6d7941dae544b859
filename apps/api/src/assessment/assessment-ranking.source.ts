import { Inject, Injectable } from '@nestjs/common';
import type { AssessmentPeriod } from '../../../../libs/domain/src/assessment-period';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import {
  type AssessmentRule,
  DEFAULT_ASSESSMENT_RULE,
  rankUnits,
  type UnitAssessment,
  type UnitPeriodFacts,
} from '../../../../libs/domain/src/unit-assessment';
import { type ReportOwed, unitPeriodFacts } from '../../../../libs/domain/src/unit-assessment-facts';
import type { AssessmentRuleEntity } from '../../../../libs/persistence/src/entities/unit-assessment.entity';
import type { MeasureEntity } from '../../../../libs/persistence/src/entities/measure.entity';
import type { UnitEntity } from '../../../../libs/persistence/src/entities/unit.entity';
import { PlanRepository, type PlanRow } from '../../../../libs/persistence/src/repositories/plan.repository';
import { UnitAssessmentRepository } from '../../../../libs/persistence/src/repositories/unit-assessment.repository';
import { nextSlice, sliceIsUp } from '../../../../libs/runtime/src/event-loop-slices';

// The rule a plan's assessment uses: the office's (source `plan`, version 1, 2…) or the documented
// default (source `default`, version 0), said in every answer that scores.
export interface AssessmentRuleInUse extends AssessmentRule {
  readonly source: 'default' | 'plan';
  readonly version: number;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

export function ruleInUse(row: AssessmentRuleEntity | null): AssessmentRuleInUse {
  if (!row)
    return { ...DEFAULT_ASSESSMENT_RULE, source: 'default', version: 0, updatedAt: null, updatedBy: null };
  return {
    ...row.rule,
    source: 'plan',
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}

export interface UnitRanking extends UnitAssessment {
  readonly unitName: string;
  readonly leaders: readonly string[];
  readonly facts: Omit<UnitPeriodFacts, 'unit'>;
}

// What a ranking reads of a plan: its units' names and its measures (sub-measures and withdrawn
// ones too) in the plan's order, which orders each unit's leaders. The assessment reads them as
// PlanRepository.assessedView; the bulletin takes the measures its report already read.
export interface RankedPlan {
  readonly plan: PlanRow;
  readonly units: readonly Pick<UnitEntity, 'code' | 'name'>[];
  readonly measures: readonly Pick<
    MeasureEntity,
    'id' | 'leadUnitCode' | 'leadLeader' | 'dueAt' | 'status' | 'signedOffAt'
  >[];
}

// One plan's ranking of a period, every lead unit, for the assessment API, its publication and the
// bulletin alike: the facts read from the read model as of `now` (or the period's end), scored by
// the plan's rule, with each unit's change since the previous period under the same rule.
@Injectable()
export class AssessmentRankingSource {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(UnitAssessmentRepository) private readonly assessment: UnitAssessmentRepository,
  ) {}

  // The plan's row by id or code (without its definition, which no assessment reads), or NOT_FOUND.
  async plan(idOrCode: string): Promise<PlanRow> {
    const plan = await this.plans.findRowByIdOrCode(idOrCode);
    if (!plan) throw new DomainError('NOT_FOUND', `no plan ${idOrCode}`);
    return plan;
  }

  async rule(planId: string): Promise<AssessmentRuleInUse> {
    return ruleInUse(await this.assessment.rule(planId));
  }

  async rank(
    whole: RankedPlan,
    period: AssessmentPeriod,
    previous: AssessmentPeriod,
    now: number,
    rule: AssessmentRule,
  ): Promise<UnitRanking[]> {
    const plan = whole.plan;
    const measures = whole.measures.filter((m) => m.status !== 'withdrawn');
    // The two periods' events, and a summary of the plan's history before them.
    const [history, closes, previousCloses] = await Promise.all([
      this.assessment.assessedHistory(
        plan.id,
        new Date(Math.min(previous.startMs, period.startMs)),
        new Date(Math.min(period.endMs, now)),
        new Date(Math.max(previous.endMs, period.endMs)),
      ),
      this.assessment.periodCloses(plan.id, new Date(period.startMs), new Date(period.endMs)),
      this.assessment.periodCloses(plan.id, new Date(previous.startMs), new Date(previous.endMs)),
    ]);
    const owed = (rollUps: typeof closes) => rollUps.map((c) => (c.detail.units ?? []) as ReportOwed[]);
    const facts = (p: AssessmentPeriod, rollUps: typeof closes) =>
      unitPeriodFacts(p, now, measures, history, owed(rollUps));
    const current = facts(period, closes);
    // Each period's facts pass over every measure: at 50,000 a turn of the API's thread between.
    if (sliceIsUp()) await nextSlice();
    // No previous ranking for a period that ended before the plan was imported.
    const before =
      previous.endMs > plan.importedAt.getTime()
        ? new Map(rankUnits(facts(previous, previousCloses), rule).map((r) => [r.unit, r.rank]))
        : new Map<string, number>();
    const unitName = new Map(whole.units.map((u) => [u.code, u.name]));
    const factsOf = new Map(current.map(({ unit, ...f }) => [unit, f]));
    // Each unit's leaders in the plan's order, in one pass (one per unit was units × measures).
    const leadersOf = new Map<string, Set<string>>();
    for (const m of measures) {
      const leaders = leadersOf.get(m.leadUnitCode);
      if (leaders) leaders.add(m.leadLeader);
      else leadersOf.set(m.leadUnitCode, new Set([m.leadLeader]));
    }
    return rankUnits(current, rule, before).map((r) => ({
      ...r,
      unitName: unitName.get(r.unit) ?? r.unit,
      leaders: [...(leadersOf.get(r.unit) ?? [])],
      facts: factsOf.get(r.unit)!,
    }));
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { assessmentPeriod, AssessmentPeriod } from '../../../../libs/domain/src/assessment-period';
import {
  measureScope,
  Principal,
  visibleMeasures,
  visibleUnitRows,
} from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { ESCALATION_LEVEL, ESCALATION_STEP_KINDS } from '../../../../libs/domain/src/escalation-ladder';
import {
  DEFAULT_ASSESSMENT_RULE,
  rankUnits,
  UnitPeriodFacts,
} from '../../../../libs/domain/src/unit-assessment';
import type { MeasureEntity } from '../../../../libs/persistence/src/entities/measure.entity';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import {
  AssessmentEvent,
  UnitAssessmentRepository,
} from '../../../../libs/persistence/src/repositories/unit-assessment.repository';
import { groupBy } from '../../../../libs/reporting/src/plan-report';
import { validationFailed } from '../common/parse-input';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;
const LADDER: readonly string[] = ESCALATION_STEP_KINDS;
const DONE = ['completion_claimed', 'verified'];
// 签收 events of the acknowledgement part: counted when recorded; a plan without 签收 has none.
const ACKNOWLEDGEMENT = ['assignment_delivered', 'assignment_acknowledged'];
const KINDS = [...LADDER, ...DONE, 'rejected', 'look_back_failed', ...ACKNOWLEDGEMENT];

export interface AssessmentQuery {
  readonly period?: string;
  readonly from?: string;
  readonly to?: string;
}

// Unit assessment and ranking (考评, GET /plans/:id/assessment): per lead unit of the plan, the facts
// of the period read from the read model, scored and ranked by the default rule
// (docs/assessment.md), with the change since the previous period. The ranking is plan-wide (a
// unit's rank is among all lead units); a principal sees the rows of the units it may read, as on
// the scorecard, and a plan with none of its measures is no plan to it.
@Injectable()
export class GetUnitAssessmentUseCase {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(UnitAssessmentRepository) private readonly assessment: UnitAssessmentRepository,
  ) {}

  async execute(idOrCode: string, query: AssessmentQuery, principal: Principal) {
    const plan = UUID.test(idOrCode)
      ? await this.plans.findById(idOrCode)
      : await this.plans.findByCode(idOrCode);
    if (!plan) throw new DomainError('NOT_FOUND', `no plan ${idOrCode}`);
    const choice = assessmentPeriod(query, plan.timeZone);
    if (!choice.ok)
      throw validationFailed('query', [{ path: `query.${choice.path}`, message: choice.message }]);
    const { period, previous } = choice;
    const now = Date.now();

    const whole = await this.plans.tree(plan);
    const unitTree = whole.units.map((u) => ({ code: u.code, parent: u.parentCode }));
    if (
      measureScope(principal).kind !== 'all' &&
      visibleMeasures(principal, whole.measures, unitTree).length === 0
    )
      throw new DomainError('NOT_FOUND', `no plan ${idOrCode}`);
    const measures = whole.measures.filter((m) => m.status !== 'withdrawn');
    const [events, closes, previousCloses] = await Promise.all([
      this.assessment.measureEvents(plan.id, KINDS, new Date(Math.min(period.endMs, now))),
      this.assessment.periodCloses(plan.id, new Date(period.startMs), new Date(period.endMs)),
      this.assessment.periodCloses(plan.id, new Date(previous.startMs), new Date(previous.endMs)),
    ]);
    const byMeasure = groupBy(events, (e) => e.measureId);
    const facts = (p: AssessmentPeriod, reports: typeof closes) =>
      unitFacts(p, now, measures, byMeasure, reports);

    const ranked = rankUnits(facts(period, closes), DEFAULT_ASSESSMENT_RULE);
    // No previous ranking for a period that ended before the plan was imported.
    const before =
      previous.endMs > plan.importedAt.getTime()
        ? new Map(
            rankUnits(facts(previous, previousCloses), DEFAULT_ASSESSMENT_RULE).map((r) => [r.unit, r.rank]),
          )
        : new Map<string, number>();
    const rows = visibleUnitRows(
      principal,
      ranked.map((r) => ({
        ...r,
        code: r.unit,
        leaders: [...new Set(measures.filter((m) => m.leadUnitCode === r.unit).map((m) => m.leadLeader))],
      })),
      unitTree,
    );
    const unitName = new Map(whole.units.map((u) => [u.code, u.name]));
    const factsOf = new Map(facts(period, closes).map((f) => [f.unit, f]));
    return {
      planId: plan.id,
      planCode: plan.code,
      timeZone: plan.timeZone,
      period: { key: period.key, from: iso(period.startMs), to: iso(period.endMs) },
      previousPeriod: { key: previous.key, from: iso(previous.startMs), to: iso(previous.endMs) },
      asOf: iso(now),
      rule: DEFAULT_ASSESSMENT_RULE,
      units: rows.map((r) => {
        const { unit: _unit, ...f } = factsOf.get(r.unit) as UnitPeriodFacts;
        const previousRank = before.get(r.unit);
        return {
          unitCode: r.unit,
          unitName: unitName.get(r.unit) ?? r.unit,
          facts: f,
          components: r.components,
          score: r.score,
          rank: r.rank,
          change: previousRank === undefined ? null : previousRank - r.rank,
        };
      }),
    };
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

// The facts of each lead unit in [p.startMs, p.endMs), judged as of the period's end or now,
// whichever is earlier. Rules (docs/assessment.md): a measure is due in the period when its
// deadline falls in it and has passed (or it was claimed already), on time when claimed or verified by its deadline; it is followed in the
// period unless signed off before it began; it counts overdue when its deadline passed by the
// judging time without a claim, and it was still unclaimed when the period began, for the days
// from its deadline to its claim (or the judging time) at the highest ladder level reached.
function unitFacts(
  p: AssessmentPeriod,
  now: number,
  measures: readonly MeasureEntity[],
  events: ReadonlyMap<string, readonly AssessmentEvent[]>,
  closes: readonly { detail: Record<string, unknown> }[],
): UnitPeriodFacts[] {
  const judgedAt = Math.min(p.endMs, now);
  const inPeriod = (e: AssessmentEvent) =>
    e.occurredAt.getTime() >= p.startMs && e.occurredAt.getTime() < p.endMs;
  const reports = new Map<string, { due: number; onTime: number }>();
  for (const close of closes)
    for (const u of (close.detail.units ?? []) as { code: string; owed: boolean; reported: boolean }[]) {
      if (!u.owed) continue;
      const r = reports.get(u.code) ?? { due: 0, onTime: 0 };
      r.due++;
      if (u.reported) r.onTime++;
      reports.set(u.code, r);
    }
  const led = groupBy(measures, (m) => m.leadUnitCode);
  return [...led.keys()].sort().map((unit) => {
    const own = (led.get(unit) ?? []).filter((m) => !(m.signedOffAt && m.signedOffAt.getTime() < p.startMs));
    let measuresDue = 0;
    let completedOnTime = 0;
    let acknowledgementsDue = 0;
    let acknowledgedOnTime = 0;
    let escalations = 0;
    let rejections = 0;
    let lookBacksFailed = 0;
    const overdue: { days: number; level: number }[] = [];
    for (const m of own) {
      const mine = (events.get(m.id) ?? []).filter((e) => e.occurredAt.getTime() < judgedAt);
      const due = m.dueAt.getTime();
      const done = mine.find((e) => DONE.includes(e.kind))?.occurredAt.getTime();
      // Judged once its deadline has passed or it was claimed: not marked down before it is due.
      if (due >= p.startMs && due < p.endMs && (due < judgedAt || done !== undefined)) {
        measuresDue++;
        if (done !== undefined && done <= due) completedOnTime++;
      }
      const lateUntil = Math.min(done ?? judgedAt, judgedAt);
      if (due < judgedAt && (done === undefined || done > due) && lateUntil > p.startMs)
        overdue.push({
          days: Math.ceil((lateUntil - due) / DAY_MS),
          level: Math.max(0, ...mine.filter((e) => LADDER.includes(e.kind)).map((e) => e.level)),
        });
      for (const e of mine.filter(inPeriod)) {
        if (LADDER.includes(e.kind) && e.level >= ESCALATION_LEVEL.supervision_notice) escalations++;
        if (e.kind === 'rejected') rejections++;
        if (e.kind === 'look_back_failed') lookBacksFailed++;
        if (e.kind === 'assignment_acknowledged') {
          acknowledgementsDue++;
          if (e.detail.late === false) acknowledgedOnTime++;
        }
      }
      // A delivery whose limit passed in the period without an acknowledgement is due and missed.
      for (const d of mine.filter((e) => e.kind === 'assignment_delivered')) {
        const by = Date.parse(String(d.detail.acknowledgeBy));
        const answered = mine.some(
          (e) => e.kind === 'assignment_acknowledged' && e.occurredAt >= d.occurredAt,
        );
        if (!answered && by >= p.startMs && by < judgedAt) acknowledgementsDue++;
      }
    }
    const r = reports.get(unit) ?? { due: 0, onTime: 0 };
    return {
      unit,
      measuresDue,
      completedOnTime,
      acknowledgementsDue,
      acknowledgedOnTime,
      reportsDue: r.due,
      reportsOnTime: r.onTime,
      measures: own.length,
      overdue,
      escalations,
      rejections,
      lookBacksFailed,
    };
  });
}

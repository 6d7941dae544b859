import { randomUUID } from 'node:crypto';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import type { AssessmentRule } from '../../../domain/src/unit-assessment';
import {
  ACKNOWLEDGED,
  ASSESSED_DETAIL_KINDS,
  ASSESSED_EVENT_KINDS,
  type AssessedHistory,
  DELIVERED,
  DONE_KINDS,
  type EarlierAssessed,
  LADDER_KINDS,
} from '../../../domain/src/unit-assessment-facts';
import { CadenceEventEntity } from '../entities/cadence-event.entity';
import { MeasureEventEntity } from '../entities/measure-event.entity';
import { MeasureEntity } from '../entities/measure.entity';
import { AssessmentPublicationEntity, AssessmentRuleEntity } from '../entities/unit-assessment.entity';
import { serializedTransaction } from '../serialized-write';
import { canonicalJson } from '../stable-id';
import { nextSlice, sliceIsUp } from '../../../runtime/src/event-loop-slices';
import { columnHydrator } from './raw-hydration';

// The kind is a string: the facts reader (unitPeriodFacts) matches kinds by name.
export type AssessmentEvent = Pick<MeasureEventEntity, 'measureId' | 'level' | 'occurredAt' | 'detail'> & {
  readonly kind: string;
};

export interface SavedAssessmentRule {
  readonly before: AssessmentRuleEntity | null;
  readonly row: AssessmentRuleEntity;
  // False when the stored rule already had this content: the row (and its version) is left as it was.
  readonly changed: boolean;
}

// What a unit assessment (考评) reads beyond the measure rows: the plan's measure events of the
// kinds it counts, and the roll-ups of the reporting periods that closed, with who owed and who
// reported; and what the office keeps: the plan's rule and the rankings it published.
export class UnitAssessmentRepository {
  constructor(private readonly ds: DataSource) {}

  // The plan's assessed events as the facts of periods from `since` to `dueBefore` read them
  // (AssessedHistory): those from `since` to `before`, and of the ones before `since` a summary per
  // measure due before `dueBefore` and the deliveries still unacknowledged at `since`. A plan's
  // history can run to hundreds of thousands of rows, most of them before any period judged:
  // summarised by the database, they are one row a measure that has any (BENCHMARKS.md, "the
  // ranking of a plan with a history").
  async assessedHistory(
    planId: string,
    since: Date,
    before: Date,
    dueBefore: Date,
  ): Promise<AssessedHistory> {
    // A judging time before `since` (a period not begun) reads nothing after it.
    const from = since.getTime() <= before.getTime() ? since : before;
    const [earlier, pendingDeliveries, events] = await Promise.all([
      this.earlierAssessed(planId, from, dueBefore),
      this.pendingDeliveries(planId, from),
      this.assessedEvents(planId, from, before),
    ]);
    return { since: from, dueBefore, earlier, pendingDeliveries, events };
  }

  // Per measure due before `dueBefore` with any before `since`: its first claim or verification, the
  // highest level it was escalated to.
  private async earlierAssessed(planId: string, since: Date, dueBefore: Date): Promise<EarlierAssessed[]> {
    const raw: { measure_id: unknown; first_done_at: unknown; ladder_level: unknown }[] = await this.events()
      .select('e.measure_id', 'measure_id')
      .addSelect('MIN(CASE WHEN e.kind IN (:...done) THEN e.occurred_at END)', 'first_done_at')
      .addSelect('MAX(CASE WHEN e.kind IN (:...ladder) THEN e.level END)', 'ladder_level')
      .innerJoin(MeasureEntity, 'm', 'm.id = e.measure_id')
      .where('m.plan_id = :planId', { planId })
      .andWhere('m.due_at < :dueBefore', { dueBefore })
      .andWhere('e.kind IN (:...kinds)', { kinds: [...DONE_KINDS, ...LADDER_KINDS] })
      .andWhere('e.occurred_at < :since', { since })
      .groupBy('e.measure_id')
      .setParameters({ done: DONE_KINDS, ladder: LADDER_KINDS })
      .getRawMany();
    const hydrate = columnHydrator(this.ds, MeasureEventEntity);
    const out: EarlierAssessed[] = [];
    for (const r of raw) {
      out.push({
        measureId: hydrate(r.measure_id, 'measureId'),
        firstDoneAt: r.first_done_at === null ? null : hydrate(r.first_done_at, 'occurredAt'),
        ladderLevel: r.ladder_level === null ? 0 : Number(r.ladder_level),
      });
      if (sliceIsUp()) await nextSlice();
    }
    return out;
  }

  // Deliveries before `since` that no acknowledgement at or after them and before `since` answered.
  private pendingDeliveries(planId: string, since: Date): Promise<AssessmentEvent[]> {
    return this.rawEvents(
      this.events()
        .innerJoin(MeasureEntity, 'm', 'm.id = e.measure_id')
        .where('m.plan_id = :planId', { planId })
        .andWhere('e.kind = :delivered', { delivered: DELIVERED })
        .andWhere('e.occurred_at < :since', { since })
        .andWhere(
          (qb) =>
            'NOT EXISTS ' +
            qb
              .subQuery()
              .select('1')
              .from(MeasureEventEntity, 'a')
              .where('a.measure_id = e.measure_id')
              .andWhere('a.kind = :acknowledged', { acknowledged: ACKNOWLEDGED })
              .andWhere('a.occurred_at >= e.occurred_at')
              .andWhere('a.occurred_at < :since')
              .getQuery(),
        ),
    );
  }

  // Every assessed event of the plan's measures in [from, before), oldest first.
  private assessedEvents(planId: string, from: Date, before: Date): Promise<AssessmentEvent[]> {
    return this.rawEvents(
      this.events()
        .innerJoin(MeasureEntity, 'm', 'm.id = e.measure_id')
        .where('m.plan_id = :planId', { planId })
        .andWhere('e.kind IN (:...kinds)', { kinds: ASSESSED_EVENT_KINDS })
        .andWhere('e.occurred_at >= :from', { from })
        .andWhere('e.occurred_at < :before', { before })
        .orderBy('e.occurred_at', 'ASC'),
    );
  }

  private events(): SelectQueryBuilder<MeasureEventEntity> {
    return this.ds.getRepository(MeasureEventEntity).createQueryBuilder('e');
  }

  // The statement's events read raw, each value hydrated by the driver as an entity's would be, the
  // detail parsed only of ASSESSED_DETAIL_KINDS (an empty one for the rest): building an entity for
  // each of 250,000 took 1.5-1.75 s of the API's thread (BENCHMARKS.md). In slices of the event loop.
  private async rawEvents(q: SelectQueryBuilder<MeasureEventEntity>): Promise<AssessmentEvent[]> {
    const raw: {
      measure_id: unknown;
      kind: string;
      level: unknown;
      occurred_at: unknown;
      detail: unknown;
    }[] = await q
      .select('e.measure_id', 'measure_id')
      .addSelect('e.kind', 'kind')
      .addSelect('e.level', 'level')
      .addSelect('e.occurred_at', 'occurred_at')
      .addSelect('CASE WHEN e.kind IN (:...detailKinds) THEN e.detail END', 'detail')
      .setParameter('detailKinds', ASSESSED_DETAIL_KINDS)
      .getRawMany();
    const hydrate = columnHydrator(this.ds, MeasureEventEntity);
    const events: AssessmentEvent[] = [];
    for (const r of raw) {
      events.push({
        measureId: hydrate(r.measure_id, 'measureId'),
        kind: r.kind,
        level: hydrate(r.level, 'level'),
        occurredAt: hydrate(r.occurred_at, 'occurredAt'),
        detail: r.detail === null ? {} : hydrate(r.detail, 'detail'),
      });
      if (sliceIsUp()) await nextSlice();
    }
    return events;
  }

  // Reporting periods of the plan that closed in [from, to] (a period closes at its end, which
  // belongs to the next period, so a close at `to` is the last one inside [from, to)).
  periodCloses(
    planId: string,
    from: Date,
    to: Date,
  ): Promise<Pick<CadenceEventEntity, 'periodKey' | 'detail'>[]> {
    return this.ds
      .getRepository(CadenceEventEntity)
      .createQueryBuilder('c')
      .select(['c.id', 'c.periodKey', 'c.detail'])
      .where('c.plan_id = :planId', { planId })
      .andWhere('c.kind = :kind', { kind: 'period_closed' })
      .andWhere('c.occurred_at > :from', { from })
      .andWhere('c.occurred_at <= :to', { to })
      .getMany();
  }

  // The rule the office set for the plan, or null (the default applies).
  rule(planId: string): Promise<AssessmentRuleEntity | null> {
    return this.ds.getRepository(AssessmentRuleEntity).findOneBy({ planId });
  }

  // Stores a checked rule for the plan; a changed content is a new version. Serialized (across
  // replicas on PostgreSQL), so two edits at once cannot both become the same version.
  saveRule(planId: string, rule: AssessmentRule, updatedBy: string): Promise<SavedAssessmentRule> {
    return serializedTransaction(this.ds, 'assessment-rule', async (em) => {
      const before = await em.findOneBy(AssessmentRuleEntity, { planId });
      if (before && canonicalJson(before.rule) === canonicalJson(rule))
        return { before, row: before, changed: false };
      const row: AssessmentRuleEntity = {
        planId,
        rule,
        version: (before?.version ?? 0) + 1,
        updatedAt: new Date(),
        updatedBy,
      };
      if (before) await em.update(AssessmentRuleEntity, { planId }, row as never);
      else await em.insert(AssessmentRuleEntity, row);
      return { before, row, changed: true };
    });
  }

  publication(planId: string, periodKey: string): Promise<AssessmentPublicationEntity | null> {
    return this.ds.getRepository(AssessmentPublicationEntity).findOneBy({ planId, periodKey });
  }

  publications(planId: string): Promise<AssessmentPublicationEntity[]> {
    return this.ds
      .getRepository(AssessmentPublicationEntity)
      .find({ where: { planId }, order: { periodFrom: 'DESC', periodKey: 'ASC' } });
  }

  // Publishes a period's ranking, replacing an earlier publication of the same period (one row per
  // plan and period; serialized, so two publications at once replace rather than collide). Returns
  // the one replaced, for the audit row.
  publish(
    row: Omit<AssessmentPublicationEntity, 'id'>,
  ): Promise<{ before: AssessmentPublicationEntity | null; row: AssessmentPublicationEntity }> {
    return serializedTransaction(this.ds, 'assessment-publication', async (em) => {
      const before = await em.findOneBy(AssessmentPublicationEntity, {
        planId: row.planId,
        periodKey: row.periodKey,
      });
      const saved: AssessmentPublicationEntity = { ...row, id: before?.id ?? randomUUID() };
      if (before) await em.update(AssessmentPublicationEntity, { id: saved.id }, saved as never);
      else await em.insert(AssessmentPublicationEntity, saved);
      return { before, row: saved };
    });
  }

  // Withdraws a period's publication; returns it, or null when there was none.
  withdraw(planId: string, periodKey: string): Promise<AssessmentPublicationEntity | null> {
    return serializedTransaction(this.ds, 'assessment-publication', async (em) => {
      const row = await em.findOneBy(AssessmentPublicationEntity, { planId, periodKey });
      if (row) await em.delete(AssessmentPublicationEntity, { id: row.id });
      return row;
    });
  }
}

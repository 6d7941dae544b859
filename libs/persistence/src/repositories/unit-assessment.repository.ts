import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AssessmentRule } from '../../../domain/src/unit-assessment';
import { CadenceEventEntity } from '../entities/cadence-event.entity';
import { MeasureEventEntity } from '../entities/measure-event.entity';
import { MeasureEntity } from '../entities/measure.entity';
import { AssessmentPublicationEntity, AssessmentRuleEntity } from '../entities/unit-assessment.entity';
import { serializedTransaction } from '../serialized-write';
import { canonicalJson } from '../stable-id';
import { nextSlice, sliceIsUp } from '../../../runtime/src/event-loop-slices';

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

  // Events of these kinds on the plan's measures that happened before `before`, oldest first, with
  // their detail for `detailKinds` only (an empty one for the rest). A plan's history can run to
  // hundreds of thousands of these rows: read raw, each value hydrated by the driver as an entity's
  // would be, and no detail parsed that nothing reads (building an entity for each of 250,000 took
  // 1.5-1.75 s of the API's thread, BENCHMARKS.md). Hydrated in slices of the event loop.
  async measureEvents(
    planId: string,
    kinds: readonly string[],
    detailKinds: readonly string[],
    before: Date,
  ): Promise<AssessmentEvent[]> {
    const meta = this.ds.getMetadata(MeasureEventEntity);
    const column = (property: keyof MeasureEventEntity) => meta.findColumnWithPropertyName(property)!;
    const [measureId, level, occurredAt, detail] = (
      ['measureId', 'level', 'occurredAt', 'detail'] as const
    ).map(column);
    const raw: {
      measure_id: unknown;
      kind: string;
      level: unknown;
      occurred_at: unknown;
      detail: unknown;
    }[] = await this.ds
      .getRepository(MeasureEventEntity)
      .createQueryBuilder('e')
      .select('e.measure_id', 'measure_id')
      .addSelect('e.kind', 'kind')
      .addSelect('e.level', 'level')
      .addSelect('e.occurred_at', 'occurred_at')
      .addSelect(
        detailKinds.length ? 'CASE WHEN e.kind IN (:...detailKinds) THEN e.detail END' : 'NULL',
        'detail',
      )
      .innerJoin(MeasureEntity, 'm', 'm.id = e.measure_id')
      .where('m.plan_id = :planId', { planId })
      .andWhere('e.kind IN (:...kinds)', { kinds })
      .andWhere('e.occurred_at < :before', { before })
      .orderBy('e.occurred_at', 'ASC')
      .setParameters(detailKinds.length ? { detailKinds } : {})
      .getRawMany();
    const driver = this.ds.driver;
    const events: AssessmentEvent[] = [];
    for (const r of raw) {
      events.push({
        measureId: driver.prepareHydratedValue(r.measure_id, measureId),
        kind: r.kind,
        level: driver.prepareHydratedValue(r.level, level),
        occurredAt: driver.prepareHydratedValue(r.occurred_at, occurredAt),
        detail: r.detail === null ? {} : driver.prepareHydratedValue(r.detail, detail),
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

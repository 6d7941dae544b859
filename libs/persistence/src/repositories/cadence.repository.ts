import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isOpen } from '../../../domain/src/measure-status';
import { CadenceEventEntity, CadenceEventKind } from '../entities/cadence-event.entity';
import { MeasureEventEntity } from '../entities/measure-event.entity';
import { MeasureEntity } from '../entities/measure.entity';
import { NotificationRequestEntity } from '../entities/notification-request.entity';
import { PlanEntity } from '../entities/plan.entity';
import { UnitEntity } from '../entities/unit.entity';
import { connectionSafeTransaction } from '../serialized-write';

// A responsible unit that owes a progress report: it leads open measures of the plan.
export interface OwingUnit {
  readonly unitCode: string;
  // Lead leaders of the unit's open measures: who a repeated 漏报 is told.
  readonly leaders: readonly string[];
  // The unit's first open measure in plan order: a notice about its report opens it.
  readonly measureId: string;
}

export interface NewCadenceEvent {
  readonly planId: string;
  // From the plan-cadence workflow id, the period and the unit: a retry finds its row.
  readonly idempotencyKey: string;
  readonly kind: CadenceEventKind;
  readonly periodKey: string;
  readonly unitCode: string | null;
  readonly measureId: string | null;
  readonly level: number;
  readonly occurredAt: Date;
  readonly actor: string;
  readonly detail: Record<string, unknown>;
  readonly notify: readonly { addresseeKind: string; addressee: string; subject: string }[];
}

// The plan's measures and units as a roll-up counts them.
export interface RollUpSource {
  readonly units: readonly { code: string; name: string }[];
  readonly measures: readonly Pick<MeasureEntity, 'leadUnitCode' | 'leadLeader' | 'status'>[];
}

// A plan's reporting cadence in the read model: who owes and who gave reports, and the cadence's
// own events (reminders, 漏报, period closes with their roll-up) with their notification requests.
export class CadenceRepository {
  constructor(private readonly ds: DataSource) {}

  findPlan(planCode: string): Promise<PlanEntity | null> {
    return this.ds.getRepository(PlanEntity).findOneBy({ code: planCode });
  }

  // Lead units of the plan's open measures (sub-measures included), in the plan's measure order.
  async owingUnits(planId: string): Promise<OwingUnit[]> {
    const measures = await this.ds.getRepository(MeasureEntity).find({
      where: { planId },
      select: { id: true, leadUnitCode: true, leadLeader: true, status: true, position: true, code: true },
      order: { position: 'ASC', code: 'ASC' },
    });
    const units = new Map<string, { leaders: Set<string>; measureId: string }>();
    for (const m of measures.filter((x) => isOpen(x.status))) {
      const unit = units.get(m.leadUnitCode);
      if (unit) unit.leaders.add(m.leadLeader);
      else units.set(m.leadUnitCode, { leaders: new Set([m.leadLeader]), measureId: m.id });
    }
    return [...units].map(([unitCode, u]) => ({
      unitCode,
      leaders: [...u.leaders].sort(),
      measureId: u.measureId,
    }));
  }

  // Progress reports on the plan's measures in [from, to), by the measure's lead unit: a unit has
  // reported in a period when any measure it leads got a progress report then.
  async reportsByUnit(planId: string, from: Date, to: Date): Promise<Record<string, number>> {
    const rows: { unit: string; reports: string | number }[] = await this.ds
      .getRepository(MeasureEventEntity)
      .createQueryBuilder('e')
      .innerJoin(MeasureEntity, 'm', 'm.id = e.measure_id')
      .select('m.lead_unit_code', 'unit')
      .addSelect('COUNT(*)', 'reports')
      .where('m.plan_id = :planId', { planId })
      .andWhere('e.kind = :kind', { kind: 'progress_reported' })
      .andWhere('e.occurred_at >= :from AND e.occurred_at < :to', { from, to })
      .groupBy('m.lead_unit_code')
      .getRawMany();
    return Object.fromEntries(rows.map((r) => [r.unit, Number(r.reports)]));
  }

  // The event and its notification requests in one transaction, once per idempotency key: a
  // retried or replayed activity finds the key taken and writes nothing.
  recordOnce(event: NewCadenceEvent): Promise<{ recorded: boolean; eventId: string }> {
    return connectionSafeTransaction(this.ds, async (em) => {
      const id = randomUUID();
      await em
        .createQueryBuilder()
        .insert()
        .into(CadenceEventEntity)
        .values({
          id,
          planId: event.planId,
          kind: event.kind,
          periodKey: event.periodKey,
          unitCode: event.unitCode,
          measureId: event.measureId,
          level: event.level,
          idempotencyKey: event.idempotencyKey,
          occurredAt: event.occurredAt,
          recordedAt: new Date(),
          actor: event.actor,
          detail: event.detail as never,
        })
        .orIgnore()
        .updateEntity(false)
        .execute();
      const stored = await em.findOneOrFail(CadenceEventEntity, {
        where: { idempotencyKey: event.idempotencyKey },
      });
      if (stored.id !== id) return { recorded: false, eventId: stored.id };
      for (const n of event.notify) {
        await em.insert(NotificationRequestEntity, {
          id: randomUUID(),
          measureId: null,
          eventId: null,
          planId: event.planId,
          cadenceEventId: id,
          addresseeKind: n.addresseeKind,
          addressee: n.addressee,
          subject: n.subject,
          status: 'pending',
          createdAt: event.occurredAt,
        });
      }
      return { recorded: true, eventId: id };
    });
  }

  requestIdsOfEvent(cadenceEventId: string): Promise<string[]> {
    return this.ds
      .getRepository(NotificationRequestEntity)
      .find({ where: { cadenceEventId }, order: { id: 'ASC' } })
      .then((rows) => rows.map((r) => r.id));
  }

  // The plan's units in document order and every measure as it stands now.
  async rollUpSource(plan: PlanEntity): Promise<RollUpSource> {
    const [units, measures] = await Promise.all([
      this.ds.getRepository(UnitEntity).find({ where: { planId: plan.id }, order: { code: 'ASC' } }),
      this.ds.getRepository(MeasureEntity).find({
        where: { planId: plan.id },
        select: { leadUnitCode: true, leadLeader: true, status: true },
      }),
    ]);
    const order = new Map((plan.definition?.units ?? []).map((u, i) => [u.code, i]));
    const rank = (code: string) => order.get(code) ?? Number.MAX_SAFE_INTEGER;
    return {
      units: units.sort((a, b) => rank(a.code) - rank(b.code)).map((u) => ({ code: u.code, name: u.name })),
      measures,
    };
  }

  // The plan's unit tree, with names.
  units(planId: string): Promise<UnitEntity[]> {
    return this.ds.getRepository(UnitEntity).find({ where: { planId }, order: { code: 'ASC' } });
  }

  // The cadence's events of a plan, oldest first; one kind, or all.
  events(planId: string, kind?: CadenceEventKind): Promise<CadenceEventEntity[]> {
    return this.ds.getRepository(CadenceEventEntity).find({
      where: { planId, ...(kind ? { kind } : {}) },
      order: { occurredAt: 'ASC', recordedAt: 'ASC' },
    });
  }

  // A closed period's record, whose detail is its roll-up.
  closedPeriod(planId: string, periodKey: string): Promise<CadenceEventEntity | null> {
    return this.ds.getRepository(CadenceEventEntity).findOneBy({ planId, periodKey, kind: 'period_closed' });
  }

  // The notification requests of the plan's cadence events (only those carry the plan's id).
  cadenceNotifications(planId: string): Promise<NotificationRequestEntity[]> {
    return this.ds
      .getRepository(NotificationRequestEntity)
      .find({ where: { planId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}

// Discipline bodies and accountability cases: the case file (persons, decisions, reviews,
// corrections) and its events. Every write of a case goes through one serialised transaction, so
// a check ("one decision in force per person") and the write it guards cannot interleave.
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  AccountabilityCaseEntity,
  CaseDecisionEntity,
  CaseEventEntity,
  CaseEventKind,
  CaseOrigin,
  CasePersonEntity,
  CaseStatus,
} from '../entities/accountability-case.entity';
import { DisciplineBodyEntity, DisciplineBodyMemberEntity } from '../entities/discipline-body.entity';
import { EvidenceEntity } from '../entities/evidence.entity';
import { MeasureEventEntity } from '../entities/measure-event.entity';
import { MeasureEntity } from '../entities/measure.entity';
import { NotificationRequestEntity } from '../entities/notification-request.entity';
import { PlanEntity } from '../entities/plan.entity';
import { serializedTransaction } from '../serialized-write';

const CASES = 'accountability-cases';

export interface CaseNotice {
  readonly addresseeKind: 'discipline' | 'office';
  readonly addressee: string;
  readonly subject: string;
}

export interface OpenCase {
  readonly referralKey: string;
  readonly origin: CaseOrigin;
  readonly bodyCode: string | null;
  readonly planId: string | null;
  readonly measureId: string | null;
  readonly leadId: string | null;
  readonly unitLineage: readonly string[];
  readonly reason: string | null;
  readonly openedBy: string;
  readonly openedAt: Date;
  readonly dueAt: Date;
  readonly detail: Record<string, unknown>;
  readonly notify: readonly CaseNotice[];
}

export interface CaseEventWrite {
  readonly kind: CaseEventKind;
  readonly idempotencyKey?: string;
  readonly actor: string;
  readonly detail: Record<string, unknown>;
  readonly occurredAt?: Date;
  readonly notify?: readonly CaseNotice[];
}

export interface CaseListFilter {
  // Cases whose units meet these (a body's jurisdiction); undefined: every case.
  readonly unitCodes?: readonly string[];
  readonly status?: CaseStatus;
  readonly measureId?: string;
  readonly limit: number;
  readonly offset: number;
}

export class AccountabilityRepository {
  constructor(private readonly ds: DataSource) {}

  // --- bodies -----------------------------------------------------------------------------------

  bodies(): Promise<DisciplineBodyEntity[]> {
    return this.ds.getRepository(DisciplineBodyEntity).find({ order: { code: 'ASC' } });
  }

  body(code: string): Promise<DisciplineBodyEntity | null> {
    return this.ds.getRepository(DisciplineBodyEntity).findOneBy({ code });
  }

  async putBody(b: Omit<DisciplineBodyEntity, 'createdAt'>): Promise<'created' | 'updated'> {
    return serializedTransaction(this.ds, CASES, async (em) => {
      const existing = await em.findOneBy(DisciplineBodyEntity, { code: b.code });
      await em.save(DisciplineBodyEntity, { ...b, createdAt: existing?.createdAt ?? new Date() });
      return existing ? 'updated' : 'created';
    });
  }

  async members(bodyCode: string): Promise<string[]> {
    const rows = await this.ds.getRepository(DisciplineBodyMemberEntity).find({ where: { bodyCode } });
    return rows.map((r) => r.principalId).sort();
  }

  // The principals act for this body from now on, and no longer for any other.
  async setMembers(bodyCode: string, principalIds: readonly string[]): Promise<void> {
    await serializedTransaction(this.ds, CASES, async (em) => {
      await em.delete(DisciplineBodyMemberEntity, { bodyCode });
      if (principalIds.length)
        await em.delete(DisciplineBodyMemberEntity, { principalId: In([...principalIds]) });
      for (const principalId of principalIds)
        await em.insert(DisciplineBodyMemberEntity, { principalId, bodyCode, createdAt: new Date() });
    });
  }

  async bodyOf(principalId: string): Promise<DisciplineBodyEntity | null> {
    const m = await this.ds.getRepository(DisciplineBodyMemberEntity).findOneBy({ principalId });
    return m ? this.body(m.bodyCode) : null;
  }

  // --- what a referral needs to know ------------------------------------------------------------

  measureByWorkflowId(workflowId: string): Promise<MeasureEntity | null> {
    return this.ds.getRepository(MeasureEntity).findOneBy({ workflowId });
  }

  measure(id: string): Promise<MeasureEntity | null> {
    return this.ds.getRepository(MeasureEntity).findOneBy({ id });
  }

  plan(id: string): Promise<PlanEntity | null> {
    return this.ds.getRepository(PlanEntity).findOneBy({ id });
  }

  // Whether the measure's ladder ever reached 问责移送, and the step's key if so.
  async referralOf(measureId: string): Promise<MeasureEventEntity | null> {
    return this.ds.getRepository(MeasureEventEntity).findOne({
      where: { measureId, kind: 'accountability_referral' },
      order: { occurredAt: 'ASC' },
    });
  }

  evidenceOf(measureId: string): Promise<EvidenceEntity[]> {
    return this.ds.getRepository(EvidenceEntity).find({ where: { measureId }, order: { uploadedAt: 'ASC' } });
  }

  measureTimeline(measureId: string): Promise<MeasureEventEntity[]> {
    return this.ds
      .getRepository(MeasureEventEntity)
      .find({ where: { measureId }, order: { occurredAt: 'ASC', recordedAt: 'ASC' } });
  }

  // --- cases ------------------------------------------------------------------------------------

  // Opens the case once per referral key: a second call (a retried activity, a replayed step)
  // answers the case the first one opened.
  async openCase(o: OpenCase): Promise<{ case: AccountabilityCaseEntity; created: boolean }> {
    return serializedTransaction(this.ds, CASES, async (em) => {
      const existing = await em.findOneBy(AccountabilityCaseEntity, { referralKey: o.referralKey });
      if (existing) return { case: existing, created: false };
      const id = randomUUID();
      const row: AccountabilityCaseEntity = {
        id,
        referralKey: o.referralKey,
        origin: o.origin,
        status: 'open',
        bodyCode: o.bodyCode,
        planId: o.planId,
        measureId: o.measureId,
        leadId: o.leadId,
        unitLineage: [...o.unitLineage],
        reason: o.reason,
        openedBy: o.openedBy,
        openedAt: o.openedAt,
        dueAt: o.dueAt,
        concludedAt: null,
        workflowId: `case:${id}`,
      };
      await em.insert(AccountabilityCaseEntity, row);
      await this.event(em, row, {
        kind: 'opened',
        idempotencyKey: `case:${id}/opened`,
        actor: o.openedBy,
        detail: o.detail,
        occurredAt: o.openedAt,
        notify: o.notify,
      });
      return { case: row, created: true };
    });
  }

  // One step of the case's clock, once per key; nothing is recorded for a concluded case.
  async recordStep(
    caseId: string,
    step: CaseEventWrite & { readonly idempotencyKey: string },
  ): Promise<{ open: boolean; requestIds: string[] }> {
    return serializedTransaction(this.ds, CASES, async (em) => {
      const row = await em.findOneBy(AccountabilityCaseEntity, { id: caseId });
      if (!row || row.status !== 'open') return { open: false, requestIds: [] };
      const { eventId } = await this.event(em, row, step);
      // Also on a retry that found the step recorded: its deliveries may not have started yet.
      const requests = await em.find(NotificationRequestEntity, { where: { caseEventId: eventId } });
      return { open: true, requestIds: requests.map((r) => r.id).sort() };
    });
  }

  // The notices of a case's opening, to dispatch (again) after it is committed.
  async requestIdsOfOpening(caseId: string): Promise<string[]> {
    const opened = await this.ds
      .getRepository(CaseEventEntity)
      .findOneBy({ idempotencyKey: `case:${caseId}/opened` });
    if (!opened) return [];
    const rows = await this.ds
      .getRepository(NotificationRequestEntity)
      .find({ where: { caseEventId: opened.id } });
    return rows.map((r) => r.id).sort();
  }

  findCase(id: string): Promise<AccountabilityCaseEntity | null> {
    return this.ds.getRepository(AccountabilityCaseEntity).findOneBy({ id });
  }

  async listCases(f: CaseListFilter): Promise<{ total: number; items: AccountabilityCaseEntity[] }> {
    const qb = this.ds.getRepository(AccountabilityCaseEntity).createQueryBuilder('c');
    if (f.status) qb.andWhere('c.status = :status', { status: f.status });
    if (f.measureId) qb.andWhere('c.measure_id = :measureId', { measureId: f.measureId });
    const all = await qb.orderBy('c.opened_at', 'DESC').addOrderBy('c.id', 'ASC').getMany();
    // Lineage is a JSON list: the jurisdiction test runs here, the same on both databases.
    const scoped =
      f.unitCodes === undefined
        ? all
        : all.filter((c) => c.unitLineage.some((u) => f.unitCodes?.includes(u)));
    return { total: scoped.length, items: scoped.slice(f.offset, f.offset + f.limit) };
  }

  persons(caseId: string): Promise<CasePersonEntity[]> {
    return this.ds
      .getRepository(CasePersonEntity)
      .find({ where: { caseId }, order: { addedAt: 'ASC', id: 'ASC' } });
  }

  decisions(caseId: string): Promise<CaseDecisionEntity[]> {
    return this.ds
      .getRepository(CaseDecisionEntity)
      .find({ where: { caseId }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  events(caseId: string): Promise<CaseEventEntity[]> {
    return this.ds
      .getRepository(CaseEventEntity)
      .find({ where: { caseId }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  // Runs `work` on the case's current rows in the cases' serialised transaction; `work` checks
  // and returns its writes, so a refusal leaves nothing written. Answers null for an unknown
  // case, else what `work` answered and the notices its events wrote (to dispatch once committed).
  async change<T>(
    caseId: string,
    work: (
      tx: CaseTransaction,
      current: {
        case: AccountabilityCaseEntity;
        persons: CasePersonEntity[];
        decisions: CaseDecisionEntity[];
      },
    ) => Promise<T>,
  ): Promise<{ value: T; requestIds: string[] } | null> {
    return serializedTransaction(this.ds, CASES, async (em) => {
      const row = await em.findOneBy(AccountabilityCaseEntity, { id: caseId });
      if (!row) return null;
      const [persons, decisions] = await Promise.all([
        em.find(CasePersonEntity, { where: { caseId }, order: { addedAt: 'ASC', id: 'ASC' } }),
        em.find(CaseDecisionEntity, { where: { caseId }, order: { recordedAt: 'ASC', id: 'ASC' } }),
      ]);
      const requestIds: string[] = [];
      const tx = new CaseTransaction(em, row, async (e) => {
        const written = await this.event(em, row, e);
        requestIds.push(...written.requestIds);
        return written.eventId;
      });
      const value = await work(tx, { case: row, persons, decisions });
      return { value, requestIds };
    });
  }

  private async event(
    em: EntityManager,
    row: AccountabilityCaseEntity,
    e: CaseEventWrite,
  ): Promise<{ eventId: string; requestIds: string[] }> {
    const id = randomUUID();
    const key = e.idempotencyKey ?? `case:${row.id}/${e.kind}/${id}`;
    await em
      .createQueryBuilder()
      .insert()
      .into(CaseEventEntity)
      .values({
        id,
        caseId: row.id,
        kind: e.kind,
        idempotencyKey: key,
        actor: e.actor,
        detail: e.detail as never,
        occurredAt: e.occurredAt ?? new Date(),
        recordedAt: new Date(),
      })
      .orIgnore()
      .updateEntity(false)
      .execute();
    const stored = await em.findOneOrFail(CaseEventEntity, { where: { idempotencyKey: key } });
    if (stored.id !== id) return { eventId: stored.id, requestIds: [] };
    const requestIds: string[] = [];
    for (const n of e.notify ?? []) {
      const requestId = randomUUID();
      requestIds.push(requestId);
      await em.insert(NotificationRequestEntity, {
        id: requestId,
        measureId: row.measureId,
        eventId: null,
        planId: row.planId,
        cadenceEventId: null,
        caseEventId: id,
        addresseeKind: n.addresseeKind,
        addressee: n.addressee,
        subject: n.subject,
        status: 'pending',
        createdAt: e.occurredAt ?? new Date(),
      });
    }
    return { eventId: id, requestIds };
  }
}

// The writes a case change may make, each with its event, inside the serialised transaction.
export class CaseTransaction {
  constructor(
    private readonly em: EntityManager,
    readonly current: AccountabilityCaseEntity,
    readonly event: (e: CaseEventWrite) => Promise<string>,
  ) {}

  async insertPerson(p: Omit<CasePersonEntity, 'id' | 'caseId'>): Promise<CasePersonEntity> {
    const row = { ...p, id: randomUUID(), caseId: this.current.id };
    await this.em.insert(CasePersonEntity, row);
    return row;
  }

  async insertDecision(d: Omit<CaseDecisionEntity, 'id' | 'caseId'>): Promise<CaseDecisionEntity> {
    const row = { ...d, id: randomUUID(), caseId: this.current.id };
    await this.em.insert(CaseDecisionEntity, row);
    return row;
  }

  async updateDecision(id: string, patch: Partial<CaseDecisionEntity>): Promise<void> {
    await this.em.update(CaseDecisionEntity, { id }, patch);
  }

  async updateCase(patch: Partial<AccountabilityCaseEntity>): Promise<void> {
    await this.em.update(AccountabilityCaseEntity, { id: this.current.id }, patch);
  }
}

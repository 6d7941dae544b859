// The problem-lead ledger (问题线索台账): registration, verification and the clock's steps, each in
// one serialised transaction, so a check ("not verified yet", "this ref is new at this body") and
// the write it guards cannot interleave.
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import type { LeadOutcome } from '../../../domain/src/accountability';
import type { LeadClockPolicy } from '../../../domain/src/problem-lead';
import { MeasureEntity } from '../entities/measure.entity';
import { NotificationRequestEntity } from '../entities/notification-request.entity';
import { PlanEntity } from '../entities/plan.entity';
import { ProblemEntity } from '../entities/problem.entity';
import { LeadEventEntity, LeadEventKind, ProblemLeadEntity } from '../entities/problem-lead.entity';
import { serializedTransaction } from '../serialized-write';

const LEADS = 'problem-leads';

export interface LeadNotice {
  readonly addresseeKind: 'discipline' | 'office';
  readonly addressee: string;
  readonly subject: string;
}

export interface NewLead {
  readonly ref: string;
  readonly planId: string | null;
  readonly problemCode: string | null;
  readonly summary: string | null;
  readonly items: number;
  readonly receivedOn: string;
  readonly bodyCode: string;
  readonly dueAt: Date;
  readonly policy: LeadClockPolicy;
  readonly registeredBy: string;
  readonly registeredAt: Date;
  readonly notify: LeadNotice;
}

export interface LeadEventWrite {
  readonly kind: LeadEventKind;
  readonly idempotencyKey: string;
  readonly actor: string;
  readonly detail: Record<string, unknown>;
  readonly occurredAt: Date;
  readonly notify?: readonly LeadNotice[];
}

export type Registration =
  | { readonly kind: 'created'; readonly leads: ProblemLeadEntity[] }
  // The same registration again (a retried request): the rows it wrote, unchanged.
  | { readonly kind: 'repeated'; readonly leads: ProblemLeadEntity[] }
  // The ref is at one of the bodies already, differently or only in part: nothing written.
  | { readonly kind: 'conflict'; readonly existing: ProblemLeadEntity[] };

export interface Verification {
  readonly outcome: LeadOutcome;
  readonly note: string | null;
  readonly verifiedBy: string;
  readonly verifiedAt: Date;
  readonly caseId: string | null;
}

// The fields that make two registrations of one ref at one body the same.
const SAME = ['planId', 'problemCode', 'summary', 'items', 'receivedOn'] as const;

export class ProblemLeadRepository {
  constructor(private readonly ds: DataSource) {}

  planByCode(code: string): Promise<PlanEntity | null> {
    return this.ds.getRepository(PlanEntity).findOneBy({ code });
  }

  plan(id: string): Promise<PlanEntity | null> {
    return this.ds.getRepository(PlanEntity).findOneBy({ id });
  }

  problem(planId: string, code: string): Promise<ProblemEntity | null> {
    return this.ds.getRepository(ProblemEntity).findOneBy({ planId, code });
  }

  // The units the problem's measures name, lead units first: who a case of its leads concerns.
  async problemUnits(planId: string, problemCode: string): Promise<string[]> {
    const problem = await this.problem(planId, problemCode);
    if (!problem) return [];
    const measures = await this.ds
      .getRepository(MeasureEntity)
      .find({ where: { planId, problemId: problem.id }, order: { code: 'ASC' } });
    const lead = measures.map((m) => m.leadUnitCode);
    const co = measures.flatMap((m) => m.coUnitCodes);
    return [...new Set([...lead, ...co])];
  }

  // Writes one row per body, each with its `registered` event, or nothing.
  async register(rows: readonly NewLead[]): Promise<Registration> {
    return serializedTransaction(this.ds, LEADS, async (em) => {
      const existing = await em.find(ProblemLeadEntity, {
        where: rows.map((r) => ({ ref: r.ref, bodyCode: r.bodyCode })),
      });
      if (existing.length) {
        const same =
          existing.length === rows.length &&
          rows.every((r) => {
            const e = existing.find((x) => x.bodyCode === r.bodyCode);
            return e && SAME.every((k) => e[k] === r[k]);
          });
        return same ? { kind: 'repeated', leads: existing } : { kind: 'conflict', existing };
      }
      const leads: ProblemLeadEntity[] = [];
      for (const r of rows) {
        const id = randomUUID();
        const row: ProblemLeadEntity = {
          id,
          ref: r.ref,
          planId: r.planId,
          problemCode: r.problemCode,
          summary: r.summary,
          items: r.items,
          receivedOn: r.receivedOn,
          bodyCode: r.bodyCode,
          dueAt: r.dueAt,
          policy: r.policy,
          status: 'pending',
          outcome: null,
          outcomeNote: null,
          verifiedBy: null,
          verifiedAt: null,
          caseId: null,
          workflowId: `lead:${id}`,
          registeredBy: r.registeredBy,
          registeredAt: r.registeredAt,
        };
        await em.insert(ProblemLeadEntity, row);
        await this.event(em, row, {
          kind: 'registered',
          idempotencyKey: `lead:${id}/registered`,
          actor: r.registeredBy,
          detail: { ref: r.ref, items: r.items, receivedOn: r.receivedOn, dueAt: r.dueAt.toISOString() },
          occurredAt: r.registeredAt,
          notify: [r.notify],
        });
        leads.push(row);
      }
      return { kind: 'created', leads };
    });
  }

  // Records the outcome once: a lead verified before is answered as it stands, nothing written.
  async verify(
    leadId: string,
    v: Verification,
  ): Promise<
    { verified: true; lead: ProblemLeadEntity } | { verified: false; lead: ProblemLeadEntity | null }
  > {
    return serializedTransaction(this.ds, LEADS, async (em) => {
      const row = await em.findOneBy(ProblemLeadEntity, { id: leadId });
      if (!row || row.status !== 'pending') return { verified: false, lead: row };
      const patch = {
        status: 'verified' as const,
        outcome: v.outcome,
        outcomeNote: v.note,
        verifiedBy: v.verifiedBy,
        verifiedAt: v.verifiedAt,
        caseId: v.caseId,
      };
      await em.update(ProblemLeadEntity, { id: leadId }, patch);
      await this.event(em, row, {
        kind: 'verified',
        idempotencyKey: `lead:${leadId}/verified`,
        actor: v.verifiedBy,
        detail: { outcome: v.outcome, note: v.note, caseId: v.caseId },
        occurredAt: v.verifiedAt,
      });
      return { verified: true, lead: { ...row, ...patch } };
    });
  }

  // One step of the lead's clock, once per key; nothing is recorded for a verified lead.
  async recordStep(leadId: string, step: LeadEventWrite): Promise<{ open: boolean; requestIds: string[] }> {
    return serializedTransaction(this.ds, LEADS, async (em) => {
      const row = await em.findOneBy(ProblemLeadEntity, { id: leadId });
      if (!row || row.status !== 'pending') return { open: false, requestIds: [] };
      const eventId = await this.event(em, row, step);
      const requests = await em.find(NotificationRequestEntity, { where: { leadEventId: eventId } });
      return { open: true, requestIds: requests.map((r) => r.id).sort() };
    });
  }

  find(id: string): Promise<ProblemLeadEntity | null> {
    return this.ds.getRepository(ProblemLeadEntity).findOneBy({ id });
  }

  // Leads at these bodies (undefined: every body), newest receipt first.
  list(bodyCodes: readonly string[] | undefined): Promise<ProblemLeadEntity[]> {
    if (bodyCodes && !bodyCodes.length) return Promise.resolve([]);
    return this.ds.getRepository(ProblemLeadEntity).find({
      where: bodyCodes ? { bodyCode: In([...bodyCodes]) } : {},
      order: { receivedOn: 'DESC', ref: 'ASC', bodyCode: 'ASC' },
    });
  }

  events(leadId: string): Promise<LeadEventEntity[]> {
    return this.ds
      .getRepository(LeadEventEntity)
      .find({ where: { leadId }, order: { occurredAt: 'ASC', recordedAt: 'ASC' } });
  }

  private async event(em: EntityManager, row: ProblemLeadEntity, e: LeadEventWrite): Promise<string> {
    const id = randomUUID();
    await em
      .createQueryBuilder()
      .insert()
      .into(LeadEventEntity)
      .values({
        id,
        leadId: row.id,
        kind: e.kind,
        idempotencyKey: e.idempotencyKey,
        actor: e.actor,
        detail: e.detail as never,
        occurredAt: e.occurredAt,
        recordedAt: new Date(),
      })
      .orIgnore()
      .updateEntity(false)
      .execute();
    const stored = await em.findOneOrFail(LeadEventEntity, { where: { idempotencyKey: e.idempotencyKey } });
    if (stored.id !== id) return stored.id;
    for (const n of e.notify ?? [])
      await em.insert(NotificationRequestEntity, {
        id: randomUUID(),
        measureId: null,
        eventId: null,
        planId: row.planId,
        cadenceEventId: null,
        caseEventId: null,
        leadEventId: id,
        addresseeKind: n.addresseeKind,
        addressee: n.addressee,
        subject: n.subject,
        status: 'pending',
        createdAt: e.occurredAt,
      });
    return id;
  }
}

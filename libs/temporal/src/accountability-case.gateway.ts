// Opening an accountability case: the case row (once per referral key) and its clock workflow
// (once per case). Both steps are idempotent, so a caller that dies between them and runs again —
// a retried activity, a repeated API call — completes what the first attempt began.
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import {
  BodyFacts,
  competentBody,
  DEFAULT_CASE_POLICY,
  type CaseClockPolicy,
} from '../../domain/src/accountability';
import { addIsoDuration } from '../../domain/src/iso-duration';
import type { AccountabilityCaseEntity } from '../../persistence/src/entities/accountability-case.entity';
import type { DisciplineBodyEntity } from '../../persistence/src/entities/discipline-body.entity';
import {
  AccountabilityRepository,
  type CaseNotice,
  type OpenCase,
} from '../../persistence/src/repositories/accountability.repository';
import { UnitRepository } from '../../persistence/src/repositories/unit.repository';
import {
  CASE_WORKFLOW_TYPE,
  caseSettledSignal,
  type CaseWorkflowInput,
} from '../../../workflows/case/case.contract';
import { startOnce, temporalUnavailable } from './start-once';

export interface NoticeDispatch {
  dispatch(requestIds: readonly string[]): Promise<void>;
}

export type CaseOpening = Omit<OpenCase, 'dueAt' | 'notify' | 'bodyCode' | 'unitLineage'> & {
  // The units concerned, the nearest first for the competent body; null: named by `bodyCode`.
  readonly lineage: readonly string[];
  // The body to open it at; undefined: the competent discipline commission for `lineage`.
  readonly bodyCode?: string | null;
};

export function bodyFacts(b: DisciplineBodyEntity): BodyFacts {
  return { code: b.code, kind: b.kind, level: b.level, parent: b.parentCode, jurisdiction: b.jurisdiction };
}

// Who a case's notice reaches: the body's people (persons with the discipline duty for its first
// unit), or the office when no body holds the case yet.
export function bodyNotice(body: DisciplineBodyEntity | null, subject: string): CaseNotice {
  return body && body.jurisdiction.length
    ? { addresseeKind: 'discipline', addressee: body.jurisdiction[0], subject }
    : { addresseeKind: 'office', addressee: 'office', subject };
}

export class AccountabilityCaseGateway {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly cases: AccountabilityRepository,
    private readonly units: UnitRepository,
    private readonly dispatcher?: NoticeDispatch,
    // Test-only fault injection (RECTIFY_FAULT_KILL_AFTER_COMMIT=case_opened): called after the
    // case row committed and before its clock starts.
    private readonly afterOpen?: (c: AccountabilityCaseEntity) => void,
  ) {}

  // The ladder's 问责移送 of a measure: the case the step's idempotency key names.
  async openForLadderReferral(r: {
    readonly workflowId: string;
    readonly idempotencyKey: string;
    readonly occurredAt: string;
    readonly stepKey?: string;
  }): Promise<AccountabilityCaseEntity | null> {
    const measure = await this.cases.measureByWorkflowId(r.workflowId);
    if (!measure) return null;
    return (
      await this.open({
        referralKey: r.idempotencyKey,
        origin: 'ladder',
        planId: measure.planId,
        measureId: measure.id,
        leadId: null,
        lineage: await this.measureLineage(measure.planId, measure.leadUnitCode, measure.coUnitCodes),
        reason: null,
        openedBy: 'rectify:escalation-ladder',
        openedAt: new Date(r.occurredAt),
        detail: { measureCode: measure.code, referral: r.idempotencyKey, stepKey: r.stepKey ?? null },
      })
    ).case;
  }

  // The lead unit's lineage first (nearest body), then the co-units'.
  async measureLineage(planId: string, leadUnit: string, coUnits: readonly string[]): Promise<string[]> {
    const lead = await this.units.lineage(planId, [leadUnit]);
    const all = await this.units.lineage(planId, [leadUnit, ...coUnits]);
    return [...lead, ...all.filter((u) => !lead.includes(u))];
  }

  async open(o: CaseOpening): Promise<{ case: AccountabilityCaseEntity; created: boolean }> {
    const bodies = await this.cases.bodies();
    const body =
      o.bodyCode === undefined
        ? (bodies.find((b) => b.code === competentBody(bodies.map(bodyFacts), o.lineage)?.code) ?? null)
        : (bodies.find((b) => b.code === o.bodyCode) ?? null);
    const policy = body?.casePolicy ?? DEFAULT_CASE_POLICY;
    const opened = await this.cases.openCase({
      ...o,
      bodyCode: body?.code ?? null,
      unitLineage: o.lineage,
      dueAt: new Date(addIsoDuration(o.openedAt.getTime(), policy.deadline)),
      notify: [
        bodyNotice(body, body ? 'accountability case opened (问责案件)' : 'accountability case has no body'),
      ],
    });
    this.afterOpen?.(opened.case);
    await this.startClock(opened.case, policy);
    if (this.dispatcher && opened.case.measureId) {
      const ids = await this.cases.requestIdsOfOpening(opened.case.id);
      if (ids.length) await this.dispatcher.dispatch(ids);
    }
    return opened;
  }

  // An open case's clock, started if an earlier attempt wrote the case but died (or found the
  // workflow service away) before starting it.
  async ensureClock(c: AccountabilityCaseEntity): Promise<void> {
    if (c.status !== 'open') return;
    const body = c.bodyCode ? await this.cases.body(c.bodyCode) : null;
    await this.startClock(c, body?.casePolicy ?? DEFAULT_CASE_POLICY);
  }

  async startClock(c: AccountabilityCaseEntity, policy: CaseClockPolicy): Promise<void> {
    const input: CaseWorkflowInput = { caseId: c.id, dueAt: c.dueAt.toISOString(), policy };
    await startOnce(this.client, CASE_WORKFLOW_TYPE, {
      workflowId: c.workflowId,
      taskQueue: this.taskQueue,
      args: [input],
    });
  }

  // The case is concluded: its clock stops. The next step's activity would see it too, so a
  // failed signal only delays the stop.
  async settle(c: AccountabilityCaseEntity): Promise<void> {
    try {
      await this.client.workflow.getHandle(c.workflowId).signal(caseSettledSignal);
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return;
      throw temporalUnavailable(e);
    }
  }
}

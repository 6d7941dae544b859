import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type ErrorDetail } from '../../../../libs/domain/src/domain-error';
import { checkEscalationPolicy } from '../../../../libs/domain/src/escalation-ladder';
import { measureWorkflowId } from '../../../../libs/domain/src/measure-identity';
import { readPlanDeadline } from '../../../../libs/domain/src/plan-deadline';
import {
  NOTICE_KIND_NAMES,
  noticeMeasureCode,
  roundPlanWithNotice,
  type RoundPlanDocument,
} from '../../../../libs/domain/src/spot-inspection';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { SpotInspectionRepository } from '../../../../libs/persistence/src/repositories/spot-inspection.repository';
import { validationFailed } from '../common/parse-input';
import { ImportPlanUseCase } from '../plans/import-plan.use-case';
import type { IssueSpotNoticeBody } from './spot-inspection.schemas';
import { findingView } from './spot-round.view';

const ISO_DAY_OR_INSTANT = /^\d{4}-\d{2}-\d{2}/;

// A finding issues a task notice (整改任务通知书) or a supervision letter (督办函): the round's plan
// gains a problem for the finding and a measure for the notice, re-imported through the plan
// import, so the measure is followed like any other, with its own deadline and ladder. The
// finding records the measure only once the import went through; issuing again after a failure
// re-imports the same document, and the import finishes what was left.
@Injectable()
export class IssueSpotNoticeUseCase {
  constructor(
    @Inject(SpotInspectionRepository) private readonly spot: SpotInspectionRepository,
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(ImportPlanUseCase) private readonly importPlan: ImportPlanUseCase,
  ) {}

  async execute(cmd: { roundCode: string; findingId: string; body: IssueSpotNoticeBody; actor: string }) {
    const round = await this.spot.findRound(cmd.roundCode);
    if (!round) throw new DomainError('NOT_FOUND', `no spot-inspection round ${cmd.roundCode}`);
    const finding = await this.spot.findFinding(round.id, cmd.findingId);
    if (!finding) throw new DomainError('NOT_FOUND', `round ${round.code} has no finding ${cmd.findingId}`);
    if (finding.noticeKind)
      throw new DomainError(
        'COMMAND_REFUSED',
        `finding ${finding.code} already issued a ${NOTICE_KIND_NAMES[finding.noticeKind]} (measure ${finding.measureCode}); a finding issues one notice`,
      );

    const b = cmd.body;
    const leadUnit = b.leadUnit ?? finding.unitCode;
    const problems: ErrorDetail[] = [];
    const add = (path: string, message: string) => problems.push({ path: `body.${path}`, message });
    if (!round.units.some((u) => u.code === leadUnit))
      add('leadUnit', `${leadUnit} is not a unit of round ${round.code}`);
    if (!ISO_DAY_OR_INSTANT.test(b.due))
      add(
        'due',
        'write a date (2019-05-31) or, for a deadline in hours, an instant with offset (2019-05-20T18:00:00+08:00)',
      );
    else {
      const due = readPlanDeadline(b.due, round.timeZone, { baseYear: Number(round.startsOn.slice(0, 4)) });
      if (!due.ok) add('due', due.message);
    }
    for (const p of b.escalationPolicy ? checkEscalationPolicy(b.escalationPolicy, { calendar: false }) : [])
      add(`escalationPolicy.steps[${p.index}].${p.field}`, p.message);
    if (problems.length) throw validationFailed('body', problems);

    const existing = await this.plans.findByCode(round.code);
    const current = existing
      ? ((await this.plans.definitionOf(existing)) as unknown as RoundPlanDocument)
      : null;
    const document = roundPlanWithNotice(round, current, {
      findingCode: finding.code,
      groupCode: finding.groupCode,
      description: finding.description,
      kind: b.kind,
      number: b.number ?? null,
      title: b.title ?? null,
      leadUnit,
      leadLeader: b.leadLeader,
      due: b.due,
      ...(b.escalationPolicy ? { escalationPolicy: b.escalationPolicy } : {}),
    });
    const imported = await this.importPlan.execute({
      source: { format: 'json', bytes: Buffer.from(JSON.stringify(document), 'utf8') },
      dryRun: false,
      withdrawRemoved: false,
      actor: cmd.actor,
    });
    const measureCode = noticeMeasureCode(finding.code, b.kind);
    const notice = {
      number: b.number ?? null,
      title: b.title ?? null,
      leadUnit,
      leadLeader: b.leadLeader,
      due: b.due,
      issuedAt: new Date().toISOString(),
      issuedBy: cmd.actor,
    };
    if (!(await this.spot.recordNotice(finding.id, b.kind, notice, measureCode)))
      throw new DomainError('COMMAND_REFUSED', `finding ${finding.code} issued a notice meanwhile`);
    const measure = (await this.spot.noticeMeasures(round.code)).get(measureCode) ?? null;
    const recorded = { ...finding, noticeKind: b.kind, notice, measureCode };
    return {
      finding: findingView(recorded, measure, new Date()),
      workflowId: measureWorkflowId(round.code, measureCode),
      plan: { code: imported.planCode, outcome: imported.outcome, measures: imported.measures },
    };
  }
}

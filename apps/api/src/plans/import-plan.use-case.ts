import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type ErrorDetail } from '../../../../libs/domain/src/domain-error';
import { isOpen } from '../../../../libs/domain/src/measure-status';
import { measureWorkflowId } from '../../../../libs/domain/src/measure-identity';
import { diffPlans, isEmptyDiff, type PlanDiff } from '../../../../libs/domain/src/plan-diff';
import type { PlanDefinition } from '../../../../libs/domain/src/plan-definition';
import { measureLeadUnit, planUnitGroups } from '../../../../libs/domain/src/plan-sub-measures';
import type { WorkingCalendar } from '../../../../libs/domain/src/working-calendar';
import type { MeasureEntity } from '../../../../libs/persistence/src/entities/measure.entity';
import type { PlanEntity } from '../../../../libs/persistence/src/entities/plan.entity';
import { planChangeRows } from '../../../../libs/persistence/src/plan-change.mapper';
import { planRows } from '../../../../libs/persistence/src/plan-import.mapper';
import { canonicalJson, sha256 } from '../../../../libs/persistence/src/stable-id';
import { CalendarRepository } from '../../../../libs/persistence/src/repositories/calendar.repository';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { IsolatedPlanFileReader } from '../../../../libs/plan-io/src/isolated-plan-file.reader';
import {
  strictReading,
  type LocatedDeadlineReading,
  type PlanFileReading,
} from '../../../../libs/plan-io/src/plan-file.reader';
import type { PlanFileFormat } from '../../../../libs/plan-io/src/plan-file-format';
import type { LocatedProblem } from '../../../../libs/plan-io/src/located-problem';
import { MeasureWorkflowGateway, StartOutcome } from '../../../../libs/temporal/src/measure-workflow.gateway';
import {
  planCadenceInput,
  PlanCadenceWorkflowGateway,
} from '../../../../libs/temporal/src/plan-cadence-workflow.gateway';
import { PlanLinks } from './plan-links';
import { plannedSubMeasureCodes, refuseSubMeasureChanges, tellSubMeasures } from './plan-sub-measure-changes';

export interface ImportPlanCommand {
  // The file as submitted, so that its problems are placed at lines or cells.
  readonly source: { readonly format: PlanFileFormat; readonly bytes: Uint8Array };
  // Compute and return what would happen; write nothing, start nothing.
  readonly dryRun: boolean;
  // Measures missing from the new document are withdrawn only when this is set.
  readonly withdrawRemoved: boolean;
  // Warnings (a deadline before the feedback date, …) refuse the plan as problems would.
  readonly strict?: boolean;
  // Who imports: recorded on deadline changes and withdrawals.
  readonly actor: string;
  // Hears of the work as it is done, for clients that show progress (the CLI on a large plan).
  readonly onProgress?: (p: ImportProgress) => void;
}

// Measure workflows started (or found running) so far, out of those the import follows.
export interface ImportProgress {
  readonly step: 'starting workflows';
  readonly done: number;
  readonly total: number;
}

export interface WorkflowEffects {
  readonly started: Record<StartOutcome, number>;
  readonly deadlinesChanged: number;
  readonly reassigned: number;
  readonly withdrawn: number;
  // Running measures moved onto the working calendar a re-imported plan names instead.
  readonly calendarApplied: number;
  // The plan's reporting-cadence workflow (plan-cadence:<code>): running (started now or before),
  // closed (ended with the plan), or null when the plan sets no cadence or is closed.
  readonly cadence: StartOutcome | null;
}

export interface ImportPlanResult {
  readonly planId: string;
  readonly planCode: string;
  readonly outcome: 'created' | 'unchanged' | 'updated' | 'dry_run';
  // Measures the plan has after the import (or would have, on a dry run).
  readonly measures: number;
  // Against the plan as last applied; null when the plan is new.
  readonly diff: PlanDiff | null;
  // How each Chinese deadline was read ("9月底前" → 2019-09-30), with where it was written.
  readonly deadlines: readonly LocatedDeadlineReading[];
  readonly warnings: readonly LocatedProblem[];
  readonly workflows: WorkflowEffects | null;
  // Dry run only: the refusal applying this document would meet (e.g. removed measures without
  // withdrawRemoved), or null when it would apply.
  readonly wouldRefuse?: {
    readonly code: string;
    readonly message: string;
    readonly details: readonly ErrorDetail[];
  } | null;
}

const NO_EFFECTS = { deadlinesChanged: 0, reassigned: 0, withdrawn: 0, calendarApplied: 0 };

// Import a plan, or re-import one whose code exists: the difference to the plan as last applied
// is computed and, unless this is a dry run, applied. Workflows hear of moved deadlines, new lead
// units and withdrawals before the database records the change; every step is idempotent, so
// submitting the same document again after a failure finishes what was left.
@Injectable()
export class ImportPlanUseCase {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(MeasureRepository) private readonly measures: MeasureRepository,
    @Inject(MeasureWorkflowGateway) private readonly workflows: MeasureWorkflowGateway,
    @Inject(CalendarRepository) private readonly calendars: CalendarRepository,
    @Inject(PlanCadenceWorkflowGateway) private readonly cadence: PlanCadenceWorkflowGateway,
    @Inject(IsolatedPlanFileReader) private readonly reader: IsolatedPlanFileReader,
    @Inject(PlanLinks) private readonly links: PlanLinks,
  ) {}

  async execute(c: ImportPlanCommand): Promise<ImportPlanResult> {
    const read = await this.reader.read(c.source.bytes, c.source.format);
    const reading = c.strict ? strictReading(read) : read;
    if (!reading.ok) throw refusal(reading);
    const plan = reading.plan;
    const calendar = await this.calendarOf(plan);
    const existing = await this.plans.findByCode(plan.plan.code);
    const base = { planCode: plan.plan.code, deadlines: reading.deadlines, warnings: reading.warnings };
    // Links to earlier plans are refused before anything is written; reopenings follow the import.
    const reopenings = await this.links.check(
      plan,
      existing ? await this.plans.definitionOf(existing) : null,
    );
    const result = existing
      ? await this.change(existing, plan, calendar, c, base)
      : await this.create(plan, calendar, c, base);
    if (result.outcome !== 'dry_run') await this.links.reopen(reopenings, plan, c.actor);
    return result;
  }

  // The working calendar the plan names, resolved now: each workflow carries it as data. A code
  // that names no calendar is refused before anything is written.
  private async calendarOf(plan: PlanDefinition): Promise<WorkingCalendar | null> {
    const code = plan.plan.calendar;
    if (code === undefined) return null;
    const calendar = await this.calendars.resolve(code);
    if (calendar) return calendar;
    const message = `unknown working calendar ${code}: name CN or a calendar the office keeps (GET /calendars)`;
    throw new DomainError(
      'VALIDATION_FAILED',
      `the plan has 1 problem(s); first: plan.calendar: ${message}`,
      [{ path: 'plan.calendar', message }],
    );
  }

  private async create(
    plan: PlanDefinition,
    calendar: WorkingCalendar | null,
    c: ImportPlanCommand,
    base: Base,
  ): Promise<ImportPlanResult> {
    const rows = planRows(plan, new Date());
    // The plan's measures; their sub-measures (各市州 …) are not measures of the plan.
    const measures = rows.measures.filter((m) => m.parentMeasureId === null).length;
    const result = { ...base, planId: rows.plan.id, measures, diff: null };
    if (c.dryRun) return { ...result, outcome: 'dry_run', workflows: null };
    const saved = await this.plans.savePlan(rows);
    if (saved.kind === 'conflict') throw new DomainError('PLAN_CONFLICT', saved.message);
    const started = await this.startAll(rows.plan.code, rows.plan.timeZone, rows.measures, calendar, c);
    const cadence = await this.startCadence(plan, null);
    return { ...result, outcome: saved.kind, workflows: { started, ...NO_EFFECTS, cadence } };
  }

  private async change(
    existing: PlanEntity,
    plan: PlanDefinition,
    calendar: WorkingCalendar | null,
    c: ImportPlanCommand,
    base: Base,
  ): Promise<ImportPlanResult> {
    const before = await this.plans.definitionOf(existing);
    if (before.inspection.code !== plan.inspection.code)
      throw new DomainError(
        'PLAN_CONFLICT',
        `plan ${plan.plan.code} answers inspection ${before.inspection.code}, not ${plan.inspection.code}`,
      );
    const diff = diffPlans(before, plan);
    const all = await this.measures.listByPlan(existing.id);
    const rows = all.filter((m) => m.parentMeasureId === null);
    // With the measures: the sub-measures the plan writes down (the import starts these).
    const planned = plannedSubMeasureCodes(plan);
    const followed = (m: MeasureEntity) => m.parentMeasureId === null || planned.has(m.code);
    const byCode = new Map(rows.map((m) => [m.code, m]));
    const count = rows.length - diff.measures.removed.length + diff.measures.added.length;
    const result = { ...base, planId: existing.id, measures: count, diff };
    if (c.dryRun) {
      let wouldRefuse: ImportPlanResult['wouldRefuse'] = null;
      try {
        this.refuseImpossible(diff, byCode, c.withdrawRemoved);
        refuseSubMeasureChanges(diff, all, c.withdrawRemoved);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        wouldRefuse = { code: e.code, message: e.message, details: e.details };
      }
      return { ...result, outcome: 'dry_run', workflows: null, wouldRefuse };
    }
    this.refuseImpossible(diff, byCode, c.withdrawRemoved);
    refuseSubMeasureChanges(diff, all, c.withdrawRemoved);

    if (isEmptyDiff(diff)) {
      const started = await this.startAll(
        existing.code,
        existing.timeZone,
        all.filter((m) => followed(m) && isOpen(m.status)),
        calendar,
        c,
      );
      const cadence = await this.startCadence(plan, existing);
      return { ...result, outcome: 'unchanged', workflows: { started, ...NO_EFFECTS, cadence } };
    }
    // The commands of one change are named by the documents it goes from and to: the same
    // document submitted again after a failure repeats them, and each is applied once.
    const changeKey = `reimport:${existing.contentHash}:${sha256(canonicalJson(plan))}`;
    const measureEffects = await this.tellWorkflows(diff, byCode, plan, c.actor, changeKey);
    const subEffects = await this.tolerating(() =>
      tellSubMeasures(this.workflows, diff, all, plan, c.actor, changeKey),
    );
    const effects = {
      deadlinesChanged: measureEffects.deadlinesChanged + subEffects.deadlinesChanged,
      reassigned: measureEffects.reassigned + subEffects.reassigned,
      withdrawn: measureEffects.withdrawn + subEffects.withdrawn,
    };
    const calendarApplied = await this.tellCalendar(existing, diff, calendar, c.actor, changeKey);
    // Listed again: sub-measures handed down to running measures have rows by now.
    const current = await this.measures.listByPlan(existing.id);
    const change = planChangeRows(before, plan, diff, current, existing.contentHash, new Date());
    const status = new Map(current.map((m) => [m.code, m.status]));
    const toWithdraw = [...diff.measures.removed, ...diff.subMeasures.removed].filter(
      (code) => status.has(code) && status.get(code) !== 'withdrawn',
    );
    const applied = await this.plans.applyChange({ ...change, withdrawnCodes: toWithdraw });
    if (applied.kind === 'conflict') throw new DomainError('PLAN_CONFLICT', applied.message);
    const after = (await this.measures.listByPlan(existing.id)).filter(
      (m) => followed(m) && isOpen(m.status),
    );
    const started = await this.startAll(plan.plan.code, plan.plan.timeZone, after, calendar, c);
    const cadence = await this.startCadence(plan, existing);
    return { ...result, outcome: 'updated', workflows: { started, ...effects, calendarApplied, cadence } };
  }

  // Refusals come before anything is touched, naming every measure concerned.
  private refuseImpossible(
    diff: PlanDiff,
    byCode: Map<string, MeasureEntity>,
    withdrawRemoved: boolean,
  ): void {
    const detail = (code: string, message: string): ErrorDetail => ({ path: `measures.${code}`, message });
    const returning = diff.measures.added.filter((code) => byCode.has(code));
    if (returning.length)
      throw new DomainError(
        'PLAN_CONFLICT',
        `measure(s) ${returning.join(', ')} left the plan earlier and cannot come back under the same code; give them new codes`,
        returning.map((code) => detail(code, 'was withdrawn from this plan')),
      );
    const removed = diff.measures.removed.map((code) => byCode.get(code)).filter((m) => m !== undefined);
    const done = removed.filter((m) => m.status === 'verified' || m.status === 'closed');
    if (done.length)
      throw new DomainError(
        'PLAN_CONFLICT',
        `measure(s) ${done.map((m) => m.code).join(', ')} are signed off (销号) and stay in the plan; keep them in the document`,
        done.map((m) => detail(m.code, `is ${m.status}`)),
      );
    const open = removed.filter((m) => m.status !== 'withdrawn');
    if (open.length && !withdrawRemoved)
      throw new DomainError(
        'PLAN_CONFLICT',
        `the new document leaves out ${open.length} measure(s) still being followed: ${open.map((m) => m.code).join(', ')}; ` +
          'import with withdrawRemoved=true (CLI: --withdraw-removed) to withdraw them (调出), or keep them in the document',
        open.map((m) => detail(m.code, `is ${m.status} and missing from the new document`)),
      );
  }

  private async tellWorkflows(
    diff: PlanDiff,
    byCode: Map<string, MeasureEntity>,
    plan: PlanDefinition,
    actor: string,
    changeKey: string,
  ): Promise<Omit<WorkflowEffects, 'started' | 'calendarApplied' | 'cadence'>> {
    const open = (code: string) => {
      const m = byCode.get(code);
      return m && isOpen(m.status) ? m : undefined;
    };
    const id = (code: string) => measureWorkflowId(plan.plan.code, code);
    const reason = `plan ${plan.plan.code} re-imported`;
    const groups = planUnitGroups(plan);
    let deadlinesChanged = 0;
    let reassigned = 0;
    let withdrawn = 0;
    await this.tolerating(async () => {
      for (const d of diff.deadlines) {
        if (!open(d.measureCode)) continue;
        await this.workflows.changeDeadline(
          id(d.measureCode),
          {
            dueAt: d.after.dueAt,
            reason: `${reason}: deadline ${d.before.written} → ${d.after.written}`,
            actor,
          },
          `${changeKey}:${d.measureCode}`,
        );
        deadlinesChanged++;
      }
      const measures = new Map(
        plan.categories
          .flatMap((c) => c.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures)))
          .map((m) => [m.code, m]),
      );
      for (const ch of diff.measures.changed) {
        const fields = new Set(ch.changes.map((f) => f.field));
        const next = measures.get(ch.code);
        if (!next || !open(ch.code) || !(fields.has('leadUnit') || fields.has('leadLeader'))) continue;
        await this.workflows.reassign(
          id(ch.code),
          {
            actor,
            reason,
            ...(fields.has('leadUnit') ? { leadUnitCode: measureLeadUnit(groups, next) } : {}),
            ...(fields.has('leadLeader') ? { leadLeader: next.leadLeader } : {}),
          },
          `${changeKey}:${ch.code}`,
        );
        reassigned++;
      }
      for (const code of diff.measures.removed) {
        if (!open(code)) continue;
        await this.workflows.withdraw(
          id(code),
          {
            actor,
            reason: `${reason}: the measure is no longer in the plan (调出)`,
          },
          `${changeKey}:${code}`,
        );
        withdrawn++;
      }
    });
    return { deadlinesChanged, reassigned, withdrawn };
  }

  // The plan names another calendar (or none): every open measure, sub-measures included, moves
  // its pending steps onto it. Measures the document removes are withdrawn instead.
  private async tellCalendar(
    existing: PlanEntity,
    diff: PlanDiff,
    calendar: WorkingCalendar | null,
    actor: string,
    changeKey: string,
  ): Promise<number> {
    if (!diff.plan.some((f) => f.field === 'plan.calendar')) return 0;
    const removed = new Set(diff.measures.removed);
    const open = (await this.measures.listByPlan(existing.id)).filter(
      (m) => isOpen(m.status) && !removed.has(m.code),
    );
    await this.tolerating(async () => {
      for (const m of open)
        await this.workflows.applyCalendar(m.workflowId, { actor, calendar }, `${changeKey}:${m.code}`);
    });
    return open.length;
  }

  // Nothing is recorded until every workflow heard of the change; the same document submitted
  // again repeats the (idempotent) commands and then records it.
  private async tolerating<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (e instanceof DomainError && e.code === 'TEMPORAL_UNAVAILABLE')
        throw new DomainError(
          'TEMPORAL_UNAVAILABLE',
          `the plan change was not recorded: ${e.message}; submit the same document again once Temporal is up`,
        );
      throw e;
    }
  }

  // After the measures: the plan's reporting cadence, once per plan. A re-import finds it running
  // (or starts the one a plan imported before cadences were enforced never had); a closed plan
  // gets none. A cadence changed by a re-import does not reach a running workflow.
  private async startCadence(
    plan: PlanDefinition,
    existing: PlanEntity | null,
  ): Promise<StartOutcome | null> {
    const input = planCadenceInput(plan);
    if (!input || existing?.closedAt) return null;
    try {
      return await this.cadence.start(input);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'TEMPORAL_UNAVAILABLE')
        throw new DomainError(
          'TEMPORAL_UNAVAILABLE',
          `plan ${input.planCode} is saved and its measures followed, but its reporting cadence is not (${e.message}); submit the same plan again once Temporal is up`,
        );
      throw e;
    }
  }

  private async startAll(
    planCode: string,
    timeZone: string,
    measures: readonly MeasureEntity[],
    calendar: WorkingCalendar | null,
    c: ImportPlanCommand,
  ): Promise<Record<StartOutcome, number>> {
    const onStarted = c.onProgress
      ? (done: number, total: number) => c.onProgress?.({ step: 'starting workflows', done, total })
      : undefined;
    try {
      return await this.workflows.startForMeasures(planCode, timeZone, measures, calendar, onStarted);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'TEMPORAL_UNAVAILABLE') {
        throw new DomainError(
          'TEMPORAL_UNAVAILABLE',
          `plan ${planCode} is saved but not every measure is followed yet (${e.message}); submit the same plan again once Temporal is up`,
        );
      }
      throw e;
    }
  }
}

type Base = Pick<ImportPlanResult, 'planCode' | 'deadlines' | 'warnings'>;

function refusal(r: Extract<PlanFileReading, { ok: false }>): DomainError {
  const first = r.problems[0];
  const where = first.location ? `${first.location}: ` : first.path !== '(file)' ? `${first.path}: ` : '';
  return new DomainError(
    r.code,
    r.code !== 'VALIDATION_FAILED'
      ? first.message
      : `the plan has ${r.problems.length} problem(s); first: ${where}${first.message}`,
    r.problems,
  );
}

import { Inject, Injectable } from '@nestjs/common';
import { readDeadline } from '../../../../libs/domain/src/deadline';
import { DomainError, type ErrorDetail } from '../../../../libs/domain/src/domain-error';
import { withDatedDeadlines } from '../../../../libs/domain/src/plan-deadline-readings';
import { formatPath, type PlanDefinition } from '../../../../libs/domain/src/plan-definition';
import { officePath } from '../../../../libs/domain/src/plan-tree-shape';
import { CarryOverRepository } from '../../../../libs/persistence/src/repositories/carry-over.repository';
import { MeasureWorkflowGateway } from '../../../../libs/temporal/src/measure-workflow.gateway';

// An earlier plan's signed-off measure that this plan reopens, with this plan's deadline for it.
export interface Reopening {
  readonly measureCode: string;
  readonly workflowId: string;
  readonly dueAt: Date;
}

// The links a plan makes to earlier plans of the installation (承接 carry-over, 回头看 reopening):
// checked against what is stored before anything is written, and reopenings applied after.
@Injectable()
export class PlanLinks {
  constructor(
    @Inject(CarryOverRepository) private readonly earlier: CarryOverRepository,
    @Inject(MeasureWorkflowGateway) private readonly workflows: MeasureWorkflowGateway,
  ) {}

  // Refuses, naming every path, a carry-over or reopening whose plan, problem or measure is not
  // stored, or a measure to reopen that is not signed off (已销号). A reopening the plan as last
  // applied (`before`) already made is not checked again: its measure is open now.
  async check(plan: PlanDefinition, before: PlanDefinition | null): Promise<Reopening[]> {
    const problems: ErrorDetail[] = [];
    const add = (path: PropertyKey[], message: string) =>
      problems.push({ path: officePath(plan.categories, formatPath(path)), message });
    const applied = new Set(
      (before?.categories ?? []).flatMap((c) =>
        c.aspects.flatMap((a) =>
          a.problems.flatMap((p) => p.measures.filter((m) => m.reopens).map((m) => m.code)),
        ),
      ),
    );
    const dated = withDatedDeadlines(plan);
    const out: Reopening[] = [];
    for (const [ci, c] of dated.categories.entries())
      for (const [ai, a] of c.aspects.entries())
        for (const [pi, p] of a.problems.entries()) {
          const path = ['categories', ci, 'aspects', ai, 'problems', pi];
          if (p.carriesOver) {
            const from = await this.earlier.plan(p.carriesOver.plan);
            if (!from)
              add([...path, 'carriesOver', 'plan'], `no plan ${p.carriesOver.plan} in this installation`);
            else if (!(await this.earlier.problem(from.id, p.carriesOver.problem)))
              add(
                [...path, 'carriesOver', 'problem'],
                `plan ${p.carriesOver.plan} has no problem ${p.carriesOver.problem}`,
              );
          }
          for (const [mi, m] of p.measures.entries()) {
            if (!m.reopens) continue;
            const at = [...path, 'measures', mi, 'reopens'];
            const from = await this.earlier.plan(m.reopens.plan);
            const target = from ? await this.earlier.measure(from.id, m.reopens.measure) : null;
            if (!from) add([...at, 'plan'], `no plan ${m.reopens.plan} in this installation`);
            else if (!target)
              add([...at, 'measure'], `plan ${m.reopens.plan} has no measure ${m.reopens.measure}`);
            else if (from.closedAt)
              add([...at, 'plan'], `plan ${m.reopens.plan} is closed: its measures stay as they ended`);
            else if (!applied.has(m.code) && target.status !== 'verified')
              add(
                [...at, 'measure'],
                `measure ${m.reopens.measure} of plan ${m.reopens.plan} is ${target.status}; only a signed-off (verified, 已销号) measure is reopened`,
              );
            const due = readDeadline(m.due, plan.plan.timeZone);
            if (target && due.ok)
              out.push({ measureCode: m.code, workflowId: target.workflowId, dueAt: due.dueAt });
          }
        }
    if (problems.length)
      throw new DomainError(
        'VALIDATION_FAILED',
        `the plan has ${problems.length} problem(s); first: ${problems[0].path}: ${problems[0].message}`,
        problems,
      );
    return out;
  }

  // The look-back machinery reopens each: a look-back scheduled and at once recorded as failed with
  // this plan's deadline (scheduled a day ahead, so the loop never announces it as due in between).
  // Keyed by plan and measure, so importing the same plan again changes nothing.
  async reopen(reopenings: readonly Reopening[], plan: PlanDefinition, actor: string): Promise<void> {
    try {
      for (const r of reopenings) {
        const key = `reopen:${plan.plan.code}:${r.measureCode}`;
        await this.workflows.scheduleLookBack(r.workflowId, { actor, after: 'P1D' }, key);
        await this.workflows.recordLookBack(
          r.workflowId,
          {
            actor,
            outcome: 'failed',
            findings: `列入${plan.plan.title}（${plan.plan.code}）回头看整改，措施${r.measureCode}`,
            dueAt: r.dueAt.toISOString(),
          },
          key,
        );
      }
    } catch (e) {
      if (e instanceof DomainError && e.code === 'TEMPORAL_UNAVAILABLE')
        throw new DomainError(
          'TEMPORAL_UNAVAILABLE',
          `plan ${plan.plan.code} is saved but not every earlier measure it reopens is reopened yet (${e.message}); submit the same plan again once Temporal is up`,
        );
      throw e;
    }
  }
}

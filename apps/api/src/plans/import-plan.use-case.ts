import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { validatePlanDefinition } from '../../../../libs/domain/src/plan-definition';
import { planRows } from '../../../../libs/persistence/src/plan-import.mapper';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { MeasureWorkflowGateway, StartOutcome } from '../../../../libs/temporal/src/measure-workflow.gateway';
import type { MeasureEntity } from '../../../../libs/persistence/src/entities/measure.entity';

export interface ImportPlanResult {
  readonly planId: string;
  readonly planCode: string;
  readonly outcome: 'created' | 'unchanged';
  readonly measures: number;
  readonly workflows: Record<StartOutcome, number>;
}

// Validate everything, write the plan in one transaction, then make sure every measure is followed.
// Starting is idempotent, so submitting the same plan again finishes whatever a failure left out.
@Injectable()
export class ImportPlanUseCase {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(MeasureWorkflowGateway) private readonly workflows: MeasureWorkflowGateway,
  ) {}

  async execute(document: unknown): Promise<ImportPlanResult> {
    const validation = validatePlanDefinition(document);
    if (!validation.ok) {
      const first = validation.problems[0];
      throw new DomainError(
        'VALIDATION_FAILED',
        `the plan has ${validation.problems.length} problem(s); first: ${first.path}: ${first.message}`,
        validation.problems,
      );
    }
    const rows = planRows(validation.plan, new Date());
    const saved = await this.plans.savePlan(rows);
    if (saved.kind === 'conflict') throw new DomainError('PLAN_CONFLICT', saved.message);
    const workflows = await this.startAll(rows.plan.code, rows.measures);
    return {
      planId: rows.plan.id,
      planCode: rows.plan.code,
      outcome: saved.kind,
      measures: rows.measures.length,
      workflows,
    };
  }

  private async startAll(
    planCode: string,
    measures: readonly MeasureEntity[],
  ): Promise<Record<StartOutcome, number>> {
    try {
      return await this.workflows.startForMeasures(planCode, measures);
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

import { Inject, Injectable } from '@nestjs/common';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';

@Injectable()
export class ListPlansUseCase {
  constructor(@Inject(PlanRepository) private readonly plans: PlanRepository) {}

  async execute() {
    const plans = await this.plans.list();
    return {
      items: plans.map((p) => ({
        id: p.id,
        code: p.code,
        title: p.title,
        timeZone: p.timeZone,
        importedAt: p.importedAt.toISOString(),
      })),
    };
  }
}

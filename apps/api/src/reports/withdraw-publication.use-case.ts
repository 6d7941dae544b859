import { Inject, Injectable } from '@nestjs/common';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { PlanReportSource } from './plan-report.source';
import { PublicBulletinCache } from './public-bulletin.cache';

// Withdraws the plan's public bulletin: anonymous callers get 404 again (repeatable).
@Injectable()
export class WithdrawPublicationUseCase {
  constructor(
    @Inject(PlanReportSource) private readonly source: PlanReportSource,
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(PublicBulletinCache) private readonly cache: PublicBulletinCache,
  ) {}

  async execute(c: { readonly plan: string; readonly actor: string }): Promise<void> {
    const plan = await this.source.plan(c.plan);
    await this.plans.setPublication(plan.id, null, new Date(), c.actor);
    this.cache.dropPlan(plan.id);
  }
}

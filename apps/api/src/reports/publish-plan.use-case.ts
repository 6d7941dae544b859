import { Inject, Injectable } from '@nestjs/common';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { assertCalendarDate, PlanReportSource } from './plan-report.source';
import { PublicBulletinCache } from './public-bulletin.cache';

export interface PublishPlanCommand {
  readonly plan: string;
  readonly asOf: string;
  readonly actor: string;
}

// 公开: the office releases the plan's public bulletin as of a day; anonymous callers read that
// edition and no other. Publishing again moves the day.
@Injectable()
export class PublishPlanUseCase {
  constructor(
    @Inject(PlanReportSource) private readonly source: PlanReportSource,
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(PublicBulletinCache) private readonly cache: PublicBulletinCache,
  ) {}

  async execute(c: PublishPlanCommand) {
    const plan = await this.source.plan(c.plan);
    assertCalendarDate(c.asOf, plan.timeZone, 'body.asOf');
    const at = new Date();
    await this.plans.setPublication(plan.id, c.asOf, at, c.actor);
    this.cache.dropPlan(plan.id);
    return {
      planId: plan.id,
      code: plan.code,
      asOf: c.asOf,
      publishedAt: at.toISOString(),
      publishedBy: c.actor,
    };
  }
}

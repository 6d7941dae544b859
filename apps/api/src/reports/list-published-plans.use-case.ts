import { Inject, Injectable } from '@nestjs/common';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';

export interface ListPublishedPlansQuery {
  readonly limit: number;
  readonly offset: number;
}

// How anyone, without an account, learns which plans have a public bulletin (公开) and as of which
// day: the plans the office published, and nothing of the others. Not who published.
@Injectable()
export class ListPublishedPlansUseCase {
  constructor(@Inject(PlanRepository) private readonly plans: PlanRepository) {}

  async execute(q: ListPublishedPlansQuery) {
    const [rows, total] = await this.plans.listPublished(q);
    return {
      items: rows.map((p) => ({
        id: p.id,
        code: p.code,
        title: p.title,
        publishedAsOf: p.publishedAsOf!,
        publishedAt: p.publishedAt!.toISOString(),
      })),
      total,
    };
  }
}

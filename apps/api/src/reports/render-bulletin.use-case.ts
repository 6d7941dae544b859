import { Inject, Injectable } from '@nestjs/common';
import { can, type Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { spotFiguresAsOf } from '../../../../libs/domain/src/spot-inspection';
import { SpotInspectionRepository } from '../../../../libs/persistence/src/repositories/spot-inspection.repository';
import {
  renderBulletin,
  type BulletinEdition,
  type BulletinFormat,
} from '../../../../libs/reporting/src/bulletin-renderer';
import { PlanReportSource } from './plan-report.source';
import { PublicBulletinCache, publicBulletinKey } from './public-bulletin.cache';

export interface RenderBulletinCommand {
  readonly plan: string;
  readonly asOf?: string;
  readonly edition: BulletinEdition;
  readonly format: BulletinFormat;
  readonly principal: Principal;
}

// The progress bulletin (通报) from live data. The internal edition names lead leaders, so only
// those who manage measures (the office) may read it; the public edition names no individual.
@Injectable()
export class RenderBulletinUseCase {
  constructor(
    @Inject(PlanReportSource) private readonly source: PlanReportSource,
    @Inject(SpotInspectionRepository) private readonly spot: SpotInspectionRepository,
    @Inject(PublicBulletinCache) private readonly cache: PublicBulletinCache,
  ) {}

  async execute(c: RenderBulletinCommand): Promise<{ readonly text: string; readonly asOf: string }> {
    if (c.edition === 'internal' && !can(c.principal, 'measure:manage'))
      throw new DomainError(
        'FORBIDDEN',
        'the internal edition is for the rectification office; ask for edition=public',
      );
    if (c.principal.kind === 'anonymous') return this.published(c);
    return this.render(c.plan, c.asOf, c.edition, c.format);
  }

  // Anonymous callers read only what the office published (公开), as of the day it published, and
  // from the cache once rendered. An unpublished plan does not exist for them.
  private async published(
    c: RenderBulletinCommand,
  ): Promise<{ readonly text: string; readonly asOf: string }> {
    const plan = await this.source.plan(c.plan);
    if (!plan.publishedAsOf || !plan.publishedAt) throw new DomainError('NOT_FOUND', `no plan ${c.plan}`);
    if (c.asOf !== undefined && c.asOf !== plan.publishedAsOf)
      throw new DomainError('VALIDATION_FAILED', `the plan is published as of ${plan.publishedAsOf}`, [
        { path: 'query.asOf', message: `must be ${plan.publishedAsOf} (the published day) or left out` },
      ]);
    const key = publicBulletinKey(plan.id, plan.publishedAsOf, plan.publishedAt, c.format);
    const cached = this.cache.get(key);
    if (cached !== undefined) return { text: cached, asOf: plan.publishedAsOf };
    const out = await this.render(plan.id, plan.publishedAsOf, 'public', c.format);
    this.cache.set(key, out.text);
    return out;
  }

  private async render(
    planIdOrCode: string,
    asOf: string | undefined,
    edition: BulletinEdition,
    format: BulletinFormat,
  ): Promise<{ readonly text: string; readonly asOf: string }> {
    const { report, definition } = await this.source.load(planIdOrCode, asOf);
    // The installation's spot inspections as of the same day: one sentence, when there were any.
    const facts = await this.spot.bulletinFacts();
    const dayIn = dayInZone(definition.plan.timeZone);
    const spotInspections = spotFiguresAsOf(
      facts.rounds,
      facts.findings.map((f) => ({
        foundOn: f.foundOn,
        noticeKind: f.noticeKind,
        issuedOn: f.notice ? dayIn(new Date(f.notice.issuedAt)) : null,
      })),
      report.asOf,
    );
    return { text: renderBulletin({ ...report, spotInspections }, edition, format), asOf: report.asOf };
  }
}

function dayInZone(zone: string): (at: Date) => string {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return (at) => f.format(at);
}

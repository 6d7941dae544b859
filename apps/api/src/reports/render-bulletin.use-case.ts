import { Inject, Injectable } from '@nestjs/common';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { can, type Principal } from '../../../../libs/domain/src/authorization';
import { assessmentPeriod } from '../../../../libs/domain/src/assessment-period';
import { readDeadline } from '../../../../libs/domain/src/deadline';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { spotFiguresAsOf } from '../../../../libs/domain/src/spot-inspection';
import type { PlanRow } from '../../../../libs/persistence/src/repositories/plan.repository';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { SpotInspectionRepository } from '../../../../libs/persistence/src/repositories/spot-inspection.repository';
import { UnitAssessmentRepository } from '../../../../libs/persistence/src/repositories/unit-assessment.repository';
import {
  renderBulletin,
  type BulletinEdition,
  type BulletinFormat,
} from '../../../../libs/reporting/src/bulletin-renderer';
import type { BulletinUnitRanking } from '../../../../libs/reporting/src/plan-report';
import { SharedRenderings } from '../../../../libs/reporting/src/shared-renderings';
import { ReportRenderingMetrics } from '../observability/report-rendering.metrics';
import { AssessmentRankingSource, type RankedPlan } from '../assessment/assessment-ranking.source';
import { PlanReportSource } from './plan-report.source';
import { renderedBody, type RenderedBody } from './rendered-body';
import { PublicBulletinCache, publicBulletinKey } from './public-bulletin.cache';
import { nextSlice, sliceIsUp } from '../../../../libs/runtime/src/event-loop-slices';

// The bulletin's text as a response sends it (encoded, with its ETag), and the day it is as of.
export interface RenderedBulletin {
  readonly body: RenderedBody;
  readonly asOf: string;
}

export interface RenderBulletinCommand {
  readonly plan: string;
  readonly asOf?: string;
  readonly edition: BulletinEdition;
  readonly format: BulletinFormat;
  readonly principal: Principal;
}

// The progress bulletin (通报) from live data. The internal edition names lead leaders, so only
// those who manage measures (the office) may read it; the public edition names no individual.
// Both carry the unit ranking (考评排名) of the as-of day's month: the internal edition as computed
// now (judged up to the end of that day, by the plan's current rule), the public edition only the
// ranking the office published for that month, as frozen at publication. Requests for the same
// rendering arriving together share one, begun after the last of them arrived
// (libs/reporting/src/shared-renderings.ts).
@Injectable()
export class RenderBulletinUseCase {
  private readonly shared: SharedRenderings<RenderedBulletin>;

  constructor(
    @Inject(PlanReportSource) private readonly source: PlanReportSource,
    @Inject(SpotInspectionRepository) private readonly spot: SpotInspectionRepository,
    @Inject(PublicBulletinCache) private readonly cache: PublicBulletinCache,
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(UnitAssessmentRepository) private readonly assessment: UnitAssessmentRepository,
    @Inject(AssessmentRankingSource) private readonly rankings: AssessmentRankingSource,
    @Inject(RECTIFY_CONFIG) config: RectifyConfig,
    @Inject(ReportRenderingMetrics) metrics: ReportRenderingMetrics,
  ) {
    this.shared = new SharedRenderings(config.reports.gatherMs, metrics.rendering('bulletin'));
  }

  async execute(c: RenderBulletinCommand): Promise<RenderedBulletin> {
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
  private async published(c: RenderBulletinCommand): Promise<RenderedBulletin> {
    const plan = await this.source.plan(c.plan);
    if (!plan.publishedAsOf || !plan.publishedAt) throw new DomainError('NOT_FOUND', `no plan ${c.plan}`);
    if (c.asOf !== undefined && c.asOf !== plan.publishedAsOf)
      throw new DomainError('VALIDATION_FAILED', `the plan is published as of ${plan.publishedAsOf}`, [
        { path: 'query.asOf', message: `must be ${plan.publishedAsOf} (the published day) or left out` },
      ]);
    // A ranking published (or published again) since the rendering is a new edition.
    const ranking = await this.assessment.publication(plan.id, plan.publishedAsOf.slice(0, 7));
    const key = publicBulletinKey(
      plan.id,
      plan.publishedAsOf,
      plan.publishedAt,
      c.format,
      ranking?.publishedAt,
    );
    const cached = this.cache.get(key);
    if (cached !== undefined) return { body: cached, asOf: plan.publishedAsOf };
    const out = await this.render(plan.id, plan.publishedAsOf, 'public', c.format);
    this.cache.set(key, out.body);
    return out;
  }

  // Who asked does not change the text once they may read the edition (checked before): the key is
  // what the rendering depends on.
  private render(
    planIdOrCode: string,
    asOf: string | undefined,
    edition: BulletinEdition,
    format: BulletinFormat,
  ): Promise<RenderedBulletin> {
    return this.shared.render(JSON.stringify([planIdOrCode, asOf ?? null, edition, format]), () =>
      this.rendering(planIdOrCode, asOf, edition, format),
    );
  }

  private async rendering(
    planIdOrCode: string,
    asOf: string | undefined,
    edition: BulletinEdition,
    format: BulletinFormat,
  ): Promise<RenderedBulletin> {
    const { report, definition, plan, measures } = await this.source.load(planIdOrCode, asOf);
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
    // The report, the ranking and the page each hold the API's thread a while at 50,000 measures
    // (about 0.1 s each): a turn between them.
    if (sliceIsUp()) await nextSlice();
    const unitRanking = await this.unitRanking(plan, measures, report.asOf, edition, dayIn);
    if (sliceIsUp()) await nextSlice();
    return {
      body: renderedBody(renderBulletin({ ...report, spotInspections, unitRanking }, edition, format)),
      asOf: report.asOf,
    };
  }

  private async unitRanking(
    plan: PlanRow,
    measures: RankedPlan['measures'],
    asOf: string,
    edition: BulletinEdition,
    dayIn: (at: Date) => string,
  ): Promise<BulletinUnitRanking | undefined> {
    const month = asOf.slice(0, 7);
    const published = await this.assessment.publication(plan.id, month);
    const publishedOn = published ? dayIn(published.publishedAt) : null;
    if (edition === 'public')
      return published ? { periodKey: month, publishedOn, rows: published.units } : undefined;
    const choice = assessmentPeriod({ period: month }, plan.timeZone);
    const endOfDay = readDeadline(asOf, plan.timeZone);
    if (!choice.ok || !endOfDay.ok) return undefined;
    const rows = await this.rankings.rank(
      { plan, units: await this.plans.units(plan.id), measures },
      choice.period,
      choice.previous,
      Math.min(Date.now(), endOfDay.dueAt.getTime()),
      await this.rankings.rule(plan.id),
    );
    return { periodKey: month, publishedOn, rows };
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

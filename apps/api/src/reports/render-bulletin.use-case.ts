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
  ) {}

  async execute(c: RenderBulletinCommand): Promise<{ readonly text: string; readonly asOf: string }> {
    if (c.edition === 'internal' && !can(c.principal, 'measure:manage'))
      throw new DomainError(
        'FORBIDDEN',
        'the internal edition is for the rectification office; ask for edition=public',
      );
    const { report, definition } = await this.source.load(c.plan, c.asOf);
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
    return { text: renderBulletin({ ...report, spotInspections }, c.edition, c.format), asOf: report.asOf };
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

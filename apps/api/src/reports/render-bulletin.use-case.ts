import { Inject, Injectable } from '@nestjs/common';
import { can, type Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
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
  constructor(@Inject(PlanReportSource) private readonly source: PlanReportSource) {}

  async execute(c: RenderBulletinCommand): Promise<{ readonly text: string; readonly asOf: string }> {
    if (c.edition === 'internal' && !can(c.principal, 'measure:manage'))
      throw new DomainError(
        'FORBIDDEN',
        'the internal edition is for the rectification office; ask for edition=public',
      );
    const { report } = await this.source.load(c.plan, c.asOf);
    return { text: renderBulletin(report, c.edition, c.format), asOf: report.asOf };
  }
}

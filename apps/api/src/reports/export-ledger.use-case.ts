import { Inject, Injectable } from '@nestjs/common';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { readDeadline, zoneOffsetMs } from '../../../../libs/domain/src/deadline';
import { instructionState } from '../../../../libs/domain/src/leader-instruction';
import type { PlanRow } from '../../../../libs/persistence/src/repositories/plan.repository';
import { LeaderInstructionRepository } from '../../../../libs/persistence/src/repositories/leader-instruction.repository';
import type { InstructionLedgerEntry } from '../../../../libs/reporting/src/instruction-ledger.sheet';
import { ledgerWorkbook } from '../../../../libs/reporting/src/ledger-workbook.writer';
import { digestOf, KeptRenderings, Named } from '../../../../libs/reporting/src/kept-renderings';
import { SharedRenderings } from '../../../../libs/reporting/src/shared-renderings';
import { nextSlice, sliceIsUp } from '../../../../libs/runtime/src/event-loop-slices';
import { ReportRenderingMetrics } from '../observability/report-rendering.metrics';
import { PlanReportSource } from './plan-report.source';
import { renderedBody } from './rendered-body';

export interface LedgerFile {
  readonly fileName: string;
  readonly bytes: Buffer;
  // Taken once a file (rendered-body.ts): every request the file answers sends the same.
  readonly etag: string;
}

// The ledger (台账) as of a date: the five lists, status and indicators, and the 批示 with their
// answers (批示落实), in one XLSX workbook. Requests for the same ledger arriving together share
// one rendering, begun after the last of them arrived (libs/reporting/src/shared-renderings.ts);
// a rendering whose figures are those of the last file of the same ledger answers that file
// instead of writing the workbook again (libs/reporting/src/kept-renderings.ts).
@Injectable()
export class ExportLedgerUseCase {
  private readonly shared: SharedRenderings<LedgerFile>;
  private readonly kept: KeptRenderings<LedgerFile>;

  constructor(
    @Inject(PlanReportSource) private readonly source: PlanReportSource,
    @Inject(LeaderInstructionRepository) private readonly instructions: LeaderInstructionRepository,
    @Inject(RECTIFY_CONFIG) config: RectifyConfig,
    @Inject(ReportRenderingMetrics) metrics: ReportRenderingMetrics,
  ) {
    this.shared = new SharedRenderings(config.reports.gatherMs, metrics.rendering('ledger'));
    this.kept = new KeptRenderings(config.reports.keptLedgers, metrics.kept('ledger'));
  }

  execute(c: { readonly plan: string; readonly asOf?: string }): Promise<LedgerFile> {
    // Everyone who may export a ledger gets the same file: the key is what the file depends on.
    return this.shared.render(JSON.stringify([c.plan, c.asOf ?? null]), () => this.render(c));
  }

  private async render(c: { readonly plan: string; readonly asOf?: string }): Promise<LedgerFile> {
    const { report, definition, version, plan } = await this.source.load(c.plan, c.asOf);
    const unitNames = new Map(definition.units.map((u) => [u.code, u.name]));
    const instructions = await this.instructionEntries(plan, report.asOf, unitNames);
    // Building the report and taking the digest each hold the thread a while: a turn between them.
    if (sliceIsUp()) await nextSlice();
    // A version's definition is never rewritten once stored: the digest sees it by the version's
    // number and content hash. A plan without versions is seen by its definition's own digest.
    const named = new Named(
      version ? JSON.stringify([plan.id, version.number, version.contentHash]) : digestOf(definition),
      definition,
    );
    // The workbook is written from these three alone; the as-of day is in the report.
    return this.kept.render(
      JSON.stringify([plan.id, report.asOf]),
      [report, named, instructions] as const,
      async ([r, d, i]) => ({
        fileName: `${r.planCode}-ledger-${r.asOf}.xlsx`,
        ...renderedBody(await ledgerWorkbook(r, d.value, i)),
      }),
    );
  }

  // As of the end of the day (or now, for today): the 批示 recorded by then, their answers given
  // by then, and their state at that moment.
  private async instructionEntries(
    plan: PlanRow,
    asOf: string,
    unitNames: ReadonlyMap<string, string>,
  ): Promise<InstructionLedgerEntry[]> {
    const end = readDeadline(asOf, plan.timeZone);
    const at = Math.min(Date.now(), end.ok ? end.dueAt.getTime() : Date.now());
    const rows = (await this.instructions.list(plan.id)).filter((r) => r.recordedAt.getTime() <= at);
    const answers = (await this.instructions.answers(rows.map((r) => r.id))).filter(
      (a) => a.answeredAt.getTime() <= at,
    );
    const local = (d: Date) =>
      new Date(d.getTime() + zoneOffsetMs(plan.timeZone, d.getTime()))
        .toISOString()
        .slice(0, 16)
        .replace('T', ' ');
    return rows.map((r) => {
      const own = answers.filter((a) => a.instructionId === r.id);
      return {
        targetKind: r.targetKind,
        targetCode: r.targetCode,
        text: r.text,
        author: r.author,
        issuedOn: r.issuedOn,
        dueAt: local(r.dueAt),
        state: instructionState(own[0]?.answeredAt.getTime() ?? null, r.dueAt.getTime(), at),
        answers: own.map((a) => ({
          unit: a.answeredUnit
            ? `${unitNames.get(a.answeredUnit) ?? a.answeredUnit}（${a.answeredUnit}）`
            : null,
          text: a.text,
          answeredAt: local(a.answeredAt),
          late: a.answeredAt.getTime() > r.dueAt.getTime(),
        })),
      };
    });
  }
}

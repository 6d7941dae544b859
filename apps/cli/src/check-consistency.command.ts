// `rectify check-consistency`: the drift check of libs/temporal/src/consistency-check.ts, printed
// as a table for people or as JSON for scripts.
import type { DataSource } from 'typeorm';
import type { RectifyConfig } from '../../../libs/config/src/rectify-config';
import { MeasureRepository } from '../../../libs/persistence/src/repositories/measure.repository';
import { checkConsistency, type ConsistencyReport } from '../../../libs/temporal/src/consistency-check';
import { connectClient } from '../../../libs/temporal/src/temporal-client';
import type { CliIo } from './cli-io';

export interface CheckConsistencyOptions {
  readonly json?: boolean;
  readonly pageSize?: number;
}

// 0 no drift, 2 drift found; a server that cannot be reached throws (exit 1).
export async function checkConsistencyCommand(
  ds: DataSource,
  temporal: RectifyConfig['temporal'],
  o: CheckConsistencyOptions,
  io: CliIo,
): Promise<number> {
  const client = connectClient(temporal);
  try {
    const report = await checkConsistency(client, new MeasureRepository(ds), {
      taskQueue: temporal.taskQueue,
      pageSize: o.pageSize,
    });
    if (o.json) io.out(JSON.stringify({ clean: report.drift.length === 0, ...report }, null, 2));
    else for (const line of table(report, temporal)) io.out(line);
    return report.drift.length ? 2 : 0;
  } finally {
    await client.connection.close();
  }
}

function table(report: ConsistencyReport, temporal: RectifyConfig['temporal']): string[] {
  const head = `${report.workflows} running measure workflows on ${temporal.namespace}/${temporal.taskQueue}, ${report.rows} rows expecting one`;
  if (!report.drift.length) return [head, 'no drift'];
  const rows = [
    ['WORKFLOW', 'DRIFT', 'FIELD', 'FOUND', 'WORKFLOW SAYS'],
    ...report.drift.map((d) => [d.workflowId, d.kind, d.field ?? '-', d.found ?? '-', d.workflow ?? '-']),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const measures = new Set(report.drift.map((d) => d.workflowId)).size;
  return [
    head,
    ...rows.map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    ),
    `${report.drift.length} ${report.drift.length === 1 ? 'difference' : 'differences'} in ${measures} ${measures === 1 ? 'measure' : 'measures'}`,
  ];
}

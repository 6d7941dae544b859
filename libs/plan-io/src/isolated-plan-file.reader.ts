// Reads plan files in the reading threads (isolated-reading.threads.ts): a file built to exhaust
// the parsers costs one refusal naming the limit, not the process's memory or its other requests'
// time.
import * as path from 'node:path';
import { IsolatedReadingThreads, type PlanParseLimits } from './isolated-reading.threads';
import type { PlanFileReading } from './plan-file.reader';
import type { PlanFileFormat } from './plan-file-format';
import type { PlanFileJob } from './plan-file.worker';

export { PARALLEL_PLAN_FILE_READS, type PlanParseLimits } from './isolated-reading.threads';

export class IsolatedPlanFileReader {
  private readonly threads: IsolatedReadingThreads<PlanFileJob, PlanFileReading>;

  constructor(limits: PlanParseLimits) {
    this.threads = new IsolatedReadingThreads(limits, {
      entry: path.join(__dirname, 'plan-file.worker'),
      what: 'the plan file',
      refusal: (limit, message) => ({
        ok: false,
        code: limit === 'memory' ? 'PLAN_FILE_TOO_COMPLEX' : 'PLAN_FILE_TIMEOUT',
        problems: [{ path: '(file)', message }],
        warnings: [],
      }),
    });
  }

  read(bytes: Uint8Array, format: PlanFileFormat): Promise<PlanFileReading> {
    return this.threads.read({ bytes, format });
  }

  // Nest calls it when the application closes.
  onModuleDestroy(): Promise<void> {
    return this.threads.close();
  }
}

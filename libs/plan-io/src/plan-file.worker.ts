// The body of a plan-file reading thread (isolated-plan-file.reader.ts): says it is ready once
// its modules are loaded, then reads each file it is sent and answers with the reading.
import { parentPort } from 'node:worker_threads';
import type { ReadingThreadMessage } from './isolated-reading.threads';
import { readPlanFile, type PlanFileReading } from './plan-file.reader';
import type { PlanFileFormat } from './plan-file-format';

export interface PlanFileJob {
  readonly bytes: Uint8Array;
  readonly format: PlanFileFormat;
}

type Message = ReadingThreadMessage<PlanFileReading>;

const port = parentPort;
if (!port) throw new Error('plan-file.worker runs as a worker thread only');
port.on('message', (job: PlanFileJob) => {
  void readPlanFile(job.bytes, job.format).then((reading) =>
    port.postMessage({ kind: 'read', reading } satisfies Message),
  );
});
port.postMessage({ kind: 'ready' } satisfies Message);

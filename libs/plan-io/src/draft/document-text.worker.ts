// The body of a document reading thread (isolated-document-text.reader.ts): says it is ready once
// its modules are loaded, then reads each document it is sent and answers with its text.
import { parentPort } from 'node:worker_threads';
import type { ReadingThreadMessage } from '../isolated-reading.threads';
import { readDocumentText, type DocumentTextReading } from './document-text.reader';
import type { DocumentFormat } from './plan-draft';

export interface DocumentTextJob {
  readonly bytes: Uint8Array;
  readonly format: DocumentFormat;
}

type Message = ReadingThreadMessage<DocumentTextReading>;

const port = parentPort;
if (!port) throw new Error('document-text.worker runs as a worker thread only');
port.on('message', (job: DocumentTextJob) => {
  void readDocumentText(job.bytes, job.format).then((reading) =>
    port.postMessage({ kind: 'read', reading } satisfies Message),
  );
});
port.postMessage({ kind: 'ready' } satisfies Message);

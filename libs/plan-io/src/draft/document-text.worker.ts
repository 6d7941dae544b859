// The body of a document reading thread (isolated-document-text.reader.ts): says it is ready once
// its modules are loaded, then reads each document it is sent and answers with its text, and with
// the plan drafted from it when asked: the rules run over the whole text, so a huge document costs
// this thread's time limit, not the API's event loop.
import { parentPort } from 'node:worker_threads';
import type { ReadingThreadMessage } from '../isolated-reading.threads';
import { readDocumentText, type DocumentTextReading } from './document-text.reader';
import type { DocumentFormat, PlanDraft, PlanDraftOptions } from './plan-draft';
import { readPlanDraft } from './plan-draft.reader';

export interface DocumentTextJob {
  readonly bytes: Uint8Array;
  readonly format: DocumentFormat;
  readonly draft?: PlanDraftOptions;
}

export type DocumentJobReading =
  | DocumentTextReading
  | (Extract<DocumentTextReading, { ok: true }> & { readonly draft: PlanDraft });

type Message = ReadingThreadMessage<DocumentJobReading>;

async function read(job: DocumentTextJob): Promise<DocumentJobReading> {
  const text = await readDocumentText(job.bytes, job.format);
  if (!text.ok || !job.draft) return text;
  const drafted = readPlanDraft(text.document, job.draft);
  return drafted.ok ? { ...text, draft: drafted.draft } : drafted;
}

const port = parentPort;
if (!port) throw new Error('document-text.worker runs as a worker thread only');
port.on('message', (job: DocumentTextJob) => {
  void read(job).then((reading) => port.postMessage({ kind: 'read', reading } satisfies Message));
});
port.postMessage({ kind: 'ready' } satisfies Message);

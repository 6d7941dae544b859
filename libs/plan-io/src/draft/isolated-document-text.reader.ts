// Reads documents to draft plans from (#18) in the reading threads the plan files use
// (isolated-reading.threads.ts), with the same limits (RECTIFY_PLAN_PARSE_MEMORY_MB and
// RECTIFY_PLAN_PARSE_TIMEOUT): a Word zip bomb or a PDF built to exhaust pdf.js costs one refusal
// naming the limit. The refusal codes are the plan files' (PLAN_FILE_TOO_COMPLEX, 422;
// PLAN_FILE_TIMEOUT, 422): the same limits, already mapped to HTTP.
import * as path from 'node:path';
import { IsolatedReadingThreads, type PlanParseLimits } from '../isolated-reading.threads';
import type { DocumentTextReading } from './document-text.reader';
import type { DocumentJobReading, DocumentTextJob } from './document-text.worker';
import type { DocumentFormat, DocumentText, PlanDraft, PlanDraftOptions } from './plan-draft';

type LimitRefusal = {
  readonly ok: false;
  readonly code: 'PLAN_FILE_TOO_COMPLEX' | 'PLAN_FILE_TIMEOUT';
  readonly message: string;
};

export type IsolatedDocumentTextReading = DocumentTextReading | LimitRefusal;
export type IsolatedPlanDraftReading =
  | { readonly ok: true; readonly document: DocumentText; readonly draft: PlanDraft }
  | Exclude<DocumentJobReading, { ok: true }>
  | LimitRefusal;

export class IsolatedDocumentTextReader {
  private readonly threads: IsolatedReadingThreads<DocumentTextJob, DocumentJobReading | LimitRefusal>;

  constructor(limits: PlanParseLimits) {
    this.threads = new IsolatedReadingThreads(limits, {
      entry: path.join(__dirname, 'document-text.worker'),
      what: 'the document',
      refusal: (limit, message) => ({
        ok: false,
        code: limit === 'memory' ? 'PLAN_FILE_TOO_COMPLEX' : 'PLAN_FILE_TIMEOUT',
        message,
      }),
    });
  }

  read(bytes: Uint8Array, format: DocumentFormat): Promise<IsolatedDocumentTextReading> {
    return this.threads.read({ bytes, format });
  }

  // The document read and the plan drafted from it, both in the thread.
  async draft(
    bytes: Uint8Array,
    format: DocumentFormat,
    options: PlanDraftOptions,
  ): Promise<IsolatedPlanDraftReading> {
    const reading = await this.threads.read({ bytes, format, draft: options });
    if (reading.ok && !('draft' in reading))
      throw new Error('the document reading thread answered without the draft it was asked for');
    return reading as IsolatedPlanDraftReading;
  }

  // Nest calls it when the application closes.
  onModuleDestroy(): Promise<void> {
    return this.threads.close();
  }
}

import { Logger, StreamableFile } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { Request, Response } from 'express';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { ERROR_HTTP_STATUS } from '../common/error-http-map';
import type { ImportPlanResult, ImportProgress } from './import-plan.use-case';

export const NDJSON = 'application/x-ndjson';

// One line of an import answered as a stream: a progress event, then the result or the error.
export type ImportStreamLine =
  | { readonly progress: ImportProgress }
  | { readonly result: ImportPlanResult }
  | {
      readonly error: {
        readonly status: number;
        readonly code: string;
        readonly message: string;
        readonly details?: unknown;
        readonly errorId?: string;
      };
    };

const logger = new Logger('HTTP');

export function wantsProgress(req: Request): boolean {
  return (req.headers.accept ?? '').includes(NDJSON);
}

// A client that accepts NDJSON hears of the import as it goes: one line per progress event, then
// one line with the result or the error. Until the first event nothing is sent, so a refusal
// (invalid plan, conflict) keeps its status and body, and an import with nothing to follow (a dry
// run) is answered as usual. Once the stream runs its status is 200; the final line carries the
// outcome, and the status recorded by the audit trail at the end of the response is set to it.
export async function answerWithProgress(
  res: Response,
  run: (onProgress: (p: ImportProgress) => void) => Promise<ImportPlanResult>,
): Promise<ImportPlanResult | StreamableFile> {
  const out = new PassThrough();
  const line = (l: ImportStreamLine) => `${JSON.stringify(l)}\n`;
  let streaming!: () => void;
  const firstEvent = new Promise<'streaming'>((resolve) => (streaming = () => resolve('streaming')));
  const work = run((progress) => {
    out.write(line({ progress }));
    streaming();
  });
  const first = await Promise.race([work.then((result) => ({ result })), firstEvent]);
  if (first !== 'streaming') return first.result;
  work.then(
    (result) => {
      res.statusCode = result.outcome === 'created' ? 201 : 200;
      out.end(line({ result }));
    },
    (e: unknown) => {
      const error = errorLine(e);
      res.statusCode = error.status;
      out.end(line({ error }));
    },
  );
  res.status(200);
  return new StreamableFile(out, { type: NDJSON });
}

// As the error filter answers, once the status line is gone.
function errorLine(e: unknown): Extract<ImportStreamLine, { error: unknown }>['error'] {
  if (e instanceof DomainError)
    return { status: ERROR_HTTP_STATUS[e.code], code: e.code, message: e.message, details: e.details };
  const errorId = randomUUID();
  logger.error(`error ${errorId}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return { status: 500, code: 'INTERNAL', message: 'internal error', errorId };
}

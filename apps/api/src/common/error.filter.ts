import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { DomainError, RetryLaterError } from '../../../../libs/domain/src/domain-error';
import { isDatabaseUnavailable } from '../../../../libs/persistence/src/data-errors';
import { ERROR_HTTP_STATUS } from './error-http-map';

// Domain errors become their mapped status with code and details; anything unexpected becomes a
// 500 carrying an error id that is also in the log, and never a stack trace.
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(thrown: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const error = fromDatabase(fromBodyParser(thrown));
    if (error instanceof DomainError) {
      if (error instanceof RetryLaterError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      res
        .status(ERROR_HTTP_STATUS[error.code])
        .json({ code: error.code, message: error.message, details: error.details });
      return;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      const message =
        typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? error.message);
      res.status(status).json({
        code: status === 400 ? 'VALIDATION_FAILED' : `HTTP_${status}`,
        message: String(message),
        details: [],
      });
      return;
    }
    const errorId = randomUUID();
    this.logger.error(
      `error ${errorId}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    res.status(500).json({ code: 'INTERNAL', message: 'internal error', errorId });
  }
}

// A database that is down or locked is a moment's unavailability, like Temporal's, not a fault.
function fromDatabase(error: unknown): unknown {
  if (!isDatabaseUnavailable(error)) return error;
  return new DomainError('DATABASE_UNAVAILABLE', 'the database cannot be reached now; try again later');
}

// Express's body parsers refuse with http-errors of their own; give them our codes.
function fromBodyParser(error: unknown): unknown {
  const e = error as { type?: unknown; message?: unknown };
  if (!(error instanceof Error) || typeof e.type !== 'string') return error;
  if (e.type === 'entity.too.large') {
    return new DomainError('PAYLOAD_TOO_LARGE', 'the request body is over the limit of this endpoint');
  }
  if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') {
    return new DomainError('UNSUPPORTED_MEDIA_TYPE', String(e.message));
  }
  return error;
}

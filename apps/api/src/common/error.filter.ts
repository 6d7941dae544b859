import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { ERROR_HTTP_STATUS } from './error-http-map';

// Domain errors become their mapped status with code and details; anything unexpected becomes a
// 500 carrying an error id that is also in the log, and never a stack trace.
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof DomainError) {
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

import type { LogLevel as TemporalLogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import type { Logger } from 'pino';

const LEVELS: Record<TemporalLogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

// Temporal's runtime logger (worker state, workflow and activity logs, forwarded core logs)
// writing into the process's pino logger, so SDK lines share the format of Rectify's own.
export class PinoTemporalLogger implements TemporalLogger {
  private readonly pino: Logger;

  constructor(pino: Logger) {
    this.pino = pino.child({ context: 'Temporal' });
  }

  log(level: TemporalLogLevel, message: string, meta?: LogMetadata): void {
    // Activities name their run `workflowRunId`, workflows `runId`: one spelling in the logs.
    const { workflowRunId, ...rest } = (meta ?? {}) as LogMetadata & { workflowRunId?: string };
    const fields = workflowRunId ? { ...rest, runId: workflowRunId } : rest;
    this.pino[LEVELS[level]](fields, message);
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

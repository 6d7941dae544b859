import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import type { LogLevel } from '../../config/src/rectify-config';
import { REDACTED_PATHS, scrubUrlCredentials } from './log-redaction';

// One JSON logger per process, shared by Nest, HTTP request logs and the Temporal runtime.
export function createRectifyLogger(
  service: 'rectify-api' | 'rectify-worker',
  level: LogLevel,
  destination?: DestinationStream,
): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    redact: { paths: [...REDACTED_PATHS], censor: '[Redacted]' },
    hooks: {
      // Messages are free text (error messages quote URLs): strip credentials from them too.
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? scrubUrlCredentials(a) : a)) as Parameters<typeof method>,
        );
      },
    },
  };
  // Without a destination: standard output, buffered and flushed when the process exits.
  return destination ? pino(options, destination) : pino(options);
}

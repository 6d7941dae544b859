import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { DomainError } from '../../../../libs/domain/src/domain-error';

// `Idempotency-Key`: a client that retries a command (a timeout, a lost answer) sends the same
// key, and the command is applied once; the retry gets the same answer.
const KEY = /^[\x21-\x7e]{1,128}$/;

export const IdempotencyKey = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string | undefined => {
    const value = ctx.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers[
      'idempotency-key'
    ];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !KEY.test(value)) {
      const message = 'must be 1–128 visible ASCII characters';
      throw new DomainError('VALIDATION_FAILED', `header Idempotency-Key: ${message}`, [
        { path: 'headers.Idempotency-Key', message },
      ]);
    }
    return value;
  },
);

export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Send the same key when retrying this command: it is applied once and the retry gets the same answer. ' +
      'A key is the caller’s own (scoped to the caller and the command).',
  });

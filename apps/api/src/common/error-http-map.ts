import { HttpStatus } from '@nestjs/common';
import type { ErrorCode } from '../../../../libs/domain/src/domain-error';

// The one mapping from domain error codes to HTTP; exhaustive by type.
export const ERROR_HTTP_STATUS: Record<ErrorCode, HttpStatus> = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  PLAN_CONFLICT: HttpStatus.CONFLICT,
  COMMAND_REFUSED: HttpStatus.CONFLICT,
  TEMPORAL_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  RECORDING_FAILED: HttpStatus.SERVICE_UNAVAILABLE,
  DATABASE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
};

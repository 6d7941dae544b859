import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { noteAudit } from '../audit/audit-context';
import { CodecController } from './codec.controller';
import { RunPayloadCodecUseCase } from './run-payload-codec.use-case';

// The codec endpoint for the Temporal Web UI (POST /codec/encode, /codec/decode). Its CORS
// policy (RECTIFY_CODEC_CORS_ORIGIN, with credentials) is set in createApiApp.
@Module({ controllers: [CodecController], providers: [RunPayloadCodecUseCase] })
export class CodecModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(auditByCount).forRoutes(CodecController);
  }
}

// Who used the codec is recorded, not what went through it: a body to encode is clear text.
// Runs after the body parser, before the guard, so refusals are recorded the same way.
function auditByCount(req: Request, _res: Response, next: NextFunction): void {
  const payloads = (req.body as { payloads?: unknown } | undefined)?.payloads;
  noteAudit({ after: { payloads: Array.isArray(payloads) ? payloads.length : null } });
  next();
}

import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { AUDITED_READ, AuditedReadWhen } from './audited-read.decorator';
import { AuditTrail, isRead } from './audit-trail';

// Fail closed: after the guards (so the row knows who and which action) and before the pipes and
// the handler, every command and every audited read appends its intent row. If that append fails
// the handler never runs and the caller gets 503 AUDIT_UNAVAILABLE: nothing happens unrecorded.
@Injectable()
export class AuditGate implements NestInterceptor {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuditTrail) private readonly trail: AuditTrail,
  ) {}

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<Request>();
    if (isRead(req.method)) {
      const when = this.reflector.getAllAndOverride<AuditedReadWhen | undefined>(AUDITED_READ, [
        ctx.getHandler(),
        ctx.getClass(),
      ]);
      if (!when?.(req)) return next.handle();
    }
    await this.trail.begin(req);
    return next.handle();
  }
}

import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Observable } from 'rxjs';
import type { PrincipalRequest } from '../auth/auth.decorators';

// Runs after the guard resolved the caller: lines logged while the request is handled carry who
// it is (kind, id, role: never the credentials). The request's own completion line gets it from
// pino-http's customProps, also for requests the guard refused.
@Injectable()
export class PrincipalLogInterceptor implements NestInterceptor {
  constructor(@Inject(PinoLogger) private readonly logger: PinoLogger) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() === 'http') {
      const principal = principalFields(ctx.switchToHttp().getRequest<PrincipalRequest>());
      if (principal) this.logger.assign({ principal });
    }
    return next.handle();
  }
}

export function principalFields(
  req: PrincipalRequest,
): { kind: string; id: string; role: string } | undefined {
  const p = req.principal;
  return p ? { kind: p.kind, id: p.id, role: p.role } : undefined;
}

import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Action, ANONYMOUS, can } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { noteAudit } from '../audit/audit-context';
import { PUBLIC_ROUTE, PrincipalRequest, REQUIRED_ACTION } from './auth.decorators';
import { PrincipalResolver } from './principal-resolver';

// Applied to every route (APP_GUARD). Default deny: a route that declares neither @Public nor
// @Allow is refused to everyone but admins, so a forgotten declaration cannot open anything.
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(PrincipalResolver) private readonly resolver: PrincipalResolver,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<PrincipalRequest>();
    const on = [ctx.getHandler(), ctx.getClass()];
    const publicName = this.reflector.getAllAndOverride<string | undefined>(PUBLIC_ROUTE, on);
    const action = this.reflector.getAllAndOverride<Action | undefined>(REQUIRED_ACTION, on);
    const targets = Object.fromEntries(Object.entries(req.params).map(([k, v]) => [k, String(v)]));
    noteAudit({ action: publicName ?? action ?? 'admin-only', targets });

    const resolved = await this.resolver.resolve(req.headers.authorization);
    const principal = resolved.kind === 'principal' ? resolved.principal : ANONYMOUS;
    req.principal = principal;
    noteAudit({ principal: { kind: principal.kind, id: principal.id, role: principal.role } });
    // Public routes ignore bad credentials: a stale token must not stop a login or a refresh.
    if (publicName !== undefined) return true;

    if (resolved.kind !== 'principal') {
      throw new DomainError(
        'UNAUTHENTICATED',
        resolved.kind === 'refused' ? resolved.reason : 'sign in first: send "Authorization: Bearer <token>"',
      );
    }
    if (action ? can(principal, action) : principal.role === 'admin') return true;
    throw new DomainError(
      'FORBIDDEN',
      action ? `role ${principal.role} may not ${action}` : 'this endpoint is open to admins only',
    );
  }
}

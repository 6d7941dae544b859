import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { Action, ANONYMOUS, Principal } from '../../../../libs/domain/src/authorization';

export const PUBLIC_ROUTE = 'rectify:public';
export const REQUIRED_ACTION = 'rectify:action';

// Open to anyone, signed in or not (login, health, public feedback). The name is what the audit
// log records as the action.
export const Public = (name: string) => SetMetadata(PUBLIC_ROUTE, name);

// Open to principals whose role grants this action. Row-level checks (which measure) are the use
// case's: MeasureAccess.assertCanAct. A route with neither decorator is for admins only.
export const Allow = (action: Action) => SetMetadata(REQUIRED_ACTION, action);

export interface PrincipalRequest extends Request {
  principal?: Principal;
}

// The principal the guard resolved (anonymous on public routes without credentials).
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal =>
    ctx.switchToHttp().getRequest<PrincipalRequest>().principal ?? ANONYMOUS,
);

import type { PrincipalRequest } from '../auth/auth.decorators';

// Who called, for the request's completion line: kind, id and role, never the credentials. The
// guard has resolved it by then, also for requests it refused (anonymous when none was sent).
export function principalFields(
  req: PrincipalRequest,
): { kind: string; id: string; role: string } | undefined {
  const p = req.principal;
  return p ? { kind: p.kind, id: p.id, role: p.role } : undefined;
}

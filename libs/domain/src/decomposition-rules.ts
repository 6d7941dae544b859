// Who may hand a measure down to whom (分解): the rules the API checks before a decomposition
// reaches the workflow, which knows nothing of unit trees, people or the caller. Pure, so the
// table in the spec covers each rule.
import type { ErrorDetail } from './domain-error';
import { unitLineage } from './authorization';

export interface SubMeasureClaim {
  readonly leadUnitCode: string;
  readonly leadLeader: string;
  readonly dueAt: string;
}

export interface DecompositionContext {
  // The server's clock, in milliseconds.
  readonly now: number;
  readonly parentDueAt: number;
  readonly parentLeader: string;
  // The plan's unit tree.
  readonly tree: readonly { readonly code: string; readonly parent: string | null }[];
  // 'any': the office and admins may name any unit of the tree and any leader. Otherwise the
  // caller's units: a sub-measure goes to one of them or a unit below, and is led by the parent's
  // leader or by a post or person recorded for its lead unit.
  readonly callerUnits: 'any' | readonly string[];
  readonly posts: readonly { readonly unitCode: string; readonly title: string }[];
  readonly persons: readonly { readonly name: string; readonly unitCodes: readonly string[] }[];
}

// Every offending field, as `subMeasures[i].field`; empty when the decomposition may go ahead.
export function decompositionIssues(
  subs: readonly SubMeasureClaim[],
  ctx: DecompositionContext,
): ErrorDetail[] {
  const known = new Set(ctx.tree.map((u) => u.code));
  const issues: ErrorDetail[] = [];
  subs.forEach((s, i) => {
    const at = `subMeasures[${i}]`;
    const unitOk = known.has(s.leadUnitCode);
    if (!unitOk) {
      issues.push({
        path: `${at}.leadUnitCode`,
        message: `no unit ${s.leadUnitCode} in the plan's unit tree`,
      });
    } else if (ctx.callerUnits !== 'any') {
      const mine = ctx.callerUnits;
      if (!unitLineage([s.leadUnitCode], ctx.tree).some((u) => mine.includes(u)))
        issues.push({
          path: `${at}.leadUnitCode`,
          message: `${s.leadUnitCode} is neither one of your units nor below one of them`,
        });
    }
    if (ctx.callerUnits !== 'any' && unitOk && !leaderAllowed(s, ctx))
      issues.push({
        path: `${at}.leadLeader`,
        message: `must be the measure's leader ${ctx.parentLeader} or a post or person of ${s.leadUnitCode}`,
      });
    const due = Date.parse(s.dueAt);
    if (!(due > ctx.now))
      issues.push({ path: `${at}.dueAt`, message: `must lie in the future (now is ${iso(ctx.now)})` });
    else if (due > ctx.parentDueAt)
      issues.push({
        path: `${at}.dueAt`,
        message: `cannot fall after the measure's deadline ${iso(ctx.parentDueAt)}`,
      });
  });
  return issues;
}

function leaderAllowed(s: SubMeasureClaim, ctx: DecompositionContext): boolean {
  return (
    s.leadLeader === ctx.parentLeader ||
    ctx.posts.some((p) => p.unitCode === s.leadUnitCode && p.title === s.leadLeader) ||
    ctx.persons.some((p) => p.name === s.leadLeader && p.unitCodes.includes(s.leadUnitCode))
  );
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

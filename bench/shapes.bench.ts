// A plan of the shapes real plans have at scale (widePlanDocument): imported through the API, its
// workflows caught up, then its bulletin and ledger rendered once each. Asserts nothing but that
// the import stored what it was given.
import { IsNull, Not } from 'typeorm';
import { MeasureEntity } from '../libs/persistence/src/entities/measure.entity';
import { widePlanDocument } from './plan-document';
import { importPlan, settle, Stack } from './harness/stack';
import { timed } from './harness/stats';

export interface ShapesFigures {
  readonly measures: number;
  readonly subMeasures: number;
  readonly importMs: number;
  readonly catchUpMs: number;
  readonly bulletinMs: number;
  readonly bulletinBytes: number;
  readonly ledgerMs: number;
  readonly ledgerBytes: number;
}

async function fetched(stack: Stack, path: string): Promise<number> {
  const res = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${stack.token}` } });
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.arrayBuffer()).byteLength;
}

export async function shapesBench(stack: Stack, n: number): Promise<ShapesFigures> {
  // Today in the plans' default time zone (Asia/Shanghai, UTC+8): the feedback day.
  const feedbackDate = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const code = `BENCH-WIDE-${n}-${Date.now()}`;
  await settle(stack);
  const [result, importMs] = await timed(() => importPlan(stack, widePlanDocument(code, n, feedbackDate)));
  const repo = stack.ds.getRepository(MeasureEntity);
  const own = await repo.count({ where: { planId: result.planId, parentMeasureId: IsNull() } });
  const subMeasures = await repo.count({ where: { planId: result.planId, parentMeasureId: Not(IsNull()) } });
  if (result.measures !== n || own !== n)
    throw new Error(`import of ${n} answered ${result.measures}, stored ${own}`);
  const catchUpMs = await settle(stack);
  const [bulletinBytes, bulletinMs] = await timed(() =>
    fetched(stack, `/plans/${result.planId}/bulletin?edition=internal&format=html`),
  );
  const [ledgerBytes, ledgerMs] = await timed(() => fetched(stack, `/plans/${result.planId}/ledger.xlsx`));
  console.error(
    `wide plan ${n} (+${subMeasures} sub-measures): import ${(importMs / 1000).toFixed(1)} s, caught up +${(catchUpMs / 1000).toFixed(1)} s, bulletin ${bulletinMs.toFixed(0)} ms, ledger ${ledgerMs.toFixed(0)} ms`,
  );
  return { measures: n, subMeasures, importMs, catchUpMs, bulletinMs, bulletinBytes, ledgerMs, ledgerBytes };
}

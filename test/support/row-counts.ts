// Row counts of the tables a plan import writes, to show that a refused import wrote nothing.
import type { DataSource } from 'typeorm';

const PLAN_TABLES = [
  'inspections',
  'plans',
  'units',
  'problem_groups',
  'problems',
  'measures',
  'measure_units',
] as const;

export async function planRowCounts(ds: DataSource): Promise<Record<(typeof PLAN_TABLES)[number], number>> {
  const out: Record<string, number> = {};
  for (const t of PLAN_TABLES) {
    const [row] = await ds.query(`SELECT COUNT(*) AS n FROM ${t}`);
    out[t] = Number(row.n);
  }
  return out as Record<(typeof PLAN_TABLES)[number], number>;
}

// Row counts of the spot-inspection tables and the plan tables a notice's import writes, to show
// that a refused round, finding or notice wrote nothing.
const SPOT_TABLES = ['spot_rounds', 'spot_findings', ...PLAN_TABLES] as const;

export async function spotRowCounts(ds: DataSource): Promise<Record<(typeof SPOT_TABLES)[number], number>> {
  const out: Record<string, number> = {};
  for (const t of SPOT_TABLES) {
    const [row] = await ds.query(`SELECT COUNT(*) AS n FROM ${t}`);
    out[t] = Number(row.n);
  }
  return out as Record<(typeof SPOT_TABLES)[number], number>;
}

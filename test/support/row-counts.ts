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

// Row counts of every table of the schema but `except`, to show that a refused command, whatever
// it was, wrote nothing anywhere.
export async function tableRowCounts(
  ds: DataSource,
  except: readonly string[],
): Promise<Record<string, number>> {
  const names: { name: string }[] =
    ds.options.type === 'postgres'
      ? await ds.query(
          `SELECT table_name AS name FROM information_schema.tables
           WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
        )
      : await ds.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
  const tables = names
    .map((n) => n.name)
    .filter((n) => !except.includes(n))
    .sort();
  const [row] = await ds.query(
    `SELECT ${tables.map((t, i) => `(SELECT COUNT(*) FROM "${t}") AS c${i}`).join(', ')}`,
  );
  return Object.fromEntries(tables.map((t, i) => [t, Number(row[`c${i}`])]));
}

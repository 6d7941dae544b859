// `npm run bench -- --soak`: the resilience suite's heavy variants (20 measures, longer outages,
// 60 hostile cases an operation), which `npm test` runs light; on PostgreSQL too when DATABASE_URL
// is set. Their counts are printed as `resilience summary` and `fuzz summary` lines.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export function soak(repo: string): never {
  const projects = ['integration:sqlite', ...(process.env.DATABASE_URL ? ['integration:postgres'] : [])];
  const r = spawnSync(
    path.join(repo, 'node_modules/.bin/jest'),
    ['-c', 'jest.config.js', 'test/resilience', '--selectProjects', ...projects],
    { cwd: repo, stdio: 'inherit', env: { ...process.env, RECTIFY_RESILIENCE_HEAVY: '1' } },
  );
  process.exit(r.status ?? 1);
}

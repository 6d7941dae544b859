// `npm test`: set-up, typecheck, lint and every test (unit; integration and end-to-end on SQLite,
// and on PostgreSQL too when DATABASE_URL is set). Servers are started by the tests themselves on
// free ports and stopped when they end. Prints Jest's totals as the last line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bin, ensureDependencies, ensureTools, run, runOrExit, say } from './lib.mjs';

ensureDependencies();
ensureTools();

say('typecheck');
runOrExit('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
runOrExit('typecheck (web app)', bin('tsc'), ['-p', 'apps/web/tsconfig.json']);
say('lint');
runOrExit('eslint', bin('eslint'), ['.']);
runOrExit('dependency rules', bin('depcruise'), [
  '--config',
  '.dependency-cruiser.cjs',
  'apps',
  'workflows',
  'activities',
  'libs',
]);
runOrExit('prettier', bin('prettier'), ['--check', '.', '--log-level', 'warn']);

say(
  process.env.DATABASE_URL
    ? 'tests on SQLite and PostgreSQL'
    : 'tests on SQLite (set DATABASE_URL to add PostgreSQL)',
);
const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-jest-')), 'report.json');
const code = run(bin('jest'), [
  '-c',
  'jest.config.js',
  '--json',
  '--outputFile',
  report,
  ...process.argv.slice(2),
]);
let summary = '0 passed, 1 failed';
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  summary = `${r.numPassedTests} passed, ${r.numFailedTests} failed`;
}
console.log(summary);
process.exit(code);

// `npm test` runs every tier in one Jest run: unit specs, then integration and end-to-end specs
// once on SQLite and, when DATABASE_URL names a PostgreSQL server, once more on PostgreSQL.
const unit = require('./jest.unit.config');
const esmOnly = require('./jest.esm-only');

const ts = { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }], ...esmOnly.transform };
const integration = (engine) => ({
  displayName: `integration:${engine}`,
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.{integration,e2e}-spec.ts'],
  // Replaying recorded histories touches no database, the browser tests drive screens whose
  // answers the API tests check on both engines, and the demo's story (minutes of 补录) compares
  // bulletin text whose 补录 path backdated-entries checks on both: once, with SQLite, is enough.
  // The CLI's help, usage errors, plan-file validation and shell completion run no server and
  // open no database either, and the project's own PostgreSQL server (scripts/) is the same
  // server whichever engine the project reads.
  testPathIgnorePatterns:
    engine === 'postgres'
      ? [
          '/node_modules/',
          '<rootDir>/test/workflows/replay\\.',
          '<rootDir>/test/web/',
          '<rootDir>/test/plans/demo-history\\.',
          '<rootDir>/test/cli/rectify-cli-usage\\.',
          '<rootDir>/test/scripts/postgres-server\\.',
        ]
      : ['/node_modules/'],
  transform: ts,
  transformIgnorePatterns: esmOnly.transformIgnorePatterns,
  testEnvironment: 'node',
  setupFiles: [`<rootDir>/test/support/use-${engine}.ts`, '<rootDir>/test/support/quiet-temporal.ts'],
});

/** @type {import('jest').Config} */
module.exports = {
  transform: ts,
  // Generous on purpose: real servers on a loaded 2-core machine. Speed is measured in benchmarks.
  testTimeout: 180_000,
  // Two files at a time on two cores: most of an e2e file's time is spent waiting on servers, and
  // every file keeps its own database, namespace and task queue. Jest's default here would be one.
  maxWorkers: 2,
  // Each file's Nest app, TypeORM and Temporal SDK stay partly reachable in the worker that ran it:
  // late in a full run a file's set-up took four times as long as early on. A worker whose heap is
  // past this after a file is replaced before it takes the next (docs/development.md).
  workerIdleMemoryLimit: '1GB',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [unit, integration('sqlite'), ...(process.env.DATABASE_URL ? [integration('postgres')] : [])],
};

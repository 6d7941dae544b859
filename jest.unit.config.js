// Unit tier: pure code beside its source (`*.spec.ts`), no servers.
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'unit',
  rootDir: __dirname,
  testMatch: ['<rootDir>/{libs,apps,workflows,activities}/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }] },
  testEnvironment: 'node',
};

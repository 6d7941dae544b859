// Unit tier: pure code beside its source (`*.spec.ts`), no servers.
const esmOnly = require('./jest.esm-only');

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'unit',
  rootDir: __dirname,
  testMatch: ['<rootDir>/{libs,apps,workflows,activities}/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }],
    ...esmOnly.transform,
  },
  transformIgnorePatterns: esmOnly.transformIgnorePatterns,
  testEnvironment: 'node',
};

// Unit tier: pure code beside its source (`*.spec.ts`), no servers.
const esm = require('./jest.esm-transform');

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'unit',
  rootDir: __dirname,
  testMatch: ['<rootDir>/{libs,apps,workflows,activities}/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }],
    '^.+\\.js$': '<rootDir>/jest.esm-transform.js',
  },
  transformIgnorePatterns: esm.transformIgnorePatterns,
  testEnvironment: 'node',
};

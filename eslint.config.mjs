// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-bench/**',
      'dist-bench.building/**',
      'node_modules/**',
      '.tools/**',
      '.data/**',
      'coverage/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Workflow code is replayed: no clocks, randomness or Node modules outside the SDK's own.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'net', 'child_process', 'os'],
              message: 'workflows are deterministic: no Node modules',
            },
            {
              group: ['**/activities/*', '!**/activities/*.activities'],
              message: 'import activities as types only',
            },
            {
              group: ['typeorm', '@nestjs/*', 'zod', '**/persistence/**', '**/config/**'],
              message: 'workflows must not reach I/O or frameworks',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'use the SDK uuid4() or deterministic data' },
      ],
    },
  },
  {
    // The web app runs in the browser and reads the domain's rules, nothing else of the server.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/libs/*/**',
                '!**/libs/domain/**',
                '**/apps/api/**',
                '@nestjs/*',
                'typeorm',
                '@temporalio/*',
              ],
              message: 'the web app talks to the API over HTTP; it may import libs/domain only',
            },
          ],
        },
      ],
    },
  },
  {
    // On SQLite TypeORM shares one connection per process: a transaction opened beside another
    // nests inside it as a savepoint (serialized-write.ts). Every transaction takes its turn there.
    files: ['apps/**/*.ts', 'activities/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/persistence/src/serialized-write.ts', '**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='transaction']",
          message:
            'open transactions with connectionSafeTransaction or serializedTransaction (serialized-write.ts)',
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.js', '*.cjs', 'jest.*.js'],
    languageOptions: { globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

// Layer rules, checked in `npm test`: the domain stays pure, workflows stay deterministic,
// and only activities and apps reach infrastructure.
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain holds rules only: no framework, database or Temporal imports',
      severity: 'error',
      from: { path: '^libs/domain/src' },
      to: {
        path: [
          'node_modules/(@nestjs|typeorm|@temporalio|pg|better-sqlite3)',
          '^libs/(persistence|temporal|config)',
          '^(apps|activities|workflows)/',
        ],
      },
    },
    {
      name: 'workflows-are-deterministic',
      comment: 'workflows import the SDK workflow package, pure domain code and activity types only',
      severity: 'error',
      from: { path: '^workflows/' },
      to: {
        path: [
          '^libs/(persistence|temporal|config)',
          '^apps/',
          'node_modules/(@nestjs|typeorm|pg|better-sqlite3|zod|@temporalio/(client|worker|activity))',
        ],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'activities-imported-as-types',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'libs-do-not-reach-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};

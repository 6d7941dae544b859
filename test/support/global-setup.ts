// Once per `npm test`: bundle the workflows once, migrate a template database per engine
// (test-database.ts), and start one Temporal dev server (unless TEMPORAL_ADDRESS names a running
// cluster). Test files share them; names keep them apart.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadTemporalTools } from '../../libs/temporal/src/temporal-tools';
import { WORKFLOW_INTERCEPTOR_MODULES } from '../../libs/temporal/src/workflow-source';
import { MEASURE_SEARCH_ATTRIBUTES } from '../../workflows/measure/measure.contract';
import { migrateTemplates } from './test-database';

const REPO = path.resolve(__dirname, '../..');

export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) process.env.RECTIFY_TEST_POSTGRES_URL = process.env.DATABASE_URL;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-test-'));
  const [{ code }] = await Promise.all([
    bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      workflowInterceptorModules: [...WORKFLOW_INTERCEPTOR_MODULES],
      logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
    }),
    migrateTemplates(dir),
  ]);
  const bundle = path.join(dir, 'workflow-bundle.js');
  fs.writeFileSync(bundle, code);
  process.env.RECTIFY_TEST_WORKFLOW_BUNDLE = bundle;
  process.env.RECTIFY_TEST_DIR = dir;
  // Built on first use by the tests that start the apps as processes (compiled-apps.ts).
  process.env.RECTIFY_TEST_APPS_BUILD = path.join(REPO, '.tools', `test-apps-${path.basename(dir)}`);
  // The web app, built on first use by the browser tests (web-app.ts).
  process.env.RECTIFY_TEST_WEB_BUILD = path.join(REPO, '.tools', `test-web-${path.basename(dir)}`);

  if (process.env.TEMPORAL_ADDRESS) {
    process.env.RECTIFY_TEST_TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS;
    return;
  }
  const tools = loadTemporalTools(REPO);
  if (!tools.temporalCli)
    throw new Error('no Temporal CLI: run npm run setup, or set TEMPORAL_ADDRESS to a running cluster');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: tools.temporalCli },
      ip: '127.0.0.1',
      ui: false,
      log: { format: 'pretty', level: 'warn' },
      searchAttributes: MEASURE_SEARCH_ATTRIBUTES,
    },
  });
  (globalThis as { __rectifyDevServer?: TestWorkflowEnvironment }).__rectifyDevServer = env;
  process.env.RECTIFY_TEST_TEMPORAL_ADDRESS = env.address;
}

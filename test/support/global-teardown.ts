import type { TestWorkflowEnvironment } from '@temporalio/testing';
import * as fs from 'node:fs';
import { dropTemplates } from './test-database';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __rectifyDevServer?: TestWorkflowEnvironment }).__rectifyDevServer?.teardown();
  await dropTemplates();
  for (const build of [process.env.RECTIFY_TEST_APPS_BUILD, process.env.RECTIFY_TEST_WEB_BUILD])
    if (build) for (const dir of [build, `${build}.lock`]) fs.rmSync(dir, { recursive: true, force: true });
  if (process.env.RECTIFY_TEST_DIR) fs.rmSync(process.env.RECTIFY_TEST_DIR, { recursive: true, force: true });
}

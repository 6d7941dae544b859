import type { TestWorkflowEnvironment } from '@temporalio/testing';
import * as fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __rectifyDevServer?: TestWorkflowEnvironment }).__rectifyDevServer?.teardown();
  const apps = process.env.RECTIFY_TEST_APPS_BUILD;
  if (apps) for (const dir of [apps, `${apps}.lock`]) fs.rmSync(dir, { recursive: true, force: true });
  if (process.env.RECTIFY_TEST_DIR) fs.rmSync(process.env.RECTIFY_TEST_DIR, { recursive: true, force: true });
}

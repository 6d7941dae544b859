import type { TestWorkflowEnvironment } from '@temporalio/testing';
import * as fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __rectifyDevServer?: TestWorkflowEnvironment }).__rectifyDevServer?.teardown();
  if (process.env.RECTIFY_TEST_DIR) fs.rmSync(process.env.RECTIFY_TEST_DIR, { recursive: true, force: true });
}

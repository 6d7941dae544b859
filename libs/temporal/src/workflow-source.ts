import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkflowBundleOption } from '@temporalio/worker';

// Workflow interceptors built into every bundle: OpenTelemetry spans for workflows (in runs
// started with them, see the module), exported through the worker's sink and dropped there when
// tracing is off. Bundle builders pass them as `workflowInterceptorModules`; a worker bundling at
// start gets them through `createMeasureWorker`.
export const WORKFLOW_INTERCEPTOR_MODULES: readonly string[] = [
  require.resolve('../../../workflows/tracing.interceptors'),
];

// Production ships a prebuilt bundle (npm run build); development bundles the sources at start.
export type WorkflowSource = { workflowBundle: WorkflowBundleOption } | { workflowsPath: string };

export function workflowSource(bundlePath: string | null): WorkflowSource {
  if (bundlePath) {
    if (!fs.existsSync(bundlePath))
      throw new Error(`workflow bundle ${bundlePath} does not exist: run npm run build`);
    return { workflowBundle: { codePath: path.resolve(bundlePath) } };
  }
  return { workflowsPath: require.resolve('../../../workflows') };
}

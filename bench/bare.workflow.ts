import { sleep } from '@temporalio/workflow';

// The bare Temporal baseline's workflow: one workflow task, as a measure workflow's first one
// (which sets its timers and waits). It ends there: thousands of waiting baseline workflows would
// only add to the worker's cache what Rectify does not have.
export async function benchBare(): Promise<void> {}

// The bare baseline of a burst: one timer due at `atMs` (epoch ms) and, when it fires, one
// workflow task that ends the run: what a measure's overdue notice costs the server and the
// worker, without Rectify's record of it. `Date.now()` is the workflow's own clock here.
export async function benchBareTimer(atMs: number): Promise<void> {
  await sleep(Math.max(1, atMs - Date.now()));
}

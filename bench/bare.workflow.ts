// The bare Temporal baseline's workflow: it starts and waits, as a measure workflow waits on its
// first timer, so the server and the worker do one workflow task for it, as for a measure.
import { condition } from '@temporalio/workflow';

export async function benchBare(): Promise<void> {
  await condition(() => false);
}

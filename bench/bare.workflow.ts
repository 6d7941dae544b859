// The bare Temporal baseline's workflow: one workflow task, as a measure workflow's first one
// (which sets its timers and waits). It ends there: thousands of waiting baseline workflows would
// only add to the worker's cache what Rectify does not have.
export async function benchBare(): Promise<void> {}

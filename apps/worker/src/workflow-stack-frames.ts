import * as v8 from 'node:v8';

// The SDK notes where each promise made in workflow code was made, for the stack trace query
// (`temporal workflow stack`): on every promise it captures a stack and looks each frame up in the
// bundle's source map. A measure's replay makes about 380 promises, and with V8's 10 frames that
// was nearly half of a replay (42-46 ms against 26-28 ms with 3: `bench/replay-cost.ts`,
// BENCHMARKS.md). Workflow code cannot lower the limit itself: the SDK freezes the sandbox's
// `Error`. V8 gives each new context the flag's limit, so it is set before the worker makes its
// workflow threads and their sandboxes; contexts that already exist, this thread's among them,
// keep theirs. Threads and `vm` contexts the process makes later get it too.
export function limitWorkflowStackFrames(frames: number): void {
  if (!Number.isInteger(frames) || frames < 0)
    throw new Error(`stack frames must be a whole number ≥ 0 (got ${frames})`);
  v8.setFlagsFromString(`--stack-trace-limit=${frames}`);
}

import { setImmediate } from 'node:timers';

// Long synchronous work on the API's thread — writing a 50,000-measure ledger takes seconds — done
// in slices, so that the requests arriving meanwhile are answered between them rather than all
// after it (BENCHMARKS.md, "the ledger written in slices"). Work loops ask `sliceIsUp()` between
// units of work and, when it is, `await nextSlice()`: the event loop then takes a turn (the
// requests' I/O, their handlers) before the work goes on.
//
// One clock for the thread, not one per caller: what matters is how long this thread has gone
// without a turn, whoever held it. A caller that finds the slice up right after other work merely
// gives one turn early.
export const SLICE_MS = 10;

let sliceStarted = performance.now();

export function sliceIsUp(): boolean {
  return performance.now() - sliceStarted >= SLICE_MS;
}

// Callers waiting for their slice, in the order they came.
const waiting: (() => void)[] = [];

// Resumes the caller once the event loop has taken a turn, one waiting caller a turn: ten requests
// answered by one shared reading, resumed together, each take the thread in turn with the other
// requests' I/O between them, rather than one after the other after a single turn (BENCHMARKS.md,
// "the plan tree read in pages"). A caller with more work asks again and waits behind the others.
export function nextSlice(): Promise<void> {
  return new Promise((resume) => {
    waiting.push(resume);
    if (waiting.length === 1) setImmediate(resumeNext);
  });
}

// An immediate queued from an immediate runs on the event loop's next turn, after its I/O.
function resumeNext(): void {
  sliceStarted = performance.now();
  waiting.shift()?.();
  if (waiting.length) setImmediate(resumeNext);
}

// Work written as steps (a generator that yields between units of work), run to its end with a
// turn of the event loop whenever a slice is up.
export async function inSlices<T>(steps: Iterator<unknown, T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (sliceIsUp()) await nextSlice();
  }
}

// Reads uploaded files (plan files, documents to draft plans from) off the API's event loop, in
// worker threads with a heap limit and a wall-clock limit per file, so that a file built to
// exhaust the parsers costs one refusal naming the limit, not the process's memory or its other
// requests' time. Each kind of file has its own thread entry; this pool is the same for all.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface PlanParseLimits {
  // The thread's old-generation heap; its young generation gets an eighth of this on top.
  readonly memoryMb: number;
  // From the moment the file is handed to the ready thread to its answer.
  readonly timeoutMs: number;
}

// Threads reading at once; more files wait their turn. Reading holds at most this many heaps.
export const PARALLEL_PLAN_FILE_READS = 2;

// What a reading thread posts: `ready` once its modules are loaded, then one `read` per job.
export type ReadingThreadMessage<Reading> =
  | { readonly kind: 'ready' }
  | { readonly kind: 'read'; readonly reading: Reading };

export interface ReadingThreadsOptions<Reading> {
  // The thread's entry module without extension (`.js` when built, `.ts` from the sources).
  readonly entry: string;
  // The reading to answer when the thread is stopped at a limit; `message` names the limit.
  readonly refusal: (limit: 'memory' | 'time', message: string) => Reading;
  // What is read, for the messages and errors: `the plan file`, `the document`.
  readonly what: string;
}

// Threads are kept and reused, one file at a time each: a thread's start-up (loading the parsers
// and the readers) costs several times the reading of a usual file (docs/security.md). A reused
// thread's heap holds the last file's garbage only until the collector needs the room, so a
// file's limit is still its own. A thread stopped at a limit is replaced when next needed.
export class IsolatedReadingThreads<Job, Reading> {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly idle: Worker[] = [];

  constructor(
    private readonly limits: PlanParseLimits,
    private readonly options: ReadingThreadsOptions<Reading>,
  ) {}

  async read(job: Job): Promise<Reading> {
    // A finished reading hands its slot to the next waiting file, so none can slip in between.
    if (this.running < PARALLEL_PLAN_FILE_READS) this.running++;
    else await new Promise<void>((resume) => this.waiting.push(resume));
    try {
      const thread = this.idle.pop() ?? (await this.startThread());
      return await this.readIn(thread, job);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((t) => t.terminate()));
  }

  private startThread(): Promise<Worker> {
    const { memoryMb } = this.limits;
    const entry = threadEntry(this.options.entry);
    const thread = new Worker(entry.code, {
      eval: entry.eval,
      workerData: { sources: entry.sources },
      resourceLimits: {
        maxOldGenerationSizeMb: memoryMb,
        maxYoungGenerationSizeMb: Math.max(1, Math.round(memoryMb / 8)),
      },
    });
    thread.once('exit', () => {
      const at = this.idle.indexOf(thread);
      if (at >= 0) this.idle.splice(at, 1);
    });
    return new Promise((resolve, reject) => {
      thread.once('error', reject);
      thread.once('message', () => {
        thread.off('error', reject);
        resolve(thread);
      });
    });
  }

  // Settles once the thread is idle again, or has exited: a slot is free only when the heap of a
  // stopped thread is gone.
  private readIn(thread: Worker, job: Job): Promise<Reading> {
    const { memoryMb, timeoutMs } = this.limits;
    const { refusal, what } = this.options;
    return new Promise((resolve, reject) => {
      let outcome: { reading: Reading } | { error: Error } | undefined;
      const timer = setTimeout(() => {
        outcome ??= { reading: refusal('time', `reading ${what} took longer than ${seconds(timeoutMs)}`) };
        void thread.terminate();
      }, timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        thread.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (!outcome) reject(new Error(`the thread reading ${what} exited without an answer`));
        else if ('error' in outcome) reject(outcome.error);
        else resolve(outcome.reading);
      };
      const onMessage = (m: ReadingThreadMessage<Reading>) => {
        if (m.kind !== 'read') return;
        outcome ??= { reading: m.reading };
        thread.unref();
        this.idle.push(thread);
        settle();
      };
      const onError = (e: Error & { code?: string }) => {
        outcome ??=
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? { reading: refusal('memory', `${what} needs more than ${memoryMb} MB of memory to read`) }
            : { error: e };
      };
      const onExit = () => settle();
      thread.on('message', onMessage).on('error', onError).on('exit', onExit);
      thread.ref();
      thread.postMessage(job);
    });
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

const fromSources = new Map<string, { code: string; sources: Record<string, string> }>();

// Built (npm run build), the thread runs the compiled entry. Run from the TypeScript sources
// (ts-jest), this thread compiles the entry and the sources it imports once, and each reading
// thread loads them from that map: no compiler in the thread's heap or time.
function threadEntry(entry: string): { code: string; eval: boolean; sources?: Record<string, string> } {
  if (fs.existsSync(`${entry}.js`)) return { code: `${entry}.js`, eval: false };
  let compiled = fromSources.get(entry);
  if (!compiled) {
    compiled = {
      sources: compiledSources(`${entry}.ts`),
      code: `const { workerData } = require('node:worker_threads');
        require.extensions['.ts'] = (module, file) => module._compile(workerData.sources[file], file);
        require(${JSON.stringify(`${entry}.ts`)});`,
    };
    fromSources.set(entry, compiled);
  }
  return { ...compiled, eval: true };
}

function compiledSources(entry: string): Record<string, string> {
  // Only from the sources, where the compiler (a devDependency) is installed. Node's own require,
  // not the one Jest gives each test file: the compiler is loaded and warmed once per process,
  // not once per test file (over a second each time).
  const ts = createRequire(__filename)('typescript') as typeof import('typescript');
  const compilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
  };
  const sources: Record<string, string> = {};
  const todo = [entry];
  for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
    if (sources[file] !== undefined) continue;
    const text = fs.readFileSync(file, 'utf8');
    sources[file] = ts.transpileModule(text, { fileName: file, compilerOptions }).outputText;
    for (const { fileName } of ts.preProcessFile(text).importedFiles) {
      const imported = path.resolve(path.dirname(file), `${fileName}.ts`);
      if (fileName.startsWith('.') && fs.existsSync(imported)) todo.push(imported);
    }
  }
  return sources;
}

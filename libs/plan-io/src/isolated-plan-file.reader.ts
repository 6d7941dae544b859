// Reads plan files off the API's event loop, in worker threads with a heap limit and a wall-clock
// limit per file, so that a file built to exhaust the parsers costs one refusal naming the limit,
// not the process's memory or its other requests' time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PlanFileReading } from './plan-file.reader';
import type { PlanFileFormat } from './plan-file-format';
import type { PlanFileJob, PlanFileWorkerMessage } from './plan-file.worker';

export interface PlanParseLimits {
  // The thread's old-generation heap; its young generation gets an eighth of this on top.
  readonly memoryMb: number;
  // From the moment the file is handed to the ready thread to its answer.
  readonly timeoutMs: number;
}

// Threads reading at once; more files wait their turn. Reading holds at most this many heaps.
export const PARALLEL_PLAN_FILE_READS = 2;

// Threads are kept and reused, one file at a time each: a thread's start-up (loading exceljs and
// the readers) costs several times the reading of a usual plan (docs/security.md). A reused
// thread's heap holds the last file's garbage only until the collector needs the room, so a
// file's limit is still its own. A thread stopped at a limit is replaced when next needed.
export class IsolatedPlanFileReader {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly idle: Worker[] = [];

  constructor(private readonly limits: PlanParseLimits) {}

  async read(bytes: Uint8Array, format: PlanFileFormat): Promise<PlanFileReading> {
    // A finished reading hands its slot to the next waiting file, so none can slip in between.
    if (this.running < PARALLEL_PLAN_FILE_READS) this.running++;
    else await new Promise<void>((resume) => this.waiting.push(resume));
    try {
      const thread = this.idle.pop() ?? (await this.startThread());
      return await this.readIn(thread, { bytes, format });
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  // Nest calls it when the application closes.
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((t) => t.terminate()));
  }

  private startThread(): Promise<Worker> {
    const { memoryMb } = this.limits;
    const entry = threadEntry();
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
  private readIn(thread: Worker, job: PlanFileJob): Promise<PlanFileReading> {
    const { memoryMb, timeoutMs } = this.limits;
    return new Promise((resolve, reject) => {
      let outcome: { reading: PlanFileReading } | { error: Error } | undefined;
      const timer = setTimeout(() => {
        outcome ??= {
          reading: refusal(
            'PLAN_FILE_TIMEOUT',
            `reading the plan file took longer than ${seconds(timeoutMs)}`,
          ),
        };
        void thread.terminate();
      }, timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        thread.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (!outcome) reject(new Error('the plan file reading thread exited without an answer'));
        else if ('error' in outcome) reject(outcome.error);
        else resolve(outcome.reading);
      };
      const onMessage = (m: PlanFileWorkerMessage) => {
        if (m.kind !== 'read') return;
        outcome ??= { reading: m.reading };
        thread.unref();
        this.idle.push(thread);
        settle();
      };
      const onError = (e: Error & { code?: string }) => {
        outcome ??=
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? {
                reading: refusal(
                  'PLAN_FILE_TOO_COMPLEX',
                  `the plan file needs more than ${memoryMb} MB of memory to read`,
                ),
              }
            : { error: e };
      };
      const onExit = () => settle();
      thread.on('message', onMessage).on('error', onError).on('exit', onExit);
      thread.ref();
      thread.postMessage(job);
    });
  }
}

function refusal(code: 'PLAN_FILE_TOO_COMPLEX' | 'PLAN_FILE_TIMEOUT', message: string): PlanFileReading {
  return { ok: false, code, problems: [{ path: '(file)', message }], warnings: [] };
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

const ENTRY = path.join(__dirname, 'plan-file.worker');
let fromSources: { code: string; sources: Record<string, string> } | undefined;

// Built (npm run build), the thread runs the compiled entry beside this file. Run from the
// TypeScript sources (ts-jest), this thread compiles the entry and the sources it imports once,
// and each reading thread loads them from that map: no compiler in the thread's heap or time.
function threadEntry(): { code: string; eval: boolean; sources?: Record<string, string> } {
  if (fs.existsSync(`${ENTRY}.js`)) return { code: `${ENTRY}.js`, eval: false };
  fromSources ??= {
    sources: compiledSources(`${ENTRY}.ts`),
    code: `const { workerData } = require('node:worker_threads');
      require.extensions['.ts'] = (module, file) => module._compile(workerData.sources[file], file);
      require(${JSON.stringify(`${ENTRY}.ts`)});`,
  };
  return { ...fromSources, eval: true };
}

function compiledSources(entry: string): Record<string, string> {
  // Only from the sources, where the compiler (a devDependency) is installed.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
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

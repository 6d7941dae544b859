// The rectify CLI as users run it: compiled as `npm run build` compiles it (tsc, into an ignored
// folder of the repo so that it resolves node_modules), started as its own process with pipes for
// its output, so that standard error is not a terminal.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { compiledApps, CompiledApps } from './compiled-apps';

const REPO = path.resolve(__dirname, '../..');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export class CliProcess {
  private constructor(private readonly apps: CompiledApps) {}

  static build(): CliProcess {
    return new CliProcess(compiledApps());
  }

  get main(): string {
    return path.join(this.apps.dir, 'apps/cli/src/main.js');
  }

  // `node main.js ...args`; `env` adds to the test process's environment.
  run(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
    return collect(process.execPath, [this.main, ...args], env);
  }

  // The same on a terminal: util-linux `script` gives the CLI a pseudo-terminal and copies what it
  // shows (standard output and error, merged, with \r\n line ends) to its own standard output.
  inTerminal(args: readonly string[]): Promise<CliRun> {
    const line = [process.execPath, this.main, ...args].map(shellQuoted).join(' ');
    return collect('script', ['-qec', line, '/dev/null'], {});
  }

  // A bash script, with RECTIFY_CLI naming the compiled CLI.
  bash(script: string): Promise<CliRun> {
    return collect('bash', ['-c', script], { RECTIFY_CLI: this.main });
  }

  stop(): void {
    this.apps.release();
  }
}

const shellQuoted = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

// Asynchronous on purpose: the API under test may run in this very process.
function collect(command: string, args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: REPO,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

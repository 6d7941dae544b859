import { progressReporter, type ProgressReporter } from './progress-reporter';

// Where commands write: their answer on standard output, problems and progress on standard error.
// Tests pass their own to read what a command said.
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  // Long work (an import, a download) reports here; without it the work runs silently.
  progress?(label: string, unit?: (n: number) => string): ProgressReporter;
}

export const CONSOLE: CliIo = {
  out: (l) => console.log(l),
  err: (l) => console.error(l),
  progress: (label, unit) => progressReporter(label, process.stderr, unit),
};

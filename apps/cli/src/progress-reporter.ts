// Progress of long work on standard error, so that standard output stays the command's answer: a
// bar redrawn in place on a terminal, plain lines (the first at once, then one per tenth of the
// way) in logs and pipes.

export interface ProgressReporter {
  // `total` is null when the work does not know its size in advance.
  update(done: number, total: number | null): void;
  // Closes the bar's line; the last state has been shown.
  end(): void;
}

export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const BAR_WIDTH = 30;

export function progressReporter(
  label: string,
  stream: ProgressStream,
  unit: (n: number) => string = String,
): ProgressReporter {
  return stream.isTTY ? new TerminalBar(label, stream, unit) : new PlainLines(label, stream, unit);
}

export const bytes = (n: number): string =>
  n < 1024
    ? `${n} B`
    : n < 1024 * 1024
      ? `${(n / 1024).toFixed(1)} kB`
      : `${(n / 1024 / 1024).toFixed(1)} MB`;

class TerminalBar implements ProgressReporter {
  private drawn = false;

  constructor(
    private readonly label: string,
    private readonly stream: ProgressStream,
    private readonly unit: (n: number) => string,
  ) {}

  update(done: number, total: number | null): void {
    const count = total === null ? this.unit(done) : `${this.unit(done)}/${this.unit(total)}`;
    const filled = total ? Math.round((BAR_WIDTH * Math.min(done, total)) / total) : 0;
    const bar = total === null ? '' : `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] `;
    // \x1b[K clears what a longer previous line left behind.
    this.stream.write(`\r${this.label} ${bar}${count}\x1b[K`);
    this.drawn = true;
  }

  end(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}

class PlainLines implements ProgressReporter {
  private shownTenth = -1;
  private last: string | null = null;

  constructor(
    private readonly label: string,
    private readonly stream: ProgressStream,
    private readonly unit: (n: number) => string,
  ) {}

  update(done: number, total: number | null): void {
    if (total === null) {
      this.last = `${this.label}: ${this.unit(done)}`;
      return;
    }
    const line = `${this.label}: ${this.unit(done)}/${this.unit(total)}`;
    const tenth = total ? Math.floor((10 * done) / total) : 10;
    if (tenth > this.shownTenth) {
      this.shownTenth = tenth;
      this.stream.write(`${line}\n`);
      this.last = null;
    } else this.last = line;
  }

  // Work of unknown size says where it ended; sized work has shown its last tenth already.
  end(): void {
    if (this.last !== null) this.stream.write(`${this.last}\n`);
    this.last = null;
  }
}

// The apps compiled as `npm run build` compiles them (tsc; the test setup's bundle stands in for
// the workflow bundle step), once per test run: every test that starts a worker or the CLI as its
// own process shares one build, because each tsc run costs most of a minute on two cores. The
// build lives in an ignored folder inside the repo, so that the built files resolve node_modules.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../..');
// A build left half-done by a killed Jest worker does not block the run for ever.
const STALE_LOCK_MS = 10 * 60_000;

export interface CompiledApps {
  readonly dir: string;
  // Removes the build when it was made for this caller alone (outside a full test run).
  release(): void;
}

export function compiledApps(): CompiledApps {
  return builtOnce(process.env.RECTIFY_TEST_APPS_BUILD, 'test-build-', build);
}

// One build per test run in `shared` (made by the first caller under a lock, the others wait),
// or outside a full run a private build the caller releases.
export function builtOnce(
  shared: string | undefined,
  prefix: string,
  make: (dir: string) => void,
): CompiledApps {
  if (!shared) {
    fs.mkdirSync(path.join(REPO, '.tools'), { recursive: true });
    const dir = fs.mkdtempSync(path.join(REPO, '.tools', prefix));
    make(dir);
    return { dir, release: () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const done = path.join(shared, '.built');
  const lock = `${shared}.lock`;
  while (!fs.existsSync(done)) {
    if (tryLock(lock)) {
      try {
        if (!fs.existsSync(done)) {
          fs.rmSync(shared, { recursive: true, force: true });
          make(shared);
          fs.writeFileSync(done, '');
        }
      } finally {
        fs.rmSync(lock, { recursive: true, force: true });
      }
    } else {
      // Another Jest worker is building: wait for it (synchronously, as the build itself is).
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  return { dir: shared, release: () => undefined };
}

function tryLock(lock: string): boolean {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  try {
    fs.mkdirSync(lock);
    return true;
  } catch {
    const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

function build(outDir: string): void {
  try {
    execFileSync(
      path.join(REPO, 'node_modules/.bin/tsc'),
      ['-p', 'tsconfig.build.json', '--outDir', outDir],
      {
        cwd: REPO,
        stdio: 'inherit',
      },
    );
  } catch (e) {
    fs.rmSync(outDir, { recursive: true, force: true });
    throw e;
  }
}

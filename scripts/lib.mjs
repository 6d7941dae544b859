// Shared by `npm start` and `npm test`: Node built-ins only, because they run before dependencies exist.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function say(message) {
  process.stderr.write(`rectify: ${message}\n`);
}

// Runs a command to completion with inherited output; returns its exit code.
export function run(command, args, options = {}) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

export function runOrExit(label, command, args, options = {}) {
  const code = run(command, args, options);
  if (code !== 0) {
    say(`${label} failed (exit ${code})`);
    process.exit(code);
  }
}

// Installs dependencies when node_modules is missing or older than the lockfile.
export function ensureDependencies() {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  const stale = !fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs;
  if (!stale) return;
  say('installing dependencies (npm ci)…');
  runOrExit('npm ci', 'npm', ['ci', '--no-audit', '--no-fund']);
}

export function ensureTools() {
  runOrExit('tool setup', process.execPath, [path.join(ROOT, 'scripts', 'setup-tools.mjs')]);
}

export function bin(name) {
  return path.join(ROOT, 'node_modules', '.bin', name);
}

// A TCP port on loopback that nothing listens on now (the system's choice); another program may
// take it before the caller does.
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export { spawn };

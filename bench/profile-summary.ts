// Where a CPU profile's time goes, by area (Rectify's own folders, each npm package, Node itself,
// GC, idle): `node --cpu-prof --cpu-prof-dir DIR dist-bench/bench/main.js --quick`, then
// `node dist-bench/bench/profile-summary.js DIR/*.cpuprofile`. One section per profile (Node
// writes one per thread: the main thread, the plan reader's, the workflow threads).
import * as fs from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function area(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node';
  const own = /dist-bench\/([^/]+)\/(?:src\/)?([^/]+)?/.exec(url);
  if (own) return own[1] === 'bench' ? 'bench' : `${own[1]}/${own[2] ?? ''}`;
  return url.replace(/^file:\/\//, '');
}

function summarize(file: string): void {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, us] of self) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    const a = area(f.url, f.functionName);
    areas.set(a, (areas.get(a) ?? 0) + us);
    const name = `${f.functionName || '(anonymous)'} ${a}:${f.lineNumber + 1}`;
    fns.set(name, (fns.get(name) ?? 0) + us);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(
        ([name, us]) =>
          `    ${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1e6).toFixed(2)} s  ${name}`,
      )
      .join('\n');
  console.log(
    `${file}: ${(total / 1e6).toFixed(1)} s sampled\n  by area:\n${top(areas, 15)}\n  by function:\n${top(fns, 15)}`,
  );
}

process.argv.slice(2).forEach(summarize);

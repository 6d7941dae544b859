// What a step costs the workflow thread when its measure left the cache: the committed history of
// a measure taken through its ladder (`step-light-0`, 58 events, 8 workflow tasks) replayed many
// times through one replay worker, with the workflow code bundled from this tree as the bench's
// worker bundles it. A replay after an eviction is most of a step in a burst with more measures
// open than the cache holds (BENCHMARKS.md), so this is the loop to iterate on it:
//   tsc -p tsconfig.bench.json --noCheck && node dist-bench/bench/replay-cost.js [--replays 200] [--rounds 3]
// Prints the time a replay took in each round (the first also warms the thread up) and their median.
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WORKFLOW_INTERCEPTOR_MODULES } from '../libs/temporal/src/workflow-source';
import { bundleWorkflows } from './harness/stack';
import { whole } from './harness/options';

const HISTORY = 'test/fixtures/histories/step-light-0-P01-M1.history.pb';

async function main(): Promise<void> {
  // Each replay worker says when it starts and stops; only what goes wrong is worth printing.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const replays = whole(process.argv, '--replays', 200);
  const rounds = whole(process.argv, '--rounds', 3);
  const root = path.resolve(__dirname, '../..');
  const history = temporal.api.history.v1.History.decode(fs.readFileSync(path.join(root, HISTORY)));
  const code = await bundleWorkflows(require.resolve('../workflows'), WORKFLOW_INTERCEPTOR_MODULES);
  const perReplay: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const started = process.hrtime.bigint();
    const results = Worker.runReplayHistories(
      { workflowBundle: { code }, replayName: `replay-cost-${round}` },
      Array.from({ length: replays }, (_, i) => ({ workflowId: `replay-${round}-${i}`, history })),
    );
    for await (const r of results) if (r.error) throw r.error;
    const ms = Number(process.hrtime.bigint() - started) / 1e6 / replays;
    perReplay.push(ms);
    console.log(
      `round ${round}: ${replays} replays of ${path.basename(HISTORY)}, ${ms.toFixed(1)} ms a replay`,
    );
  }
  const sorted = [...perReplay].sort((a, b) => a - b);
  console.log(`median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms a replay`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

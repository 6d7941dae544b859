// The machine's speed as one pure-CPU figure, printed: escalation ladders planned a second
// (`planLadder`, dates and arithmetic, no I/O), the fastest of five rounds. Run as a process of
// its own (machine.ts), so that nothing of the process asking (its heap, its threads) counts.
import { DEFAULT_ESCALATION_POLICY, planLadder } from '../../libs/domain/src/escalation-ladder';

const ROUND = 20_000;
let best = Infinity;
for (let r = 0; r < 5; r++) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < ROUND; i++) planLadder(Date.UTC(2026, 0, 1) + i, DEFAULT_ESCALATION_POLICY);
  best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
}
process.stdout.write(`${Math.round(ROUND / best)}\n`);

import { Counter, Histogram, Registry } from 'prom-client';
import { ESCALATION_STEP_KINDS, EscalationStepKind } from '../../domain/src/escalation-ladder';

// Due time → recorded time. Steps fire on workflow timers, so seconds are normal; a catch-up
// step (a measure imported past its deadline) is days late, and shows as such.
const LATENESS_BUCKETS = [0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3_600, 21_600, 86_400, 604_800];

export function isLadderStep(kind: string): kind is EscalationStepKind {
  return (ESCALATION_STEP_KINDS as readonly string[]).includes(kind);
}

// The worker's ladder series: steps recorded, and how late each was against its due time.
export class LadderMetrics {
  private readonly steps: Counter<'kind' | 'level'>;
  private readonly lateness: Histogram<'kind'>;

  constructor(registry: Registry) {
    this.steps = new Counter({
      name: 'rectify_ladder_steps_total',
      help: 'Escalation ladder steps recorded (each once, retries not counted)',
      labelNames: ['kind', 'level'],
      registers: [registry],
    });
    this.lateness = new Histogram({
      name: 'rectify_ladder_step_lateness_seconds',
      help: 'Seconds from a ladder step being due to its being recorded',
      labelNames: ['kind'],
      buckets: LATENESS_BUCKETS,
      registers: [registry],
    });
  }

  // A newly recorded step: due at `dueAt`, recorded (the read model's recorded_at) at `recordedAt`.
  stepRecorded(kind: EscalationStepKind, level: number, dueAt: Date, recordedAt: Date): void {
    this.steps.inc({ kind, level: String(level) });
    this.lateness.observe({ kind }, Math.max(0, (recordedAt.getTime() - dueAt.getTime()) / 1_000));
  }
}

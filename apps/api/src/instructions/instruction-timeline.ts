import type { MeasureEntity } from '../../../../libs/persistence/src/entities/measure.entity';
import type { LeaderInstructionRepository } from '../../../../libs/persistence/src/repositories/leader-instruction.repository';

// A timeline entry as GET /measures/:id shows its events.
export interface TimelineEntry {
  readonly id: string;
  readonly kind: string;
  readonly level: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: string;
  readonly detail: Record<string, unknown>;
}

// The 批示 a measure's readers see in its timeline: those on the measure, on its problem and on its
// plan, with their answers (落实情况) and their clock's steps, as entries of their own kinds. They
// live in their own tables (the measure workflow knows nothing of them) and are merged on reading.
export async function instructionTimeline(
  instructions: LeaderInstructionRepository,
  m: Pick<MeasureEntity, 'planId' | 'code' | 'problemId'>,
): Promise<TimelineEntry[]> {
  const rows = await instructions.forMeasure(m);
  const ids = rows.map((r) => r.id);
  const [answers, steps] = await Promise.all([instructions.answers(ids), instructions.events(ids)]);
  const dueAt = new Map(rows.map((r) => [r.id, r.dueAt.getTime()]));
  return [
    ...rows.map((r) => ({
      id: r.id,
      kind: 'instruction_issued',
      level: 0,
      occurredAt: r.recordedAt.toISOString(),
      recordedAt: r.recordedAt.toISOString(),
      actor: r.recordedBy,
      detail: {
        instructionId: r.id,
        targetKind: r.targetKind,
        targetCode: r.targetCode,
        text: r.text,
        author: r.author,
        issuedOn: r.issuedOn,
        dueAt: r.dueAt.toISOString(),
      },
    })),
    ...answers.map((a) => ({
      id: a.id,
      kind: 'instruction_answered',
      level: 0,
      occurredAt: a.answeredAt.toISOString(),
      recordedAt: a.answeredAt.toISOString(),
      actor: a.answeredBy,
      detail: {
        instructionId: a.instructionId,
        text: a.text,
        unitCode: a.answeredUnit,
        late: a.answeredAt.getTime() > (dueAt.get(a.instructionId) ?? Infinity),
      },
    })),
    ...steps.map((e) => ({
      id: e.id,
      kind: `instruction_${e.kind}`,
      level: e.kind === 'answer_overdue' ? 1 : 0,
      occurredAt: e.occurredAt.toISOString(),
      recordedAt: e.recordedAt.toISOString(),
      actor: e.actor,
      detail: { instructionId: e.instructionId, ...e.detail },
    })),
  ];
}

// The measure's own events and the 批示 entries, oldest first; a stable sort keeps the measure's
// events in their recorded order where instants are equal.
export function mergeTimeline(
  own: readonly TimelineEntry[],
  more: readonly TimelineEntry[],
): TimelineEntry[] {
  return [...own, ...more].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}

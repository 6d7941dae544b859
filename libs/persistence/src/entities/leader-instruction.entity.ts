import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { InstructionStepKind, InstructionTargetKind } from '../../../domain/src/leader-instruction';
import { instantColumn } from '../column-types';

// 批示: a leader's instruction on a plan, one of its problems or one of its measures (by code).
@Entity('leader_instruction')
@Index('ix_leader_instruction_plan', ['planId'])
export class LeaderInstructionEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'plan_id', length: 36 }) planId!: string;
  @Column('varchar', { name: 'target_kind', length: 16 }) targetKind!: InstructionTargetKind;
  @Column('varchar', { name: 'target_code', length: 64 }) targetCode!: string;
  @Column('text') text!: string;
  // The leader who gave it (who typed it in is `recordedBy`).
  @Column('varchar', { length: 100 }) author!: string;
  // The date on the instruction itself (YYYY-MM-DD).
  @Column('varchar', { name: 'issued_on', length: 10 }) issuedOn!: string;
  @Column('varchar', { name: 'answer_limit', length: 40 }) answerLimit!: string;
  @Column(instantColumn({ name: 'recorded_at' })) recordedAt!: Date;
  // Computed once from recordedAt and answerLimit, so later rule changes do not move it.
  @Column(instantColumn({ name: 'due_at' })) dueAt!: Date;
  @Column('varchar', { name: 'recorded_by', length: 200 }) recordedBy!: string;
}

// 落实情况: what a responsible unit (or the office) did about an instruction.
@Entity('instruction_answer')
@Index('ix_instruction_answer_instruction', ['instructionId'])
export class InstructionAnswerEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'instruction_id', length: 36 }) instructionId!: string;
  @Column('text') text!: string;
  @Column('varchar', { name: 'answered_by', length: 200 }) answeredBy!: string;
  @Column('varchar', { name: 'answered_role', length: 16 }) answeredRole!: string;
  // The responsible unit (or the unit above it) the answer was given as; null for the office.
  @Column('varchar', { name: 'answered_unit', length: 64, nullable: true }) answeredUnit!: string | null;
  @Column(instantColumn({ name: 'answered_at' })) answeredAt!: Date;
}

// A step of the instruction's clock (批示落实时限): the reminder, the overdue notice. Recorded once
// by its idempotency key; its notices are notification requests naming it.
@Entity('instruction_event')
@Index('ix_instruction_event_instruction', ['instructionId'])
export class InstructionEventEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'instruction_id', length: 36 }) instructionId!: string;
  @Column('varchar', { length: 32 }) kind!: InstructionStepKind;
  @Column('varchar', { name: 'idempotency_key', length: 300, unique: true }) idempotencyKey!: string;
  @Column('varchar', { length: 200 }) actor!: string;
  @Column('simple-json') detail!: Record<string, unknown>;
  @Column(instantColumn({ name: 'occurred_at' })) occurredAt!: Date;
  @Column(instantColumn({ name: 'recorded_at' })) recordedAt!: Date;
}

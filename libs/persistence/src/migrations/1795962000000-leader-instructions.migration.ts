import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// 批示: leaders' instructions on a plan, a problem or a measure, and the responsible units'
// answers (落实情况). Kept apart from the measure workflow: the instruction's limit is computed once
// when it is recorded and stored with it.
export class LeaderInstructions1795962000000 implements MigrationInterface {
  name = 'LeaderInstructions1795962000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    await q.createTable(
      new Table({
        name: 'leader_instruction',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('plan_id', 36),
          str('target_kind', 16),
          str('target_code', 64),
          { name: 'text', type: 'text' },
          str('author', 100),
          str('issued_on', 10),
          str('answer_limit', 40),
          { name: 'recorded_at', type: instant },
          { name: 'due_at', type: instant },
          str('recorded_by', 200),
        ],
        indices: [new TableIndex({ name: 'ix_leader_instruction_plan', columnNames: ['plan_id'] })],
        foreignKeys: [
          { columnNames: ['plan_id'], referencedTableName: 'plans', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'instruction_answer',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('instruction_id', 36),
          { name: 'text', type: 'text' },
          str('answered_by', 200),
          str('answered_role', 16),
          { name: 'answered_at', type: instant },
        ],
        indices: [
          new TableIndex({ name: 'ix_instruction_answer_instruction', columnNames: ['instruction_id'] }),
        ],
        foreignKeys: [
          {
            columnNames: ['instruction_id'],
            referencedTableName: 'leader_instruction',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('instruction_answer');
    await q.dropTable('leader_instruction');
  }
}

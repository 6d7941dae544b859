import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Spot-inspection rounds (暗访督查) with their groups, sampling rule and recorded draw, and their
// findings with the notice each issued (整改任务通知书 / 督办函) and the measure it started.
export class SpotInspections1795890000000 implements MigrationInterface {
  name = 'SpotInspections1795890000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    const text = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'text',
      isNullable: nullable,
    });
    await q.createTable(
      new Table({
        name: 'spot_rounds',
        columns: [
          { ...str('id', 36), isPrimary: true },
          { ...str('code', 64), isUnique: true },
          str('title', 500),
          str('organiser', 200),
          str('inspected_organisation', 200),
          str('starts_on', 10),
          str('ends_on', 10),
          str('time_zone', 64),
          text('escalation_policy', true),
          text('units'),
          text('groups'),
          text('sampling_rule', true),
          str('draw_seed', 200, true),
          text('draw', true),
          str('created_by', 200),
          { name: 'created_at', type: instant },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'spot_findings',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('round_id', 36),
          str('code', 16),
          str('group_code', 64),
          str('unit_code', 64),
          text('description'),
          str('found_on', 10),
          str('notice_kind', 24, true),
          text('notice', true),
          str('measure_code', 64, true),
          str('linked_plan_code', 64, true),
          str('linked_problem_code', 64, true),
          str('created_by', 200),
          { name: 'created_at', type: instant },
        ],
        uniques: [{ name: 'uq_spot_findings_round_code', columnNames: ['round_id', 'code'] }],
        indices: [new TableIndex({ name: 'ix_spot_findings_round', columnNames: ['round_id'] })],
        foreignKeys: [
          { columnNames: ['round_id'], referencedTableName: 'spot_rounds', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('spot_findings');
    await q.dropTable('spot_rounds');
  }
}

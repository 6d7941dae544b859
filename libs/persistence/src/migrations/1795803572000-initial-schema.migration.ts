import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex, TableUnique } from 'typeorm';

// The first schema: inspection, plan, units, problem tree, measures and their recorded events.
export class InitialSchema1795803572000 implements MigrationInterface {
  name = 'InitialSchema1795803572000';

  async up(q: QueryRunner): Promise<void> {
    const instant = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const id = (name = 'id'): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: '36',
      isPrimary: true,
    });
    const ref = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: '36',
      isNullable: nullable,
    });
    const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    const txt = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'text',
      isNullable: nullable,
    });
    const int = (name: string, dflt?: number): TableColumnOptions => ({
      name,
      type: 'integer',
      default: dflt,
    });
    const at = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: instant,
      isNullable: nullable,
    });

    await q.createTable(
      new Table({
        name: 'inspections',
        columns: [
          id(),
          { ...str('code', 64), isUnique: true },
          str('name', 500),
          str('inspecting_body', 200),
          str('inspected_organisation', 200),
          str('on_site_from', 10),
          str('on_site_to', 10),
          str('feedback_date', 10),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'plans',
        columns: [
          id(),
          { ...str('code', 64), isUnique: true },
          ref('inspection_id'),
          str('title', 500),
          str('time_zone', 64),
          txt('escalation_policy'),
          str('content_hash', 64),
          at('imported_at'),
        ],
        foreignKeys: [
          {
            columnNames: ['inspection_id'],
            referencedTableName: 'inspections',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'units',
        columns: [
          id(),
          ref('plan_id'),
          str('code', 64),
          str('name', 200),
          str('level', 16),
          str('parent_code', 64, true),
        ],
        uniques: [new TableUnique({ name: 'uq_units_plan_code', columnNames: ['plan_id', 'code'] })],
        foreignKeys: [
          { columnNames: ['plan_id'], referencedTableName: 'plans', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'problem_groups',
        columns: [
          id(),
          ref('plan_id'),
          str('kind', 8),
          ref('parent_id', true),
          str('code', 64),
          str('title', 500),
          int('position'),
        ],
        uniques: [
          new TableUnique({ name: 'uq_problem_groups_plan_code', columnNames: ['plan_id', 'kind', 'code'] }),
        ],
        foreignKeys: [
          { columnNames: ['plan_id'], referencedTableName: 'plans', referencedColumnNames: ['id'] },
          {
            columnNames: ['parent_id'],
            referencedTableName: 'problem_groups',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'problems',
        columns: [
          id(),
          ref('plan_id'),
          ref('aspect_id'),
          str('code', 64),
          txt('title'),
          str('track', 16),
          txt('root_cause', true),
          int('position'),
        ],
        uniques: [new TableUnique({ name: 'uq_problems_plan_code', columnNames: ['plan_id', 'code'] })],
        foreignKeys: [
          { columnNames: ['plan_id'], referencedTableName: 'plans', referencedColumnNames: ['id'] },
          {
            columnNames: ['aspect_id'],
            referencedTableName: 'problem_groups',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'measures',
        columns: [
          id(),
          ref('plan_id'),
          ref('problem_id'),
          ref('parent_measure_id', true),
          str('track', 16),
          str('code', 64),
          txt('title'),
          str('lead_leader', 100),
          str('lead_unit_code', 64),
          txt('co_unit_codes'),
          at('due_at'),
          str('due_text', 40),
          txt('method', true),
          txt('requirements', true),
          txt('indicators'),
          txt('milestones'),
          txt('referral_items'),
          txt('escalation_policy'),
          str('status', 24),
          int('overdue_level', 0),
          { ...str('workflow_id', 200), isUnique: true },
          at('signed_off_at', true),
          int('position'),
        ],
        uniques: [new TableUnique({ name: 'uq_measures_plan_code', columnNames: ['plan_id', 'code'] })],
        indices: [
          new TableIndex({ name: 'ix_measures_lead_unit', columnNames: ['lead_unit_code'] }),
          new TableIndex({ name: 'ix_measures_status', columnNames: ['status'] }),
        ],
        foreignKeys: [
          { columnNames: ['plan_id'], referencedTableName: 'plans', referencedColumnNames: ['id'] },
          { columnNames: ['problem_id'], referencedTableName: 'problems', referencedColumnNames: ['id'] },
          {
            columnNames: ['parent_measure_id'],
            referencedTableName: 'measures',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'measure_units',
        columns: [
          { ...ref('measure_id'), isPrimary: true },
          { ...str('unit_code', 64), isPrimary: true },
          ref('plan_id'),
          str('role', 8),
        ],
        indices: [new TableIndex({ name: 'ix_measure_units_unit', columnNames: ['plan_id', 'unit_code'] })],
        foreignKeys: [
          { columnNames: ['measure_id'], referencedTableName: 'measures', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'measure_events',
        columns: [
          id(),
          ref('measure_id'),
          str('kind', 32),
          int('level'),
          { ...str('idempotency_key', 300), isUnique: true },
          at('occurred_at'),
          at('recorded_at'),
          str('actor', 200),
          txt('detail'),
        ],
        indices: [
          new TableIndex({ name: 'ix_measure_events_measure', columnNames: ['measure_id', 'occurred_at'] }),
        ],
        foreignKeys: [
          { columnNames: ['measure_id'], referencedTableName: 'measures', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notification_requests',
        columns: [
          id(),
          ref('measure_id'),
          ref('event_id'),
          str('addressee_kind', 16),
          str('addressee', 200),
          str('subject', 500),
          str('status', 16),
          at('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_notification_requests_status', columnNames: ['status', 'created_at'] }),
        ],
        foreignKeys: [
          { columnNames: ['measure_id'], referencedTableName: 'measures', referencedColumnNames: ['id'] },
          { columnNames: ['event_id'], referencedTableName: 'measure_events', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'measure_events',
      'measure_units',
      'measures',
      'problems',
      'problem_groups',
      'units',
      'plans',
      'inspections',
    ]) {
      await q.dropTable(table);
    }
  }
}

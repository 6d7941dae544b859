import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Reminders that reach people (issue #11): persons with their duties and settings, posts and
// their holders, channels, and one delivery row per notice, person and channel.
export class PeopleAndDeliveries1795850000000 implements MigrationInterface {
  name = 'PeopleAndDeliveries1795850000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    const id = (): TableColumnOptions => ({ ...str('id', 36), isPrimary: true });
    const txt = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'text',
      isNullable: nullable,
    });
    const at = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: instant,
      isNullable: nullable,
    });

    await q.createTable(
      new Table({
        name: 'persons',
        columns: [
          id(),
          str('name', 100),
          { ...str('user_id', 36, true), isUnique: true },
          txt('unit_codes'),
          txt('duties'),
          str('language', 8),
          str('time_zone', 64),
          txt('quiet_hours', true),
          { name: 'daily_digest', type: 'boolean', default: false },
          at('created_at'),
          at('disabled_at', true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'posts',
        columns: [id(), str('unit_code', 64), str('title', 100), str('holder_person_id', 36, true)],
        indices: [
          new TableIndex({
            name: 'ux_posts_unit_title',
            columnNames: ['unit_code', 'title'],
            isUnique: true,
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'person_channels',
        columns: [
          id(),
          str('person_id', 36),
          str('kind', 16),
          str('address', 500),
          str('secret', 200, true),
          at('created_at'),
          at('disabled_at', true),
        ],
        indices: [new TableIndex({ name: 'ix_person_channels_person', columnNames: ['person_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notification_deliveries',
        columns: [
          id(),
          { ...str('key', 200), isUnique: true },
          str('request_id', 36),
          str('measure_id', 36),
          str('person_id', 36, true),
          str('channel', 16),
          str('channel_id', 36, true),
          str('state', 16),
          { name: 'attempts', type: 'integer' },
          str('last_error', 500, true),
          at('not_before'),
          at('created_at'),
          at('sent_at', true),
          at('read_at', true),
        ],
        indices: [
          new TableIndex({ name: 'ix_deliveries_request', columnNames: ['request_id'] }),
          new TableIndex({ name: 'ix_deliveries_person_state', columnNames: ['person_id', 'state'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notification_deliveries');
    await q.dropTable('person_channels');
    await q.dropTable('posts');
    await q.dropTable('persons');
  }
}

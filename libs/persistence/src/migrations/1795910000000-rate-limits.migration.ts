import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

// Request counters of the rate limits on public routes (sign-in, feedback, public reads), in the
// database so that every API replica counts against the same limit. Times are epoch milliseconds
// on the database's clock.
export class RateLimits1795910000000 implements MigrationInterface {
  name = 'RateLimits1795910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'rate_limit_counters',
        columns: [
          { name: 'throttler', type: 'varchar', length: '32', isPrimary: true },
          // A digest of route and client address, never the address itself.
          { name: 'key_hash', type: 'varchar', length: '128', isPrimary: true },
          { name: 'hits', type: 'integer' },
          { name: 'window_ends_at', type: 'bigint' },
          // 0 when the client is not blocked.
          { name: 'blocked_until', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'ix_rate_limit_counters_window', columnNames: ['window_ends_at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('rate_limit_counters');
  }
}

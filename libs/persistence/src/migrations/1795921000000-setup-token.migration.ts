import { MigrationInterface, QueryRunner, Table } from 'typeorm';

// The first admin's one-time setup token (its hash), in the database so that every API replica
// sees the one token, and none mints its own.
export class SetupToken1795921000000 implements MigrationInterface {
  name = 'SetupToken1795921000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await q.createTable(
      new Table({
        name: 'setup_tokens',
        columns: [
          { name: 'id', type: 'varchar', length: '32', isPrimary: true },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'created_at', type: instant },
          { name: 'expires_at', type: instant },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('setup_tokens');
  }
}

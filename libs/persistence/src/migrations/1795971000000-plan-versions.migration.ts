import { MigrationInterface, QueryRunner, Table } from 'typeorm';

// 方案版本: every import or re-import that changes a plan keeps its content, so a report as of an
// earlier date uses the plan as it stood then. A plan imported before versions were kept starts
// with one version: the definition it was last applied with, at its last import.
export class PlanVersions1795971000000 implements MigrationInterface {
  name = 'PlanVersions1795971000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await q.createTable(
      new Table({
        name: 'plan_versions',
        columns: [
          { name: 'plan_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'number', type: 'integer', isPrimary: true },
          { name: 'content_hash', type: 'varchar', length: '64' },
          { name: 'definition', type: 'text' },
          { name: 'applied_at', type: instant },
        ],
        foreignKeys: [
          { columnNames: ['plan_id'], referencedTableName: 'plans', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.query(
      `INSERT INTO plan_versions (plan_id, number, content_hash, definition, applied_at)
       SELECT id, 1, content_hash, definition, imported_at FROM plans WHERE definition IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('plan_versions');
  }
}

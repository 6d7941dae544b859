import { MigrationInterface, QueryRunner, Table } from 'typeorm';

// 方案草稿: plans drafted from the documents an office already has (a feedback opinion, a
// rectification plan as text, Word or PDF), kept for review and editing until they are applied
// through the normal import or deleted.
export class PlanDrafts1795974000000 implements MigrationInterface {
  name = 'PlanDrafts1795974000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await q.createTable(
      new Table({
        name: 'plan_drafts',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'created_at', type: instant },
          { name: 'created_by', type: 'varchar', length: '200' },
          { name: 'file_name', type: 'varchar', length: '255', isNullable: true },
          { name: 'format', type: 'varchar', length: '8' },
          { name: 'document_text', type: 'text' },
          { name: 'draft', type: 'text' },
          { name: 'plan', type: 'text' },
          { name: 'edited', type: 'text' },
          { name: 'revision', type: 'integer' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'applied_plan_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'target_plan_code', type: 'varchar', length: '64', isNullable: true },
        ],
        indices: [{ name: 'ix_plan_drafts_created_at', columnNames: ['created_at'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('plan_drafts');
  }
}

import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// Plan publication (公开): the public bulletin is open to anonymous callers only once the office
// publishes it, as of the day it names.
export class PlanPublication1795930000000 implements MigrationInterface {
  name = 'PlanPublication1795930000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await q.addColumns('plans', [
      new TableColumn({ name: 'published_as_of', type: 'varchar', length: '10', isNullable: true }),
      new TableColumn({ name: 'published_at', type: instant, isNullable: true }),
      new TableColumn({ name: 'published_by', type: 'varchar', length: '200', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumns('plans', ['published_by', 'published_at', 'published_as_of']);
  }
}

import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// Plan closure: when and by whom a plan was closed (its measures' workflows then end).
export class PlanClosure1795830000000 implements MigrationInterface {
  name = 'PlanClosure1795830000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await q.addColumns('plans', [
      new TableColumn({ name: 'closed_at', type: instant, isNullable: true }),
      new TableColumn({ name: 'closed_by', type: 'varchar', length: '200', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumns('plans', ['closed_by', 'closed_at']);
  }
}

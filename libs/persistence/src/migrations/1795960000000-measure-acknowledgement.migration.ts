import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

// 签收: where a measure's latest delivery stands ('pending' | 'acknowledged' | 'returned') and by
// when its lead unit must acknowledge it; null on measures whose policy asks for no 签收, which
// is every measure from before (the board filters on it, hence the index).
export class MeasureAcknowledgement1795960000000 implements MigrationInterface {
  name = 'MeasureAcknowledgement1795960000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await q.addColumns('measures', [
      new TableColumn({ name: 'acknowledgement', type: 'varchar', length: '16', isNullable: true }),
      new TableColumn({ name: 'acknowledge_by', type: instant, isNullable: true }),
    ]);
    await q.createIndex(
      'measures',
      new TableIndex({ name: 'ix_measures_acknowledgement', columnNames: ['acknowledgement'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('measures', 'ix_measures_acknowledgement');
    await q.dropColumn('measures', 'acknowledge_by');
    await q.dropColumn('measures', 'acknowledgement');
  }
}

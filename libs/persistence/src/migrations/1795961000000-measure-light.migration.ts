import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

// 亮灯: the light of an open measure (green, blue, yellow, red; null when not open), kept by the
// events its workflow records, so lists, the overview, bulletins and ledgers filter and count by it.
// Rows of measures whose runs began before lights stay null until their workflow records one.
export class MeasureLight1795961000000 implements MigrationInterface {
  name = 'MeasureLight1795961000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'measures',
      new TableColumn({ name: 'light', type: 'varchar', length: '8', isNullable: true }),
    );
    await q.createIndex('measures', new TableIndex({ name: 'ix_measures_light', columnNames: ['light'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('measures', 'ix_measures_light');
    await q.dropColumn('measures', 'light');
  }
}

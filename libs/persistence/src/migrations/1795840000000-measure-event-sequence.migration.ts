import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// The sequence of the newest event applied to a measure's row: an older event recorded late (a
// retried or delayed activity) no longer writes its values over newer ones.
export class MeasureEventSequence1795840000000 implements MigrationInterface {
  name = 'MeasureEventSequence1795840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'measures',
      new TableColumn({ name: 'last_event_seq', type: 'integer', isNullable: false, default: 0 }),
    );
    await q.addColumn('measure_events', new TableColumn({ name: 'seq', type: 'integer', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('measure_events', 'seq');
    await q.dropColumn('measures', 'last_event_seq');
  }
}

import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

// A unit ranking reads, per measure of a plan, its claims and escalations before the periods it
// judges and its deliveries with their acknowledgements (UnitAssessmentRepository.assessedHistory):
// a few kinds among many (reminders, progress reports, light changes). Through the events' index
// by (measure, occurred_at) SQLite read every event's row to learn its kind; this index gives each
// kind's events of a measure as one range, with the level an escalation reached, without the rows
// (BENCHMARKS.md, "the ranking of a plan with a history").
const INDEX = new TableIndex({
  name: 'ix_measure_events_kind',
  columnNames: ['measure_id', 'kind', 'occurred_at', 'level'],
});

export class MeasureEventKindIndex1795978000000 implements MigrationInterface {
  name = 'MeasureEventKindIndex1795978000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('measure_events', INDEX.clone());
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('measure_events', INDEX.name!);
  }
}

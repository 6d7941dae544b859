import {
  isCommandAllowed,
  MEASURE_COMMANDS,
  MEASURE_STATUSES,
  MeasureCommand,
  MeasureStatus,
  refusalReason,
} from './measure-status';

describe('measure state machine', () => {
  const table: Record<MeasureStatus, Record<MeasureCommand, boolean>> = {
    assigned: { complete: true },
    completed: { complete: false },
  };

  it('has a row for every status and a column for every command', () => {
    expect(Object.keys(table).sort()).toEqual([...MEASURE_STATUSES].sort());
    for (const row of Object.values(table))
      expect(Object.keys(row).sort()).toEqual([...MEASURE_COMMANDS].sort());
  });

  for (const status of MEASURE_STATUSES) {
    for (const command of MEASURE_COMMANDS) {
      const allowed = table[status][command];
      it(`${allowed ? 'accepts' : 'refuses'} ${command} when ${status}`, () => {
        expect(isCommandAllowed(status, command)).toBe(allowed);
        expect(refusalReason(status, command)).toBe(
          allowed ? null : `a measure in status ${status} cannot accept ${command}`,
        );
      });
    }
  }
});

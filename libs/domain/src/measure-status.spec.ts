import {
  isCommandAllowed,
  isOpen,
  ladderRuns,
  MEASURE_COMMANDS,
  MEASURE_STATUSES,
  MeasureCommand,
  MeasureStatus,
  refusalReason,
} from './measure-status';

// The whole lifecycle as a table: a row per status, a column per command.
const Y = true;
const n = false;
const TABLE: Record<MeasureStatus, Record<MeasureCommand, boolean>> = {
  //                 progress claim verify reqExt decExt reqWd decWd reassign lookBack change close chgDue withdraw schedLB review referral decompose policy calendar ack return confirm adjust
  assigned: row(Y, Y, n, Y, Y, Y, Y, Y, n, n, n, Y, Y, n, n, Y, Y, Y, Y, Y, Y, Y, Y),
  in_progress: row(Y, Y, n, Y, Y, Y, Y, Y, n, n, n, Y, Y, n, n, Y, Y, Y, Y, Y, Y, Y, Y),
  completion_claimed: row(n, n, Y, n, Y, n, Y, Y, n, n, n, Y, Y, n, n, n, n, Y, Y, n, n, n, n),
  verified: row(n, n, n, n, n, n, n, n, Y, Y, Y, n, n, Y, Y, n, n, n, n, n, n, n, n),
  closed: row(n, n, n, n, n, n, n, n, n, Y, n, n, n, n, n, n, n, n, n, n, n, n, n),
  withdrawn: row(n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n),
};

function row(...allowed: boolean[]): Record<MeasureCommand, boolean> {
  return Object.fromEntries(MEASURE_COMMANDS.map((c, i) => [c, allowed[i]])) as Record<
    MeasureCommand,
    boolean
  >;
}

describe('measure state machine', () => {
  it('has a row for every status and a value for every command', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...MEASURE_STATUSES].sort());
    for (const r of Object.values(TABLE))
      expect(Object.values(r).every((v) => typeof v === 'boolean')).toBe(true);
  });

  for (const status of MEASURE_STATUSES) {
    for (const command of MEASURE_COMMANDS) {
      const allowed = TABLE[status][command];
      it(`${allowed ? 'accepts' : 'refuses'} ${command} when ${status}`, () => {
        expect(isCommandAllowed(status, command)).toBe(allowed);
        expect(refusalReason(status, command)).toBe(
          allowed ? null : `a measure in status ${status} cannot accept ${command}`,
        );
      });
    }
  }

  it.each<[MeasureStatus, boolean, boolean]>([
    ['assigned', true, true],
    ['in_progress', true, true],
    ['completion_claimed', false, true],
    ['verified', false, false],
    ['closed', false, false],
    ['withdrawn', false, false],
  ])('when %s the ladder runs: %s; the measure is open: %s', (status, runs, open) => {
    expect(ladderRuns(status)).toBe(runs);
    expect(isOpen(status)).toBe(open);
  });
});

// Where a measure stands. Issue #3 extends this with claims, verification and look-back.
export const MEASURE_STATUSES = [
  'assigned', // 已交办: followed, no completion yet
  'completed', // 已完成: completion recorded; the ladder stops
] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const MEASURE_COMMANDS = ['complete'] as const;
export type MeasureCommand = (typeof MEASURE_COMMANDS)[number];

const ALLOWED: Record<MeasureStatus, readonly MeasureCommand[]> = {
  assigned: ['complete'],
  completed: [],
};

export function isCommandAllowed(status: MeasureStatus, command: MeasureCommand): boolean {
  return ALLOWED[status].includes(command);
}

export function refusalReason(status: MeasureStatus, command: MeasureCommand): string | null {
  return isCommandAllowed(status, command) ? null : `a measure in status ${status} cannot accept ${command}`;
}

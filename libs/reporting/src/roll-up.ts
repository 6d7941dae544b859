// A reporting period's roll-up (旬报 / 月通报) for the office: which responsible units reported,
// which missed (漏报, and how many periods in a row), and each unit's measures by status at the
// close. Built once when the period closes and stored as it was; computed from plain data.
import { MEASURE_STATUSES, type MeasureStatus } from '../../domain/src/measure-status';
import {
  periodDays,
  periodLabel,
  type ReportingCadence,
  type ReportingPeriod,
} from '../../domain/src/reporting-period';

export interface RollUpUnit {
  readonly code: string;
  readonly name: string;
  // Owed a report this period: it led open measures when the period was judged.
  readonly owed: boolean;
  readonly reported: boolean;
  // Progress reports on the unit's measures within the period.
  readonly reports: number;
  // 漏报 in a row, this period included; 0 when it reported or owed nothing.
  readonly consecutiveMisses: number;
  // Lead leaders of the unit's measures (a lead leader reads the rows of the units they lead for).
  readonly leaders: readonly string[];
  readonly measures: Readonly<Record<MeasureStatus, number>> & { readonly total: number };
}

export interface RollUp {
  readonly plan: { readonly code: string; readonly title: string; readonly timeZone: string };
  readonly cadence: ReportingCadence;
  readonly period: {
    readonly key: string;
    readonly label: string;
    // Local days, YYYY-MM-DD, both included.
    readonly firstDay: string;
    readonly lastDay: string;
    // Instants: the period runs from `start` up to `end`, when it closed.
    readonly start: string;
    readonly end: string;
  };
  // Responsible units in the plan's order of units.
  readonly units: readonly RollUpUnit[];
}

export interface RollUpInput {
  readonly plan: RollUp['plan'];
  readonly period: ReportingPeriod;
  // The plan's units in document order, with names.
  readonly units: readonly { readonly code: string; readonly name: string }[];
  // Every measure of the plan as it stands at the close.
  readonly measures: readonly {
    readonly leadUnitCode: string;
    readonly leadLeader: string;
    readonly status: MeasureStatus;
  }[];
  // Progress reports in the period, by lead unit.
  readonly reports: Readonly<Record<string, number>>;
  // How the period was judged: the units that reported, and those that missed with their count in a row.
  readonly reported: readonly string[];
  readonly missed: readonly { readonly unitCode: string; readonly consecutive: number }[];
}

export function buildRollUp(input: RollUpInput): RollUp {
  const { period, plan } = input;
  const days = periodDays(period, plan.timeZone);
  const reported = new Set(input.reported);
  const missed = new Map(input.missed.map((m) => [m.unitCode, m.consecutive]));
  const leading = new Set(input.measures.map((m) => m.leadUnitCode));
  const known = new Set(input.units.map((u) => u.code));
  // Units of the plan that lead a measure or were judged, then any lead unit the plan does not name.
  const rows = [
    ...input.units.filter((u) => leading.has(u.code) || reported.has(u.code) || missed.has(u.code)),
    ...[...leading].filter((code) => !known.has(code)).map((code) => ({ code, name: code })),
  ];
  return {
    plan,
    cadence: period.cadence,
    period: {
      key: period.key,
      label: periodLabel(period),
      firstDay: days.first,
      lastDay: days.last,
      start: new Date(period.startMs).toISOString(),
      end: new Date(period.endMs).toISOString(),
    },
    units: rows.map((u) => {
      const own = input.measures.filter((m) => m.leadUnitCode === u.code);
      const counts = Object.fromEntries(MEASURE_STATUSES.map((s) => [s, 0])) as Record<MeasureStatus, number>;
      for (const m of own) counts[m.status]++;
      return {
        code: u.code,
        name: u.name,
        owed: reported.has(u.code) || missed.has(u.code),
        reported: reported.has(u.code),
        reports: input.reports[u.code] ?? 0,
        consecutiveMisses: missed.get(u.code) ?? 0,
        leaders: [...new Set(own.map((m) => m.leadLeader))].sort(),
        measures: { ...counts, total: own.length },
      };
    }),
  };
}

// How a plan's reporting cadence is enforced: when units that have not reported are reminded,
// and who is told when a report is missed (漏报) again and again — a short ladder of its own.
// Pure data and rules, shared by the plan format, the plan-cadence workflow and its tests.
import { isIsoDuration, parseIsoDuration } from './iso-duration';

// Who a missed-report notice goes to: the unit itself, the lead leader(s) of the unit's open
// measures, or the rectification office (整改办).
export const MISSED_REPORT_ADDRESSEES = ['unit', 'leader', 'office'] as const;
export type MissedReportAddressee = (typeof MISSED_REPORT_ADDRESSEES)[number];

// From `misses` consecutive missed periods on, each further miss notifies `notify`.
export interface MissedReportRung {
  readonly misses: number;
  readonly notify: MissedReportAddressee;
}

export interface ReportingRules {
  // How long before a period closes units that have not reported are reminded (P1D, PT30S).
  readonly reminderLead: string;
  readonly missedReportLadder: readonly MissedReportRung[];
}

export const DEFAULT_REPORTING_RULES: ReportingRules = {
  reminderLead: 'P1D',
  missedReportLadder: [
    { misses: 1, notify: 'unit' },
    { misses: 2, notify: 'leader' },
    { misses: 3, notify: 'office' },
  ],
};

export const MAX_MISSED_REPORT_RUNGS = 10;

// A missed report as the ladder places it: level 1 is the first rung (0 when the ladder starts
// higher than this count), and who is told, if anyone.
export interface MissedReportStep {
  readonly level: number;
  readonly notify: MissedReportAddressee | null;
}

// The rung reached at this many consecutive misses: the highest whose count has been reached, so
// a unit that keeps missing keeps reaching the top rung, once per period.
export function missedReportStep(ladder: readonly MissedReportRung[], consecutive: number): MissedReportStep {
  let level = 0;
  ladder.forEach((rung, i) => {
    if (rung.misses <= consecutive) level = i + 1;
  });
  return { level, notify: level ? ladder[level - 1].notify : null };
}

export interface ReportingRulesProblem {
  // `reminderLead`, or `missedReportLadder[i].misses`.
  readonly path: (string | number)[];
  readonly message: string;
}

// The lead must be a fixed length (weeks, days, hours…): a period's close is a fixed instant.
export function checkReportingRules(rules: ReportingRules): ReportingRulesProblem[] {
  const out: ReportingRulesProblem[] = [];
  if (!isFixedPositiveDuration(rules.reminderLead))
    out.push({
      path: ['reminderLead'],
      message: `"${rules.reminderLead}" is not a positive ISO-8601 duration without years or months, such as P1D or PT30S`,
    });
  if (rules.missedReportLadder.length > MAX_MISSED_REPORT_RUNGS)
    out.push({
      path: ['missedReportLadder'],
      message: `has at most ${MAX_MISSED_REPORT_RUNGS} rungs`,
    });
  rules.missedReportLadder.forEach((rung, i) => {
    const before = i > 0 ? rules.missedReportLadder[i - 1].misses : 0;
    if (rung.misses <= before)
      out.push({
        path: ['missedReportLadder', i, 'misses'],
        message: 'rungs climb: each needs more consecutive misses than the one before',
      });
  });
  return out;
}

function isFixedPositiveDuration(text: string): boolean {
  if (!isIsoDuration(text)) return false;
  const d = parseIsoDuration(text);
  const ms = ((d.weeks * 7 + d.days) * 24 + d.hours) * 3_600_000 + d.minutes * 60_000 + d.seconds * 1000;
  return d.sign > 0 && !d.years && !d.months && ms > 0;
}

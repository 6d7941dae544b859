// The answers the spot-inspection screens read (apps/api/src/spot-inspections/spot-round.view.ts,
// get-spot-round.use-case.ts, verify-spot-draw.use-case.ts).
import type { NoticeKind } from '../../../../../libs/domain/src/spot-inspection';

export interface SpotRoundSummary {
  readonly code: string;
  readonly title: string;
  readonly organiser: string;
  readonly inspectedOrganisation: string | null;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly timeZone: string;
  readonly planCode: string;
  readonly sampled: boolean;
}

export interface SpotFinding {
  readonly id: string;
  readonly code: string;
  readonly group: string;
  readonly place: string;
  readonly description: string;
  readonly foundOn: string;
  readonly link: { readonly planCode: string; readonly problemCode: string } | null;
  readonly notice: {
    readonly kind: NoticeKind;
    readonly name: string;
    readonly number: string | null;
    readonly leadUnit: string;
    readonly leadLeader: string;
    readonly due: string;
    readonly measureCode: string | null;
    readonly measure: {
      readonly id: string;
      readonly code: string;
      readonly status: string;
      readonly dueAt: string;
      readonly overdueLevel: number;
      readonly state: 'rectified' | 'in_progress' | 'overdue' | 'withdrawn';
    } | null;
  } | null;
}

export interface SpotRound extends SpotRoundSummary {
  readonly draw: { readonly seed: string; readonly algorithm: string; readonly periodKey: string } | null;
  readonly groups: readonly {
    readonly code: string;
    readonly name: string;
    readonly places: readonly {
      readonly unit: string;
      readonly name: string;
      readonly households: Record<string, number> | null;
    }[];
  }[];
  readonly findings: readonly SpotFinding[];
  readonly figures: {
    readonly findings: number;
    readonly noticesIssued: number;
    readonly byKind: Record<NoticeKind, number>;
    readonly rectified: number;
    readonly inProgress: number;
    readonly overdue: number;
    readonly withdrawn: number;
  };
  readonly asOf: string;
}

export interface DrawCheck {
  readonly code: string;
  readonly periodKey: string;
  readonly matches: boolean;
}

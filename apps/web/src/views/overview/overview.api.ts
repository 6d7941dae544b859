import type { MeasureLight } from '../../../../../libs/domain/src/measure-light';
import type { MeasureStatus } from '../../../../../libs/domain/src/measure-status';
import type { Track } from '../../../../../libs/domain/src/track';

// GET /plans/{id}/overview as the overview screen reads it (apps/api/src/overview).
export interface PlanOverview {
  readonly planId: string;
  readonly planCode: string;
  readonly title: string;
  readonly timeZone: string;
  readonly asOf: string;
  readonly ageingBuckets: readonly { key: string; fromDays: number; toDays: number | null }[];
  readonly totals: {
    readonly problems: number;
    readonly measures: number;
    readonly open: number;
    readonly signedOff: number;
    readonly overdue: number;
  };
  readonly byTrack: readonly { track: Track; problems: number; measures: number }[];
  readonly byStatus: readonly { status: MeasureStatus; measures: number }[];
  // 亮灯: open measures by light, and by lead unit (units with a lit measure).
  readonly byLight: readonly { light: MeasureLight; measures: number }[];
  readonly lightsByUnit: readonly ({ unit: string; name: string } & Record<MeasureLight, number>)[];
  readonly byProblem: readonly {
    code: string;
    title: string;
    track: Track;
    measures: number;
    signedOff: number;
    overdue: number;
  }[];
  readonly progress: readonly {
    week: string;
    firstDay: string;
    claimed: number;
    verified: number;
    verifiedToDate: number;
  }[];
  readonly ageing: readonly { key: string; measures: number }[];
  readonly overdueByUnit: readonly {
    unit: string;
    name: string;
    total: number;
    buckets: readonly number[];
  }[];
  readonly escalationLevels: readonly { level: number; reached: number; current: number }[];
  readonly indicators: {
    readonly total: number;
    readonly items: readonly {
      measureId: string;
      measureCode: string;
      code: string;
      name: string;
      unit: string;
      target: number;
      baseline: number | null;
      current: number | null;
    }[];
  };
}

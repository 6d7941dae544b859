// The answers the measure board reads: a page of GET /measures, and the plan tree of GET /plans/:id
// that fills its category, problem, unit and leader choices.
import type { MeasureStatus } from '../../../../../libs/domain/src/measure-status';
import type { Track } from '../../../../../libs/domain/src/track';

export interface MeasureRow {
  readonly id: string;
  readonly planId: string;
  readonly code: string;
  readonly title: string;
  readonly leadLeader: string;
  readonly leadUnit: string;
  readonly coUnits: readonly string[];
  readonly dueAt: string;
  readonly due: string;
  readonly status: MeasureStatus;
  // Open and past its deadline, by the server's clock.
  readonly overdue: boolean;
  readonly overdueLevel: number;
  readonly track: Track;
}

export interface MeasurePage {
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
  readonly items: readonly MeasureRow[];
}

export interface PlanTree {
  readonly id: string;
  readonly units: readonly { readonly code: string; readonly name: string }[];
  readonly categories: readonly {
    readonly code: string;
    readonly title: string;
    readonly aspects: readonly {
      readonly problems: readonly {
        readonly code: string;
        readonly title: string;
        readonly measures: readonly { readonly leadLeader: string }[];
      }[];
    }[];
  }[];
}

// The answers the measure board reads: a page of GET /measures, and the plan tree of GET /plans/:id
// that fills its category, problem, unit and leader choices.
import type { MeasureSummary } from '../../api/views';

export type MeasureRow = MeasureSummary;

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
    // A category holding its problems directly (no aspects).
    readonly problems?: PlanTree['categories'][number]['aspects'][number]['problems'];
  }[];
}

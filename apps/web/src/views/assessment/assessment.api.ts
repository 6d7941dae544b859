import type { AssessmentComponent, AssessmentRule } from '../../../../../libs/domain/src/unit-assessment';

// GET /plans/{id}/assessment as the ranking screen reads it.
export interface AssessmentRow {
  readonly unitCode: string;
  readonly unitName: string;
  readonly components: Readonly<Record<AssessmentComponent, number>>;
  readonly score: number;
  readonly rank: number;
  readonly change: number | null;
}

export interface AssessmentAnswer {
  readonly planCode: string;
  readonly period: { readonly key: string };
  readonly asOf: string;
  readonly rule: AssessmentRule & {
    readonly source: 'default' | 'plan';
    readonly version: number;
    readonly updatedAt: string | null;
  };
  readonly publication: { readonly publishedAt: string; readonly ruleVersion: number } | null;
  readonly units: readonly AssessmentRow[];
}

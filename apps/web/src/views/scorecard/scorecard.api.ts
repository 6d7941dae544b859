// GET /plans/{id}/overview as the scorecard screen reads it: the plan and its unit rows.
export interface ScorecardRow {
  readonly unit: string;
  readonly name: string;
  readonly measuresLed: number;
  // Measures due by now or already signed off: what the on-time rate is a share of.
  readonly dueOrSignedOff: number;
  readonly signedOffOnTime: number;
  readonly onTimeRate: number | null;
  readonly overdueNow: number;
  readonly escalations: number;
  readonly reportsMissed: number;
}

export interface ScorecardAnswer {
  readonly planId: string;
  readonly planCode: string;
  readonly title: string;
  readonly asOf: string;
  readonly reportingCadence: string | null;
  readonly scorecard: readonly ScorecardRow[];
}

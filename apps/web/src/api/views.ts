import type { AcknowledgementStatus } from '../../../../libs/domain/src/acknowledgement-policy';
import type { MeasureLight } from '../../../../libs/domain/src/measure-light';
import type { MeasureStatus } from '../../../../libs/domain/src/measure-status';
import type { Track } from '../../../../libs/domain/src/track';

// The fields of the API's answers that screens read. The generated schema (schema.d.ts) types
// paths, parameters and request bodies; the API does not document its answers yet, so the
// answers several screens read are named here, and those one screen reads in its own folder
// (views/<screen>/<screen>.api.ts).
export interface PlanSummary {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly timeZone: string;
  readonly importedAt: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total?: number;
}

// A measure as GET /measures and GET /measures/:id summarise it (measureSummary in
// apps/api/src/measures/list-measures.use-case.ts).
export interface MeasureSummary {
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
  // 亮灯: null when not open.
  readonly light: MeasureLight | null;
  readonly track: Track;
  readonly parentMeasureId: string | null;
  readonly signedOffAt: string | null;
  // 签收: null when the measure's policy asks for none.
  readonly acknowledgement: AcknowledgementStatus | null;
  readonly acknowledgeBy: string | null;
}

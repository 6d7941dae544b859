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

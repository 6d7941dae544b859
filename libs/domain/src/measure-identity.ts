// A measure's workflow id is derived from plan and measure code, so importing a plan twice
// addresses the same workflows instead of starting new ones.
export function measureWorkflowId(planCode: string, measureCode: string): string {
  return `measure:${planCode}:${measureCode}`;
}

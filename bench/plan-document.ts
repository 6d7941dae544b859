// Plans shaped like real ones (units with co-units, milestones and indicators on every measure,
// ten measures a problem, problems under aspects and categories), of any size.
export interface Policy {
  readonly version: string;
  readonly steps: readonly { readonly kind: string; readonly offset: string }[];
}

export interface MeasureShape {
  readonly due: string;
  // Milestones fall before the deadline; none when the measure is due within the hour.
  readonly milestoneDue?: string;
  readonly escalationPolicy?: Policy;
}

const UNITS = 40;

export function planDocument(
  code: string,
  n: number,
  shape: (i: number) => MeasureShape,
  planPolicy?: Policy,
): unknown {
  const units = Array.from({ length: UNITS }, (_, i) => ({
    code: `U${i}`,
    name: `单位${i}`,
    level: 'county',
  }));
  const problemsPerAspect = 50;
  const problems = Math.ceil(n / 10);
  const measure = (i: number) => {
    const s = shape(i);
    return {
      code: `M${i}`,
      title: `整改措施 ${i}：建立健全长效机制并按期报送整改进展`,
      leadLeader: `负责人${i % 97}`,
      leadUnit: `U${i % UNITS}`,
      coUnits: [`U${(i + 1) % UNITS}`, `U${(i + 7) % UNITS}`],
      due: s.due,
      indicators: [{ code: `M${i}-I1`, name: '整改完成率', unit: '%', target: 100, baseline: 0 }],
      milestones: s.milestoneDue ? [{ code: `M${i}-MS1`, title: '阶段目标', due: s.milestoneDue }] : [],
      ...(s.escalationPolicy ? { escalationPolicy: s.escalationPolicy } : {}),
    };
  };
  const problem = (p: number) => ({
    code: `P${p}`,
    title: `问题 ${p}`,
    track: 'immediate',
    measures: Array.from({ length: Math.min(10, n - p * 10) }, (_, m) => measure(p * 10 + m)),
  });
  const aspects = Array.from({ length: Math.ceil(problems / problemsPerAspect) }, (_, a) => ({
    code: `A${a}`,
    title: `方面 ${a}`,
    problems: Array.from({ length: Math.min(problemsPerAspect, problems - a * problemsPerAspect) }, (_, p) =>
      problem(a * problemsPerAspect + p),
    ),
  }));
  return {
    formatVersion: 1,
    inspection: {
      code: 'BENCH-I',
      name: 'bench',
      inspectingBody: 'b',
      inspectedOrganisation: 'o',
      onSiteFrom: '2026-01-01',
      onSiteTo: '2026-01-31',
      feedbackDate: '2026-02-15',
    },
    plan: { code, title: 'bench', ...(planPolicy ? { escalationPolicy: planPolicy } : {}) },
    units,
    categories: [{ code: 'C', title: '类别', aspects }],
  };
}

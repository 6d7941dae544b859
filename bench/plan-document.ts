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

// The shapes real plans have (docs/plan-format.md): two sources (an inspection and an audit) with
// every tenth problem naming both, categories holding problems directly under the office's own
// level labels, a declared total above the itemised one, every hundredth measure handed to 各市州
// (a sub-measure for each of 14 cities), and deadlines as offices write them (立行立改, 明年6月底前,
// 明年9月26日18:00前, 长期坚持). `feedbackDate` is a day in the plan's time zone, so every
// deadline falls ahead of it.
export function widePlanDocument(code: string, n: number, feedbackDate: string): unknown {
  const cities = Array.from({ length: 14 }, (_, i) => ({
    code: `CITY${i}`,
    name: `市州${i}`,
    level: 'city',
    parent: 'PROV',
  }));
  const departments = Array.from({ length: 26 }, (_, i) => ({
    code: `DEPT${i}`,
    name: `省直部门${i}`,
    level: 'province',
    parent: 'PROV',
  }));
  const units = [{ code: 'PROV', name: '省委', level: 'province' }, ...departments, ...cities];
  const tracks = ['immediate', 'mechanism', 'long_term'] as const;
  const dues = {
    immediate: ['立行立改'],
    mechanism: ['明年6月底前', '明年9月26日18:00前'],
    long_term: ['长期坚持'],
  };
  const problems = Math.ceil(n / 10);
  const problem = (p: number) => {
    const track = tracks[p % 3];
    return {
      code: `P${p}`,
      title: `问题 ${p}`,
      track,
      sources: p % 10 === 0 ? ['INSPECTION', 'AUDIT'] : [p % 2 ? 'AUDIT' : 'INSPECTION'],
      measures: Array.from({ length: Math.min(10, n - p * 10) }, (_, m) => {
        const i = p * 10 + m;
        return {
          code: `M${i}`,
          title: `整改措施 ${i}：建立健全长效机制并按期报送整改进展`,
          leadLeader: `负责人${i % 97}`,
          leadUnit: i % 100 === 0 ? '各市州' : `DEPT${i % departments.length}`,
          coUnits: i % 100 === 0 ? [] : [`DEPT${(i + 1) % departments.length}`],
          due: dues[track][i % dues[track].length],
          indicators: [{ code: `M${i}-I1`, name: '整改完成率', unit: '%', target: 100, baseline: 0 }],
        };
      }),
    };
  };
  const perCategory = 100;
  const categories = Array.from({ length: Math.ceil(problems / perCategory) }, (_, c) => ({
    code: `C${c}`,
    title: `类别 ${c}`,
    problems: Array.from({ length: Math.min(perCategory, problems - c * perCategory) }, (_, p) =>
      problem(c * perCategory + p),
    ),
  }));
  return {
    formatVersion: 1,
    inspection: {
      code: 'BENCH-WIDE-I',
      name: 'bench',
      inspectingBody: '省委第一巡视组',
      inspectedOrganisation: '某省',
      onSiteFrom: feedbackDate,
      onSiteTo: feedbackDate,
      feedbackDate,
    },
    sources: [
      { code: 'INSPECTION', kind: 'inspection', body: '省委第一巡视组', feedbackDate },
      { code: 'AUDIT', kind: 'audit', body: '省审计厅', feedbackDate },
    ],
    plan: {
      code,
      title: 'bench',
      levelLabels: { category: '类', problem: '个问题' },
      declared: { measures: n + n / 10 },
    },
    units,
    categories,
  };
}

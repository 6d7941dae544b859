// A small plan driven to a known state for the plan overview and unit scorecard (API and browser
// tests): five measures of two problems, three of them overdue and escalated (the ladder catches
// up to its 督办 at once), one late and one on-time sign-off, a progress report with an indicator
// value, and three missed reports. The figures the tests expect are worked out by hand from it.
import { randomUUID } from 'node:crypto';
import { CadenceRepository } from '../../libs/persistence/src/repositories/cadence.repository';
import { eventually } from './eventually';
import { aPlanDocument } from './plan-fixtures';
import type { RectifyClient, RectifyHarness } from './rectify-harness';

// 督办 three days after the deadline is the last step: an overdue measure stops there.
const STEPS = [
  { kind: 'reminder', offset: '-P1D' },
  { kind: 'overdue_notice', offset: 'PT0S' },
  { kind: 'supervision_notice', offset: 'P3D' },
];

export interface OverviewPlan {
  readonly planId: string;
  readonly planCode: string;
  readonly title: string;
  // Measure ids by code.
  readonly ids: Record<string, string>;
}

// P01 (long_term): M1 GS-HOUSING with LINXIA, overdue since 2019, progress reported (houses
// 12000 of 26500); M2 GS-POVERTY, overdue since 2019, then signed off (late); M3 GS-HOUSING, due
// 2030, signed off (on time). P02 (immediate): M1 LINXIA, ten days overdue; M2 GS-POVERTY, due
// 2030, untouched. Missed reports: GS-POVERTY two periods, LINXIA one.
export function anOverviewPlanDocument(planCode: string, tenDaysAgo: string) {
  const doc = aPlanDocument({ planCode, steps: STEPS, measures: 1 });
  Object.assign(doc.plan, { reportingCadence: 'monthly' });
  const measure = (code: string, title: string, leadUnit: string, due: string, coUnits: string[] = []) => ({
    code,
    title,
    leadLeader: '分管副省长',
    leadUnit,
    coUnits,
    due,
    indicators: [] as { code: string; name: string; unit: string; target: number; current: number }[],
  });
  const [problem] = doc.categories[0].aspects[0].problems;
  const m1 = { ...problem.measures[0], coUnits: ['LINXIA'] };
  problem.measures = [
    m1,
    measure('P01-M2', '建立危房动态监测机制', 'GS-POVERTY', '2019-09-30'),
    measure('P01-M3', '完成危房改造验收', 'GS-HOUSING', '2030-06-30'),
  ];
  doc.categories[0].aspects[0].problems.push({
    code: 'P02',
    title: '扶贫资金拨付滞后',
    track: 'immediate',
    rootCause: '审批环节过多',
    measures: [
      measure('P02-M1', '清理滞留资金', 'LINXIA', tenDaysAgo),
      measure('P02-M2', '压缩审批环节', 'GS-POVERTY', '2030-06-30'),
    ],
  });
  return doc;
}

// Driven as the harness's admin, who may both report (as a unit would) and verify.
export async function setUpOverviewPlan(rectify: RectifyHarness, planCode: string): Promise<OverviewPlan> {
  const admin: RectifyClient = rectify;
  // The deadline only has to be between 8 and 30 days past whenever the overview is read.
  const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString();
  const doc = anOverviewPlanDocument(planCode, tenDaysAgo);
  const imported = await admin.request('POST', '/plans', doc);
  expect(imported.status).toBe(201);
  const planId: string = imported.body.planId;
  const list = await admin.request('GET', `/measures?plan=${planId}&limit=50`);
  expect(list.status).toBe(200);
  const ids: Record<string, string> = Object.fromEntries(
    list.body.items.map((m: { code: string; id: string }) => [m.code, m.id]),
  );
  expect(Object.keys(ids).sort()).toEqual(['P01-M1', 'P01-M2', 'P01-M3', 'P02-M1', 'P02-M2']);

  // The overdue measures catch up to 督办 before anything else happens to them.
  for (const code of ['P01-M1', 'P01-M2', 'P02-M1'])
    await eventually(
      async () => {
        const m = await admin.request('GET', `/measures/${ids[code]}`);
        expect(m.body.events.map((e: { kind: string }) => e.kind)).toContain('supervision_notice');
      },
      { timeoutMs: 120_000 },
    );

  const ok = (r: { status: number; body: unknown }) =>
    expect({ status: r.status, body: r.body }).toMatchObject({ status: 200 });
  ok(
    await admin.request('POST', `/measures/${ids['P01-M1']}/progress-reports`, {
      note: '已完成1.2万户',
      indicators: [{ code: 'houses', current: 12_000 }],
    }),
  );
  for (const code of ['P01-M2', 'P01-M3']) {
    ok(
      await admin.request('POST', `/measures/${ids[code]}/completion-claims`, {
        evidence: [{ kind: 'photo', description: '现场照片' }],
      }),
    );
    ok(await admin.request('POST', `/measures/${ids[code]}/verification`, { decision: 'accept' }));
  }
  await eventually(async () => {
    const rows = (await admin.request('GET', `/measures?plan=${planId}&limit=50`)).body.items;
    const status = Object.fromEntries(rows.map((m: { code: string; status: string }) => [m.code, m.status]));
    expect(status).toEqual({
      'P01-M1': 'in_progress',
      'P01-M2': 'verified',
      'P01-M3': 'verified',
      'P02-M1': 'assigned',
      'P02-M2': 'assigned',
    });
  });

  // Missed reports as the plan-cadence workflow records them when a period closes without a
  // report: a month-long period cannot close during a test.
  const cadence = new CadenceRepository(rectify.db.dataSource);
  const missed = [
    ['GS-POVERTY', '2026-09', '2026-09-30T16:00:00Z', 1, ids['P01-M2']],
    ['GS-POVERTY', '2026-10', '2026-10-31T16:00:00Z', 2, ids['P01-M2']],
    ['LINXIA', '2026-10', '2026-10-31T16:00:00Z', 1, ids['P02-M1']],
  ] as const;
  for (const [unit, period, closedAt, consecutive, measureId] of missed)
    await cadence.recordOnce({
      planId,
      idempotencyKey: `test:${planCode}:${period}:report_missed/${unit}:${randomUUID()}`,
      kind: 'report_missed',
      periodKey: period,
      unitCode: unit,
      measureId,
      level: consecutive,
      occurredAt: new Date(closedAt),
      actor: 'system:plan-cadence',
      detail: { consecutive },
      notify: [],
    });
  return { planId, planCode, title: doc.plan.title, ids };
}

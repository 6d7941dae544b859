// Sub-measures a plan writes down (各市州): started by the import beside their measure, which
// follows them from its first moment (patch plan-sub-measures) as it follows a decomposition's.
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { eventually } from '../support/eventually';
import { LifecycleBench, startLifecycleBench } from '../support/lifecycle-harness';
import { AT_TARGET, PHOTO } from '../support/measure-fixtures';
import { testEngine } from '../support/test-database';

describe(`a measure with sub-measures from its plan (${testEngine()})`, () => {
  let b: LifecycleBench;

  beforeAll(async () => {
    b = await startLifecycleBench();
  });
  afterAll(() => b?.stop());

  it('knows its sub-measures from the start, hears of their progress, and is signed off only after them', async () => {
    // The fixture's city LINXIA lies below GS-POVERTY: 各市州 as a co-unit hands it a sub-measure.
    const rows = await b.planDueIn(30, {
      measures: 1,
      mutate: (d) => {
        d.categories[0].aspects[0].problems[0].measures[0].coUnits = ['各市州'];
      },
    });
    expect(rows.map((m) => [m.code, m.parentMeasureId])).toEqual([
      ['P01-M1', null],
      ['P01-M1.LINXIA', rows[0].id],
    ]);
    const [m, sub] = rows as [MeasureEntity, MeasureEntity];
    const g = b.gateway;
    expect((await g.state(m.workflowId))?.children).toEqual([
      {
        measureCode: 'P01-M1.LINXIA',
        workflowId: sub.workflowId,
        leadUnitCode: 'LINXIA',
        status: 'assigned',
      },
    ]);

    await g.reportProgress(sub.workflowId, { actor: 'LINXIA', note: '已启动' });
    await eventually(async () =>
      expect((await g.state(m.workflowId))?.children.map((c) => c.status)).toEqual(['in_progress']),
    );
    await expect(
      g.claimCompletion(m.workflowId, { actor: 'GS-HOUSING', evidence: [PHOTO], indicators: AT_TARGET }),
    ).rejects.toMatchObject({
      code: 'COMMAND_REFUSED',
      message: 'sub-measures not yet verified: P01-M1.LINXIA',
    });

    await g.claimCompletion(sub.workflowId, { actor: 'LINXIA', evidence: [PHOTO] });
    await g.verify(sub.workflowId, { actor: 'office', decision: 'accept' });
    await eventually(async () =>
      expect((await g.state(m.workflowId))?.children.map((c) => c.status)).toEqual(['verified']),
    );
    await g.claimCompletion(m.workflowId, { actor: 'GS-HOUSING', evidence: [PHOTO], indicators: AT_TARGET });
    expect((await g.verify(m.workflowId, { actor: 'office', decision: 'accept' })).status).toBe('verified');
    expect((await b.row(m)).status).toBe('verified');
  });
});

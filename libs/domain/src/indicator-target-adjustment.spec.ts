import { adjustedIndicator, targetAdjustmentNote } from './indicator-target-adjustment';

const HOUSES = { code: 'houses', name: '危房改造户数', unit: '户', target: 120, current: 100 };
const AT = '2019-05-01T02:00:00.000Z';

describe('indicator target adjustments (目标调整)', () => {
  it('keeps the plan target beside the new one', () => {
    const once = adjustedIndicator(HOUSES, {
      target: 112,
      reason: '8户纳入易地扶贫搬迁',
      approvedBy: '省扶贫办',
      actor: 'office:user:1',
      at: AT,
    });
    expect(once).toEqual({
      ...HOUSES,
      target: 112,
      adjustment: {
        originalTarget: 120,
        reason: '8户纳入易地扶贫搬迁',
        approvedBy: '省扶贫办',
        actor: 'office:user:1',
        adjustedAt: AT,
      },
    });
    const twice = adjustedIndicator(once, {
      target: 110,
      reason: '再核减2户',
      approvedBy: '省政府',
      actor: 'x',
      at: AT,
    });
    expect(twice.target).toBe(110);
    expect(twice.adjustment.originalTarget).toBe(120);
    expect(targetAdjustmentNote(twice.target, twice.unit, twice.adjustment)).toBe(
      '目标由120户调整为110户：再核减2户（省政府批准）',
    );
  });

  it('writes large numbers as the bulletin does', () => {
    const a = adjustedIndicator(
      { ...HOUSES, target: 26_500 },
      {
        target: 26_062,
        reason: '438户经核实不属于改造对象',
        approvedBy: '省住建厅',
        actor: 'x',
        at: AT,
      },
    );
    expect(targetAdjustmentNote(a.target, '户', a.adjustment)).toBe(
      '目标由26,500户调整为26,062户：438户经核实不属于改造对象（省住建厅批准）',
    );
  });
});

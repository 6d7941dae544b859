import { planVersionInForce } from './plan-version';

const v = (number: number, iso: string) => ({ number, appliedAt: new Date(iso) });
const versions = [v(2, '2026-12-02T00:00:00Z'), v(1, '2026-11-01T00:00:00Z'), v(3, '2026-12-03T00:00:00Z')];

describe('planVersionInForce', () => {
  it.each<[string, number | undefined]>([
    ['2019-04-18T16:00:00Z', 3],
    ['2026-11-01T00:00:00Z', 3],
    ['2026-11-01T00:00:00.001Z', 1],
    ['2026-12-02T00:00:00.001Z', 2],
    ['2026-12-03T00:00:00.001Z', 3],
    ['2030-01-01T00:00:00Z', 3],
  ])('at %s: version %s', (iso, number) => {
    expect(planVersionInForce(versions, Date.parse(iso))?.number).toBe(number);
  });

  it('has none for a plan without versions', () => {
    expect(planVersionInForce([], Date.now())).toBeUndefined();
  });
});

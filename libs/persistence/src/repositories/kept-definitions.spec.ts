import type { PlanDefinition } from '../../../domain/src/plan-definition';
import { KeptDefinitions } from './kept-definitions';

// A definition of `measures` measures under one problem: all the keeper counts.
function definition(measures: number): PlanDefinition {
  return {
    categories: [
      {
        code: 'C1',
        aspects: [
          {
            code: 'C1-A1',
            problems: [
              { code: 'P01', measures: Array.from({ length: measures }, (_, i) => ({ code: `M${i}` })) },
            ],
          },
        ],
      },
    ],
  } as unknown as PlanDefinition;
}

describe('plan definitions kept parsed', () => {
  it('answers a version kept under its plan, number and content hash, and no other', () => {
    const kept = new KeptDefinitions(10);
    const d = kept.keep('plan-1', 2, 'hash-a', definition(3));
    expect(kept.get('plan-1', 2, 'hash-a')).toBe(d);
    expect(kept.get('plan-1', 2, 'hash-b')).toBeUndefined();
    expect(kept.get('plan-1', 1, 'hash-a')).toBeUndefined();
    expect(kept.get('plan-2', 2, 'hash-a')).toBeUndefined();
  });

  it('drops the least lately used once the measures kept pass the bound', () => {
    const kept = new KeptDefinitions(10);
    kept.keep('a', 1, 'h', definition(4));
    kept.keep('b', 1, 'h', definition(4));
    expect(kept.get('a', 1, 'h')).toBeDefined();
    kept.keep('c', 1, 'h', definition(4));
    expect(kept.get('b', 1, 'h')).toBeUndefined();
    expect(kept.get('a', 1, 'h')).toBeDefined();
    expect(kept.get('c', 1, 'h')).toBeDefined();
  });

  it('keeps none larger than the bound alone, and drops nothing for it', () => {
    const kept = new KeptDefinitions(10);
    kept.keep('small', 1, 'h', definition(5));
    const large = kept.keep('large', 1, 'h', definition(11));
    expect(Object.isFrozen(large)).toBe(true);
    expect(kept.get('large', 1, 'h')).toBeUndefined();
    expect(kept.get('small', 1, 'h')).toBeDefined();
  });

  it('freezes a definition whole, so that a reader changing one fails instead of changing the next read', () => {
    const d = new KeptDefinitions(10).keep('plan-1', 1, 'h', definition(2));
    const measures = d.categories[0].aspects[0].problems[0].measures as { code: string }[];
    expect(() => measures.push({ code: 'M9' })).toThrow(TypeError);
    expect(() => {
      measures[0].code = 'changed';
    }).toThrow(TypeError);
    expect(measures.map((m) => m.code)).toEqual(['M0', 'M1']);
  });
});

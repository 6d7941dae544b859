import { stringify } from 'yaml';
import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { readPlanFile } from './plan-file.reader';

// The fixture with its category holding its problem directly, as YAML.
function flatYaml(due: string): Buffer {
  const doc = aPlanDocument() as ReturnType<typeof aPlanDocument> & Record<string, unknown>;
  const { aspects, ...category } = doc.categories[0];
  const problems = aspects[0].problems.map((p) => ({
    ...p,
    measures: p.measures.map((m) => ({ ...m, due })),
  }));
  (doc as Record<string, unknown>).categories = [{ ...category, problems }];
  return Buffer.from(stringify(doc), 'utf8');
}

describe('reading a plan whose categories hold problems directly', () => {
  it('places an error at the line the office wrote, under the category', async () => {
    const r = await readPlanFile(flatYaml('9月32日前'), 'yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.path, p.location])).toEqual([
      ['categories[0].problems[0].measures[0].due', expect.stringMatching(/^\d+:\d+$/)],
      ['categories[0].problems[0].measures[1].due', expect.stringMatching(/^\d+:\d+$/)],
    ]);
  });

  it('names each Chinese deadline reading by the path the office wrote', async () => {
    const r = await readPlanFile(flatYaml('9月底前'), 'yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.deadlines.map((d) => [d.path, d.date])).toEqual([
      ['categories[0].problems[0].measures[0].due', '2019-09-30'],
      ['categories[0].problems[0].measures[1].due', '2019-09-30'],
    ]);
    expect(r.deadlines.every((d) => /^\d+:\d+$/.test(d.location ?? ''))).toBe(true);
  });
});

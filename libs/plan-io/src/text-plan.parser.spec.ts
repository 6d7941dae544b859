import { stringify } from 'yaml';
import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { readPlanFile } from './plan-file.reader';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const json = (doc: unknown) => JSON.stringify(doc, null, 2);
const measure = (d: ReturnType<typeof aPlanDocument>) =>
  d.categories[0].aspects[0].problems[0].measures[0] as Record<string, unknown>;

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('reading a plan from JSON and YAML, with problems placed at lines', () => {
  it('reads the same plan from JSON and from YAML', async () => {
    const doc = aPlanDocument();
    const fromJson = await readPlanFile(bytes(json(doc)), 'json');
    const fromYaml = await readPlanFile(bytes(stringify(doc)), 'yaml');
    expect(fromJson.ok && fromYaml.ok).toBe(true);
    if (fromJson.ok && fromYaml.ok) expect(fromYaml.plan).toEqual(fromJson.plan);
  });

  it('keeps YAML dates as the text written (no timestamp conversion)', async () => {
    const r = await readPlanFile(
      bytes(stringify(aPlanDocument()).replace("'2019-09-30'", '2019-09-30')),
      'yaml',
    );
    expect(r.ok && r.plan.categories[0].aspects[0].problems[0].measures[0].due).toBe('2019-09-30');
  });

  it.each(['json', 'yaml'] as const)('places each %s problem at its line', async (format) => {
    const doc = aPlanDocument();
    measure(doc).leadUnit = 'NOWHERE';
    measure(doc).due = '2月30日前';
    const text = format === 'json' ? json(doc) : stringify(doc);
    const r = await readPlanFile(bytes(text), format);
    if (r.ok) throw new Error('expected a refusal');
    const where = Object.fromEntries(r.problems.map((p) => [p.path.split('.').at(-1), p.location]));
    const at = (needle: string) => {
      const line = lineOf(text, needle);
      return `${line}:${text.split('\n')[line - 1].indexOf(format === 'json' ? `"${needle}"` : needle) + 1}`;
    };
    expect(where.leadUnit).toBe(at('NOWHERE'));
    expect(where.due).toBe(at('2月30日前'));
  });

  it('says where JSON stops being JSON', async () => {
    const r = await readPlanFile(bytes('{\n  "formatVersion": 1,\n  "plan": }'), 'json');
    expect(r).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(r.ok || r.problems[0]).toMatchObject({ path: '(file)', location: '3:11' });
    expect(r.ok || r.problems[0].message).toMatch(/^not valid JSON/);
  });

  it.each<[string, string, string]>([
    ['a tab-indented line', 'formatVersion: 1\nplan:\n\tcode: x\n', '3:1'],
    ['a duplicate key', 'formatVersion: 1\nformatVersion: 2\n', '2:1'],
  ])('says where YAML stops being YAML: %s', async (_name, text, location) => {
    const r = await readPlanFile(bytes(text), 'yaml');
    expect(r.ok || r.problems[0]).toMatchObject({ path: '(file)', location });
    expect(r.ok || r.problems[0].message).toMatch(/^not valid YAML/);
  });

  it('refuses an alias bomb instead of expanding it', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(
        `${next}: &${next} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`,
      );
    }
    const r = await readPlanFile(bytes(lines.join('\n')), 'yaml');
    expect(r).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(r.ok || r.problems[0].message).toMatch(/not valid YAML: .*alias/i);
  });
});

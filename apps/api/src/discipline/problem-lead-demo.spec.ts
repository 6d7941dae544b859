// The demo's problem leads (plans/demo/p30-leads.json) as `npm start` posts them: each is a valid
// registration naming a problem of the demo plan, and the plan's P30 carries leads.
import * as fs from 'fs';
import * as path from 'path';
import { registerLeadsSchema } from './problem-lead.schemas';

const demo = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../plans/demo', file), 'utf8'));
const plan = demo('gansu-2019.plan.json');
const ledger = demo('p30-leads.json');
const leads: [string, Record<string, unknown>][] = ledger.leads.map((l: { ref: string }) => [l.ref, l]);
const problems: string[] = plan.categories.flatMap((c: { aspects: { problems: { code: string }[] }[] }) =>
  c.aspects.flatMap((a) => a.problems.map((p) => p.code)),
);

describe('the demo’s problem leads', () => {
  it('belong to the demo plan and go to the demo’s body', () => {
    expect(ledger.planCode).toBe(plan.plan.code);
    expect(plan.units.filter((u: { level: string }) => u.level === 'province').length).toBeGreaterThan(0);
  });

  it.each(leads)('%s is a registration the API accepts, of a problem the plan has', (_ref, lead) => {
    const { daysAfterFeedback, source, ...fields } = lead;
    expect({ days: typeof daysAfterFeedback, source: typeof source }).toEqual({
      days: 'number',
      source: 'string',
    });
    const parsed = registerLeadsSchema.safeParse({
      ...fields,
      planCode: ledger.planCode,
      receivedOn: '2019-01-18',
    });
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(problems).toContain(fields.problemCode);
    expect(fields.bodies).toEqual([ledger.body.code]);
  });

  it('gives P30 its leads', () => {
    expect(
      ledger.leads.filter((l: { problemCode: string }) => l.problemCode === 'P30').length,
    ).toBeGreaterThan(0);
  });
});

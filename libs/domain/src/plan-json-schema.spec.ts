import * as fs from 'node:fs';
import * as path from 'node:path';
import { planJsonSchemaText } from './plan-json-schema';

const committed = path.join(__dirname, '../../../docs/plan.schema.json');

describe('the committed JSON Schema of the plan format', () => {
  it('is exactly what the zod schema generates (regenerate with `npm run cli -- schema`)', () => {
    expect(fs.readFileSync(committed, 'utf8')).toBe(planJsonSchemaText());
  });

  it('describes the fields the plan format added for plans in and out', () => {
    const schema = JSON.parse(planJsonSchemaText());
    expect(Object.keys(schema.properties.plan.properties)).toEqual(
      expect.arrayContaining(['baseYear', 'reportingCadence', 'reportingRules']),
    );
    expect(schema.properties.plan.properties.reportingCadence.enum).toEqual([
      'daily',
      'weekly',
      'ten_daily',
      'monthly',
    ]);
  });
});

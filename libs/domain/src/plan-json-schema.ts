// The plan format as a JSON Schema, generated from the zod schema (the source of truth) and
// committed as docs/plan.schema.json for editors and other tools.
import { z } from 'zod';
import { planDefinitionSchema } from './plan-definition';

export const PLAN_SCHEMA_ID = 'https://rectify.dev/schemas/plan.schema.json';

export function planJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(planDefinitionSchema, {
    io: 'input',
    // Deadlines and durations are checked in code (dates, Chinese forms, ISO durations).
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: PLAN_SCHEMA_ID,
    title: 'Rectify plan (整改方案)',
    description:
      'A rectification plan: inspection, units, category → aspect → problem → measure. Deadlines may be ' +
      'ISO dates, instants with offset, or Chinese forms (9月底前, 4月下旬, 9月26日18:00前, 明年6月底前, 年内, 立行立改, 长期坚持). ' +
      'Cross-references (units, unique codes, dates) are checked by `rectify validate`.',
    ...rest,
  };
}

// The committed file's exact text: stable key order, two-space indent, final newline.
export function planJsonSchemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}

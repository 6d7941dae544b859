import type { RectifyClient } from './rectify-harness';

// A plan's bulletin as of a day, in Markdown: what the report tests read and compare as text.
export async function bulletinText(
  client: Pick<RectifyClient, 'request'>,
  plan: string,
  asOf: string,
  edition: 'internal' | 'public' = 'internal',
): Promise<string> {
  const r = await client.request('GET', `/plans/${plan}/bulletin?asOf=${asOf}&edition=${edition}&format=md`);
  expect(r.status).toBe(200);
  return (r.body as Buffer).toString('utf8');
}

// A target adjustment (目标调整) as the read model keeps it, 438 of 26,500 households found not to
// need rebuilding: the report and bulletin specs show it from the day it was approved.
export const HOUSING_TARGET_ADJUSTMENT = {
  originalTarget: 26500,
  reason: '438户经核实不属于改造对象',
  approvedBy: '省住建厅',
  actor: 'office:user:1',
  adjustedAt: '2019-06-30T08:00:00.000Z',
};

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

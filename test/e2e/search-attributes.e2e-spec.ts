import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { registerSearchAttributesCommand } from '../../apps/cli/src/register-search-attributes.command';
import { parseConfig } from '../../libs/config/src/rectify-config';
import { MEASURE_SEARCH_ATTRIBUTES } from '../../workflows/measure/measure.contract';
import { eventually } from '../support/eventually';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { devServerAddress } from '../support/temporal-test-env';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

describe(`finding measures by search attribute (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let client: Client;

  beforeAll(async () => {
    rectify = await startRectify();
    client = new Client({ connection: await Connection.connect({ address: devServerAddress() }) });
  });
  afterAll(async () => {
    await client?.connection.close();
    await rectify?.stop();
  });

  it('lists a plan’s measures by plan, unit, status and overdue level with a visibility query', async () => {
    const doc = aPlanDocument({
      planCode: uniqueCode('GS'),
      due: new Date(Date.now() - 4 * 86_400_000).toISOString(),
      measures: 3,
    });
    expect((await rectify.request('POST', '/plans', doc)).status).toBe(201);
    const query = `RectifyPlan = '${doc.plan.code}' AND RectifyUnit = 'GS-HOUSING' AND RectifyStatus = 'assigned' AND RectifyOverdueLevel = 2`;
    await eventually(
      async () => {
        const ids: string[] = [];
        for await (const w of client.workflow.list({ query })) ids.push(w.workflowId);
        expect(ids.sort()).toEqual([`measure:${doc.plan.code}:P01-M1`, `measure:${doc.plan.code}:P01-M3`]);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  });

  it('registers the search attributes on a namespace that lacks them', async () => {
    const namespace = uniqueCode('rectify-ns');
    await client.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('1 day'),
    });
    const config = parseConfig({
      TEMPORAL_ADDRESS: devServerAddress(),
      TEMPORAL_NAMESPACE: namespace,
    }).temporal;
    expect(await registerSearchAttributesCommand(config)).toBe(0);
    const listed = await client.connection.operatorService.listSearchAttributes({ namespace });
    expect(Object.keys(listed.customAttributes ?? {})).toEqual(
      expect.arrayContaining(MEASURE_SEARCH_ATTRIBUTES.map((k) => k.name)),
    );
    expect(await registerSearchAttributesCommand(config)).toBe(0);
  });
});

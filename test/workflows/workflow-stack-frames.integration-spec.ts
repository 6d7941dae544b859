// RECTIFY_WORKFLOW_STACK_FRAMES: the frames the SDK keeps of the stack of each promise made in
// workflow code, which the stack trace query (`temporal workflow stack`) shows of every promise a
// workflow waits on. Fewer frames make a replay cheaper (apps/worker/src/workflow-stack-frames.ts);
// these tests hold that the setting reaches the workflow sandbox and that what is left still
// names the line of the measure's code that waits.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import { followPlan } from '../support/follow-plan';
import { aPlanDocument } from '../support/plan-fixtures';
import { devServerAddress, testMeasureWorker } from '../support/temporal-test-env';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

describe(`the frames kept of each stack in workflow code (${testEngine()})`, () => {
  let db: TestDatabase;
  let client: Client;
  let native: NativeConnection;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connection: await Connection.connect({ address: devServerAddress() }) });
    native = await NativeConnection.connect({ address: devServerAddress() });
  });
  afterAll(async () => {
    await native?.close();
    await client?.connection.close();
    await db?.close();
  });

  // The stacks of what a measure waits on right after it started, as the stack trace query
  // answers them, on a worker keeping `frames` frames (none given: the default).
  async function waitingStacks(frames?: number): Promise<string[][]> {
    const taskQueue = uniqueCode('stack-frames');
    const worker = await testMeasureWorker({
      connection: native,
      client,
      namespace: 'default',
      taskQueue,
      dataSource: db.dataSource,
      workflowStackFrames: frames,
    });
    return worker.runUntil(async () => {
      const gateway = new MeasureWorkflowGateway(client, taskQueue, { searchAttributes: true });
      const [m] = await followPlan(
        aPlanDocument({ planCode: uniqueCode('GS'), due: '2030-06-30T16:00:00.000Z', measures: 1 }),
        db.dataSource,
        gateway,
      );
      const trace = await client.workflow.getHandle(m.workflowId).query<string>('__stack_trace');
      return trace.split('\n\n').map((stack) => stack.split('\n').filter((line) => /^\s+at /.test(line)));
    });
  }

  it('keeps three frames of each stack by default, still naming the line the measure waits at', async () => {
    const stacks = await waitingStacks();
    expect(stacks.length).toBeGreaterThan(0);
    expect(Math.max(...stacks.map((frames) => frames.length))).toBeLessThanOrEqual(3);
    expect(stacks.flat()).toContainEqual(
      expect.stringMatching(/workflows\/measure\/escalation-loop\.ts:\d+/),
    );
  });

  it('keeps as many frames as RECTIFY_WORKFLOW_STACK_FRAMES says', async () => {
    const stacks = await waitingStacks(10);
    expect(Math.max(...stacks.map((frames) => frames.length))).toBeGreaterThan(3);
    expect(Math.max(...stacks.map((frames) => frames.length))).toBeLessThanOrEqual(10);
  });
});

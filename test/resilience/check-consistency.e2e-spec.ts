// The drift check, run as the CLI process operators run, against a real API, worker, Temporal dev
// server and database: a plan as imported has no drift; a workflow terminated behind Rectify's
// back and a row changed behind the workflow's back are both reported, and the exit code says so.
import type { DatabaseConfig } from '../../libs/config/src/rectify-config';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { MeasureRepository } from '../../libs/persistence/src/repositories/measure.repository';
import { checkConsistency } from '../../libs/temporal/src/consistency-check';
import { measureWorkflowId } from '../../libs/domain/src/measure-identity';
import { CliProcess } from '../support/cli-process';
import { eventually } from '../support/eventually';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { runningMeasureWorkflows } from '../support/resilience';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

// The CLI reads its database from the environment, as in production.
function databaseEnv(db: DatabaseConfig): Record<string, string> {
  return db.kind === 'postgres' ? { DATABASE_URL: db.url } : { RECTIFY_SQLITE_PATH: db.file };
}

describe(`rectify check-consistency (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let cli: CliProcess;
  let env: Record<string, string>;
  const planCode = uniqueCode('GS');
  const ids = [1, 2, 3].map((i) => measureWorkflowId(planCode, `P01-M${i}`));

  beforeAll(async () => {
    cli = CliProcess.build();
    rectify = await startRectify();
    env = {
      ...databaseEnv(rectify.db.config),
      TEMPORAL_ADDRESS: rectify.config.temporal.address,
      TEMPORAL_NAMESPACE: rectify.config.temporal.namespace,
      TEMPORAL_TASK_QUEUE: rectify.config.temporal.taskQueue,
    };
    // A deadline far ahead: no ladder step moves anything while the test looks.
    const doc = aPlanDocument({ planCode, due: '2099-09-30', measures: 3 });
    expect((await rectify.request('POST', '/plans', doc)).status).toBe(201);
    await eventually(async () =>
      expect(await runningMeasureWorkflows(rectify.temporal, rectify.config.temporal.taskQueue)).toEqual(ids),
    );
  });
  afterAll(async () => {
    cli?.stop();
    await rectify?.stop();
  });

  const head = (workflows: number) =>
    `${workflows} running measure workflows on default/${rectify.config.temporal.taskQueue}, 3 rows expecting one`;

  it('finds no drift in a plan as imported, paging two at a time, and exits 0', async () => {
    const r = await cli.run(['check-consistency', '--page-size', '2'], env);
    expect(r).toEqual({ code: 0, stdout: `${head(3)}\nno drift\n`, stderr: '' });
    expect(
      await checkConsistency(rectify.temporal, new MeasureRepository(rectify.db.dataSource), {
        taskQueue: rectify.config.temporal.taskQueue,
        pageSize: 1,
      }),
    ).toEqual({ workflows: 3, rows: 3, drift: [] });
  });

  it('reports a terminated workflow and a row changed behind its workflow, and exits 2', async () => {
    await rectify.temporal.workflow.getHandle(ids[0]).terminate('resilience test: drift');
    await rectify.db.dataSource
      .getRepository(MeasureEntity)
      .update({ workflowId: ids[1] }, { status: 'in_progress', light: 'red' });
    // The listing comes from Temporal's visibility store, a moment behind the termination.
    await eventually(async () =>
      expect(await runningMeasureWorkflows(rectify.temporal, rectify.config.temporal.taskQueue)).toEqual(
        ids.slice(1),
      ),
    );

    const json = await cli.run(['check-consistency', '--json'], env);
    expect({ code: json.code, stderr: json.stderr }).toEqual({ code: 2, stderr: '' });
    expect(JSON.parse(json.stdout)).toEqual({
      clean: false,
      workflows: 2,
      rows: 3,
      drift: [
        {
          workflowId: ids[0],
          kind: 'workflow_closed',
          field: null,
          found: 'assigned',
          workflow: 'TERMINATED',
        },
        // Due in 2099: the workflow keeps the light green.
        { workflowId: ids[1], kind: 'state_mismatch', field: 'light', found: 'red', workflow: 'green' },
        {
          workflowId: ids[1],
          kind: 'state_mismatch',
          field: 'status',
          found: 'in_progress',
          workflow: 'assigned',
        },
      ],
    });

    const table = await cli.run(['check-consistency'], env);
    expect(table.code).toBe(2);
    expect(table.stdout.split('\n')).toEqual([
      head(2),
      expect.stringMatching(/^WORKFLOW +DRIFT +FIELD +FOUND +WORKFLOW SAYS$/),
      expect.stringMatching(new RegExp(`^${ids[0]} +workflow_closed +- +assigned +TERMINATED$`)),
      expect.stringMatching(new RegExp(`^${ids[1]} +state_mismatch +light +red +green$`)),
      expect.stringMatching(new RegExp(`^${ids[1]} +state_mismatch +status +in_progress +assigned$`)),
      '3 differences in 2 measures',
      '',
    ]);
  });

  it('refuses a page size outside 1 to 1000 as a usage error', async () => {
    const r = await cli.run(['check-consistency', '--page-size', '0'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--page-size <n>' argument '0' is invalid. must be a whole number");
  });
});

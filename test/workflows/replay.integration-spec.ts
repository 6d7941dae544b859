import { temporal } from '@temporalio/proto';
import { ReplayResult, Worker } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { workflowBundlePath } from '../support/temporal-test-env';

// Recorded histories of real runs (committed under test/fixtures/histories, protobuf-encoded) must replay through
// the current workflow code: a change that would break running measures (or a plan's cadence, the
// `cadence-*` fixtures) fails here, and must be guarded with patched(). The bundle holds every
// workflow type, so each history replays through its own. Record new fixtures with
//   RECTIFY_RECORD_HISTORIES=test/fixtures/histories npx jest -c jest.config.js test/workflows --selectProjects integration:sqlite
const DIR = path.resolve(__dirname, '../fixtures/histories');
const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.history.pb'))
  .sort();

describe('replaying recorded workflow histories through the current code', () => {
  const histories = new Map(
    files.map((file) => [
      file,
      temporal.api.history.v1.History.decode(fs.readFileSync(path.join(DIR, file))),
    ]),
  );
  // One replay worker for every history (one worker per history loaded the bundle anew each
  // time: most of this file's time). The worker replays them one at a time, each under its file
  // name as workflow id, and reports each one's outcome apart; the tests below judge them.
  const results = new Map<string, ReplayResult>();
  beforeAll(async () => {
    const replays = Worker.runReplayHistories(
      { workflowBundle: { codePath: workflowBundlePath() }, replayName: 'recorded-histories' },
      files.map((file) => ({ workflowId: file, history: histories.get(file) })),
    );
    for await (const result of replays) results.set(result.workflowId, result);
  });

  it('has fixtures to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('replays %s without nondeterminism', (file) => {
    const result = results.get(file);
    const history = histories.get(file)!;
    const type = history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
    // The SDK's message names the first event the code no longer matches; say whose history it was.
    if (!result) throw new Error(`${type} (${file}) was not replayed`);
    if (result.error)
      throw new Error(
        `${type} (${file}, ${history.events.length} events) no longer replays: ${result.error.message}`,
      );
  });
});

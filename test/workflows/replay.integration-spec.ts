import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
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
  it('has fixtures to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('replays %s without nondeterminism', async (file) => {
    const history = temporal.api.history.v1.History.decode(fs.readFileSync(path.join(DIR, file)));
    const type = history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
    try {
      await Worker.runReplayHistory(
        { workflowBundle: { codePath: workflowBundlePath() }, replayName: file },
        history,
        file,
      );
    } catch (e) {
      // The SDK's message names the first event the code no longer matches; say whose history it was.
      throw new Error(
        `${type} (${file}, ${history.events.length} events) no longer replays: ${(e as Error).message}`,
      );
    }
  });
});

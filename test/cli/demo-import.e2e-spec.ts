import * as path from 'node:path';
import { importCommand } from '../../apps/cli/src/plan-commands';
import { loadDemoIfEmpty } from '../../scripts/demo-import';
import { ApiReplica, startApiReplica } from '../support/api-replica';
import { aPlanDocument } from '../support/plan-fixtures';
import { client, RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const REPO = path.join(__dirname, '../..');

// `npm start`'s demo step (scripts/demo-import.ts) against a real API: the one-day office token it
// mints must not outlive the step, whether the demo loads, fails, or is not needed.
describe(`the demo import of npm start (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  // An API on the same database whose Temporal namespace does not exist: the plan import itself is
  // refused there (TEMPORAL_UNAVAILABLE), at once and without retries left running.
  let away: ApiReplica;
  const said: string[] = [];
  const minted: { id: string; token: string }[] = [];

  beforeAll(async () => {
    rectify = await startRectify();
    away = await startApiReplica(rectify, {
      config: {
        ...rectify.config,
        temporal: { ...rectify.config.temporal, namespace: uniqueCode('no-such-namespace') },
      },
    });
  });
  afterAll(async () => {
    await away?.stop();
    await rectify?.stop();
  });

  // As `create-api-token --role office --days 1` does in npm start, here through the admin's API.
  const mintToken = async () => {
    const r = await rectify.request('POST', '/auth/api-tokens', {
      name: 'npm start: demo import',
      role: 'office',
      expiresInDays: 1,
    });
    expect(r.status).toBe(201);
    minted.push({ id: r.body.id, token: r.body.token });
    return r.body.token as string;
  };
  // As `create-api-token --role unit --units … --days 1` does for the demo's history (补录).
  const mintUnitToken = async (units: readonly string[]) => {
    const r = await rectify.request('POST', '/auth/api-tokens', {
      name: 'npm start: demo history',
      role: 'unit',
      units,
      expiresInDays: 1,
    });
    expect(r.status).toBe(201);
    minted.push({ id: r.body.id, token: r.body.token });
    return r.body.token as string;
  };
  // As `rectify import <file> --api <api> --feedback-on <date>` does in npm start.
  const importPlanAt = (api: string) => async (file: string, token: string, feedbackOn: string) => {
    const errors: string[] = [];
    const code = await importCommand(
      path.join(REPO, file),
      { api, token, feedbackOn },
      { out: () => undefined, err: (l) => errors.push(l) },
    );
    if (code !== 0) throw new Error(`demo import failed (exit ${code}): ${errors.join('; ')}`);
  };
  const expectRevoked = async (t: { id: string; token: string }) => {
    expect((await client(rectify.url, async () => t.token).request('GET', '/plans')).status).toBe(401);
    const listed = (await rectify.request('GET', '/auth/api-tokens')).body.items;
    expect(listed.find((row: { id: string }) => row.id === t.id)).toMatchObject({
      revokedAt: expect.any(String),
    });
  };

  it('revokes its office token when the import fails', async () => {
    await expect(
      loadDemoIfEmpty({
        api: away.url,
        root: REPO,
        say: (m) => said.push(m),
        mintToken,
        mintUnitToken,
        importPlan: importPlanAt(away.url),
      }),
    ).rejects.toThrow(/^demo import failed \(exit 1\): .*TEMPORAL_UNAVAILABLE/);
    expect(minted).toHaveLength(1);
    await expectRevoked(minted[0]);
    expect(said.filter((m) => m.includes('could not revoke'))).toEqual([]);
  });

  it('revokes it when the database already has a plan and there is nothing to load', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('GS') });
    expect((await rectify.request('POST', '/plans', doc)).status).toBe(201);
    await expect(
      loadDemoIfEmpty({
        api: rectify.url,
        root: REPO,
        say: (m) => said.push(m),
        mintToken,
        mintUnitToken,
        importPlan: importPlanAt(rectify.url),
      }),
    ).resolves.toEqual({ loaded: false });
    expect(minted).toHaveLength(2);
    await expectRevoked(minted[1]);
  });
});

import * as fs from 'node:fs';
import { AuditAnchoring } from '../../apps/api/src/audit/audit-anchoring';
import { anchorAuditCommand } from '../../apps/cli/src/anchor-audit.command';
import { createApiTokenCommand } from '../../apps/cli/src/create-api-token.command';
import { verifyAuditCommand } from '../../apps/cli/src/verify-audit.command';
import { auditHash } from '../../libs/persistence/src/audit-chain';
import { anchorSignatureProblem, AuditAnchor, readAnchorFile } from '../../libs/persistence/src/audit-anchor';
import { AuditKeyring } from '../../libs/persistence/src/audit-keyring';
import { verifyAuditLog } from '../../libs/persistence/src/audit-verification';
import { AuditLogEntity } from '../../libs/persistence/src/entities/audit-log.entity';
import { AuditLogRepository, recordOf } from '../../libs/persistence/src/repositories/audit-log.repository';
import { eventually } from '../support/eventually';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyClient, RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { SAMPLES } from '../support/sample-files';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';
import { WebhookReceiver } from '../support/webhook-receiver';

interface Row {
  seq: number;
  status: number | null;
  intentSeq: number | null;
  path: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [k: string]: any;
}

// Placeholders as the engine spells them.
const sql = (text: string) => {
  let n = 0;
  return testEngine() === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
};

function helpers(rectify: () => RectifyHarness) {
  const query = (text: string, params: unknown[] = []) => rectify().db.dataSource.query(sql(text), params);
  const headSeq = async (): Promise<number> =>
    Number((await query('SELECT MAX(seq) AS m FROM audit_log'))[0].m ?? 0);
  // The newest rows, read through the API; without the rows of reading the audit log itself.
  const rowsAfter = async (seq: number): Promise<Row[]> =>
    (await rectify().request('GET', '/audit?limit=500')).body.items
      .filter((r: Row) => r.seq > seq && !r.path.startsWith('/audit'))
      .reverse();
  const newest = async (): Promise<Row> => {
    const items: Row[] = (await rectify().request('GET', '/audit?limit=20')).body.items;
    return items.find((r) => !r.path.startsWith('/audit'))!;
  };
  const keyring = () => rectify().app.get(AuditKeyring);
  const repository = () => new AuditLogRepository(rectify().db.dataSource, keyring());
  const verifyDirectly = () => verifyAuditLog(repository(), keyring(), rectify().config.audit.anchorFile);
  return { query, headSeq, rowsAfter, newest, keyring, repository, verifyDirectly };
}

// A client signs in on its first request, which the log records: done up front, so that tests
// counting rows see only their own.
async function signIn(client: RectifyClient): Promise<void> {
  expect((await client.request('GET', '/auth/me')).status).toBe(200);
}

// The CLI's verdict: its exit code and what it wrote to standard error.
async function cliVerify(rectify: RectifyHarness): Promise<{ code: number; errors: string[] }> {
  const errors: string[] = [];
  const err = jest.spyOn(console, 'error').mockImplementation((m: unknown) => void errors.push(String(m)));
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    return { code: await verifyAuditCommand(rectify.db.dataSource, rectify.config), errors };
  } finally {
    err.mockRestore();
    log.mockRestore();
  }
}

async function cliAnchor(rectify: RectifyHarness): Promise<number> {
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    return await anchorAuditCommand(rectify.db.dataSource, rectify.config);
  } finally {
    log.mockRestore();
  }
}

describe(`the tamper-evident audit log (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let unit: TestAccount;
  let measureId: string;
  let planCode: string;
  const h = helpers(() => rectify);

  beforeAll(async () => {
    rectify = await startRectify();
    unit = await rectify.createUser('unit', { units: ['GS-HOUSING'] });
    await signIn(unit.client);
    planCode = uniqueCode('AUDIT');
    const doc = aPlanDocument({ planCode, due: '2030-06-30' });
    const imported = await rectify.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    const list = await rectify.request('GET', `/measures?plan=${imported.body.planId}&unit=GS-HOUSING`);
    measureId = list.body.items[0].id;
  });
  afterAll(() => rectify?.stop());

  it('keys the chain with a key it created once, readable by its owner only', async () => {
    const file = rectify.config.audit.keyFile;
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const [row] = await h.query('SELECT key_id FROM audit_log WHERE seq = ?', [await h.headSeq()]);
    expect(row.key_id).toBe(h.keyring().current.id);
  });

  it('records a command twice: who and what before it runs, and the outcome when it answers', async () => {
    const head = await h.headSeq();
    const before = Date.now();
    const r = await unit.client.request(
      'POST',
      `/measures/${measureId}/progress-reports`,
      { actor: '省住建厅', note: '已完成8738户危房改造' },
      { 'x-forwarded-for': '10.7.7.7', 'user-agent': 'ledger-sync/1.0' },
    );
    expect(r.status).toBe(200);
    const [intent, outcome] = await h.rowsAfter(head);
    const who = {
      principal: { kind: 'user', id: unit.id, role: 'unit' },
      action: 'measure:report',
      method: 'POST',
      path: `/measures/${measureId}/progress-reports`,
      ip: '10.7.7.7',
      userAgent: 'ledger-sync/1.0',
    };
    expect(intent).toMatchObject({
      ...who,
      targets: { id: measureId },
      status: null,
      intentSeq: null,
      after: null,
    });
    expect(outcome).toMatchObject({
      ...who,
      targets: { id: measureId },
      status: 200,
      intentSeq: intent.seq,
      after: { actor: '省住建厅', note: '已完成8738户危房改造' },
      keyId: h.keyring().current.id,
    });
    expect(Date.parse(outcome.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(outcome.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records refusals before the handler by their outcome alone: no credentials, a role without the action, an oversized body', async () => {
    let head = await h.headSeq();
    expect((await rectify.anonymous.request('POST', '/plans', {})).status).toBe(401);
    expect(await h.rowsAfter(head)).toEqual([
      expect.objectContaining({
        principal: expect.objectContaining({ kind: 'anonymous' }),
        path: '/plans',
        status: 401,
      }),
    ]);
    head = await h.headSeq();
    expect((await unit.client.request('POST', '/plans', {})).status).toBe(403);
    expect(await h.rowsAfter(head)).toEqual([
      expect.objectContaining({
        principal: expect.objectContaining({ id: unit.id }),
        action: 'plan:import',
        status: 403,
      }),
    ]);
    head = await h.headSeq();
    const huge = await rectify.anonymous.request('POST', '/feedback', { message: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    expect(await h.rowsAfter(head)).toEqual([
      expect.objectContaining({
        path: '/feedback',
        status: 413,
        after: { declaredBytes: expect.any(Number) },
      }),
    ]);
  });

  it('records a refused body by its size and digest, never the body itself', async () => {
    const body = { message: '匿名者想写进审计日志的内容' };
    expect((await rectify.anonymous.request('POST', '/spot-rounds', body)).status).toBe(401);
    const row = await h.newest();
    expect(row).toMatchObject({ path: '/spot-rounds', status: 401 });
    expect(row.after).toEqual({
      digest: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: expect.any(Number) },
    });
    expect(JSON.stringify(row)).not.toContain('匿名者');
  });

  it('does not record ordinary reads', async () => {
    const head = await h.headSeq();
    expect((await rectify.request('GET', '/plans')).status).toBe(200);
    expect((await unit.client.request('GET', `/measures/${measureId}`)).status).toBe(200);
    // Unpublished: not there for the public, and no row either way.
    expect((await rectify.anonymous.request('GET', `/plans/${planCode}/bulletin`)).status).toBe(404);
    expect(await h.headSeq()).toBe(head);
  });

  it('records each sensitive read before it is served: internal bulletin, ledger export, evidence download, the audit log', async () => {
    const evidence = await unit.client.send(
      'POST',
      `/evidence?measure=${measureId}&name=photo.jpg`,
      SAMPLES.jpeg,
      { 'content-type': 'image/jpeg' },
    );
    expect(evidence.status).toBe(201);
    const office = await rectify.createUser('office');
    await signIn(office.client);
    const reads: [RectifyHarness['request'], string, string, Record<string, string>][] = [
      [
        office.client.request,
        `/plans/${planCode}/bulletin?edition=internal`,
        'bulletin:read',
        { id: planCode },
      ],
      [office.client.request, `/plans/${planCode}/ledger.xlsx`, 'measure:manage', { id: planCode }],
      [unit.client.request, `/evidence/${evidence.body.id}`, 'evidence:read', { id: evidence.body.id }],
      [office.client.request, '/audit?limit=1', 'audit:read', {}],
      [office.client.request, '/audit/verify', 'audit:verify', {}],
    ];
    for (const [request, path, action, targets] of reads) {
      const head = await h.headSeq();
      const r = await request('GET', path);
      expect([path, r.status]).toEqual([path, 200]);
      // The intent row was in before the first byte left; the outcome row of a streamed download
      // lands when the stream ends, which the client may see a moment earlier.
      await eventually(async () => {
        const rows = await h.query(
          'SELECT seq, status, intent_seq, action, path, target_ids FROM audit_log WHERE seq > ? ORDER BY seq',
          [head],
        );
        expect(
          rows.map((x: Record<string, unknown>) => ({
            ...x,
            seq: Number(x.seq),
            intent_seq: x.intent_seq === null ? null : Number(x.intent_seq),
          })),
        ).toEqual([
          {
            seq: head + 1,
            status: null,
            intent_seq: null,
            action,
            path,
            target_ids: JSON.stringify(targets),
          },
          {
            seq: head + 2,
            status: 200,
            intent_seq: head + 1,
            action,
            path,
            target_ids: JSON.stringify(targets),
          },
        ]);
      });
      const [row] = await h.query('SELECT principal_id FROM audit_log WHERE seq = ?', [head + 1]);
      expect(row.principal_id).toBe(path.startsWith('/evidence') ? unit.id : office.id);
    }
  });

  it('records a plan file by its digest, and passwords and tokens never', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('FILE'), due: '2030-06-30' });
    expect((await rectify.request('POST', '/plans', doc)).status).toBe(201);
    const row = await h.newest();
    expect(row.after).toEqual({
      digest: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: expect.any(Number) },
    });
    await rectify.anonymous.request('POST', '/auth/refresh', { refreshToken: 'rrt_stolen-looking-token' });
    // A refused refresh (401) keeps only the size and digest of its body, taken after redaction.
    const refused = await h.newest();
    expect(refused.after).toEqual({
      digest: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: expect.any(Number) },
    });
    expect(JSON.stringify(refused)).not.toContain('rrt_stolen');
  });

  it('keeps the chain whole under concurrent commands, each outcome naming its own intent row', async () => {
    const head = await h.headSeq();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        rectify.anonymous.request(
          'POST',
          '/feedback',
          { message: `并发意见 ${i}` },
          { 'x-forwarded-for': `10.8.0.${i}` },
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(201));
    const rows = await h.rowsAfter(head);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 80 }, (_, i) => head + 1 + i));
    const intents = new Map(rows.filter((r) => r.status === null).map((r) => [r.seq, r]));
    const outcomes = rows.filter((r) => r.status !== null);
    expect(outcomes).toHaveLength(40);
    for (const o of outcomes) expect(intents.get(o.intentSeq!)?.ip).toBe(o.ip);
    const verdict = await rectify.request('GET', '/audit/verify');
    expect(verdict.body).toEqual({
      ok: true,
      // The 80, then the two of reading them, then the intent of this read.
      rows: head + 83,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      lastAnchor: null,
      problems: [],
    });
  });

  describe('when the audit log cannot be written (fail closed)', () => {
    const refuseAppends = async () => {
      if (testEngine() === 'postgres') {
        await h.query(
          `CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit refused by test'; END $$ LANGUAGE plpgsql`,
        );
        await h.query(
          'CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()',
        );
      } else {
        await h.query(
          `CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused by test'); END`,
        );
      }
    };
    const allowAppends = async () => {
      if (testEngine() === 'postgres') {
        await h.query('DROP TRIGGER refuse_audit ON audit_log');
        await h.query('DROP FUNCTION refuse_audit()');
      } else {
        await h.query('DROP TRIGGER refuse_audit');
      }
    };
    const count = async (table: string) => Number((await h.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

    it('answers 503 AUDIT_UNAVAILABLE to a command and to a sensitive read, and carries out neither', async () => {
      const unavailable = {
        code: 'AUDIT_UNAVAILABLE',
        message: expect.stringContaining('the audit log cannot be written'),
        details: [],
      };
      const before = {
        audit: await count('audit_log'),
        users: await count('users'),
        feedback: await count('feedback'),
        events: await count('measure_events'),
      };
      await refuseAppends();
      try {
        const user = await rectify.request('POST', '/users', {
          email: `never-${uniqueCode('x').toLowerCase()}@rectify.test`,
          password: 'a long enough password',
          displayName: 'never created',
          role: 'office',
          units: [],
          leaderName: null,
        });
        expect(user).toEqual({ status: 503, body: unavailable });
        const feedback = await rectify.anonymous.request('POST', '/feedback', { message: '不应写入的意见' });
        expect(feedback).toEqual({ status: 503, body: unavailable });
        const report = await unit.client.request('POST', `/measures/${measureId}/progress-reports`, {
          actor: '省住建厅',
          note: '不应写入的进展',
        });
        expect(report).toEqual({ status: 503, body: unavailable });
        expect((await rectify.request('GET', '/audit')).status).toBe(503);
      } finally {
        await allowAppends();
      }
      expect({
        audit: await count('audit_log'),
        users: await count('users'),
        feedback: await count('feedback'),
        events: await count('measure_events'),
      }).toEqual(before);
      expect(await h.verifyDirectly()).toMatchObject({ ok: true, problems: [] });
    });

    it('has the CLI revoke, and never print, a token whose audit row cannot be written', async () => {
      const open = () => count('api_tokens WHERE revoked_at IS NULL');
      const before = { open: await open(), audit: await count('audit_log') };
      const printed: string[] = [];
      const log = jest.spyOn(console, 'log').mockImplementation((m: unknown) => void printed.push(String(m)));
      const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      await refuseAppends();
      try {
        const code = await createApiTokenCommand(rectify.db.dataSource, rectify.config, {
          role: 'office',
          units: undefined,
          leader: undefined,
          name: 'never usable',
          days: '1',
        });
        expect(code).toBe(1);
        expect(err).toHaveBeenCalledWith(
          expect.stringContaining('the audit log cannot be written, so the token was revoked'),
        );
      } finally {
        await allowAppends();
        log.mockRestore();
        err.mockRestore();
      }
      expect(printed).toEqual([]);
      expect({ open: await open(), audit: await count('audit_log') }).toEqual(before);
    });
  });

  describe('tampering, by direct SQL', () => {
    const anchorFile = () => rectify.config.audit.anchorFile;

    it('finds a changed row at exactly that row, and the CLI finds it too', async () => {
      const [{ after }] = await h.query('SELECT after FROM audit_log WHERE seq = ?', [5]);
      await h.query('UPDATE audit_log SET after = ? WHERE seq = ?', ['{"note":"nothing happened"}', 5]);
      expect(await h.verifyDirectly()).toMatchObject({
        ok: false,
        rows: 4,
        problems: [{ seq: 5, reason: 'the row content does not match its hash (the row was changed)' }],
      });
      const cli = await cliVerify(rectify);
      expect(cli.code).toBe(1);
      expect(cli.errors).toContainEqual(expect.stringContaining('audit log broken at row 5'));
      // The hash covers the content: the row as it was makes the chain whole again.
      await h.query('UPDATE audit_log SET after = ? WHERE seq = ?', [after, 5]);
      expect((await rectify.request('GET', '/audit/verify')).body).toMatchObject({ ok: true });
    });

    it('finds a row rewritten with plain sha256 hashes recomputed from it to the head at that row', async () => {
      const repo = rectify.db.dataSource.getRepository(AuditLogEntity);
      const saved = await repo.find({ where: {}, order: { seq: 'ASC' } });
      let prev = saved[2].prevHash;
      for (const row of saved.slice(2)) {
        const record = { ...recordOf(row), ...(row.seq === 3 ? { userAgent: 'forged' } : {}) };
        const hash = auditHash(prev, record);
        await h.query('UPDATE audit_log SET user_agent = ?, prev_hash = ?, hash = ? WHERE seq = ?', [
          record.userAgent,
          prev,
          hash,
          row.seq,
        ]);
        prev = hash;
      }
      expect(await h.verifyDirectly()).toMatchObject({
        ok: false,
        rows: 2,
        problems: [{ seq: 3, reason: 'the row content does not match its hash (the row was changed)' }],
      });
      for (const row of saved.slice(2)) {
        await h.query('UPDATE audit_log SET user_agent = ?, prev_hash = ?, hash = ? WHERE seq = ?', [
          row.userAgent,
          row.prevHash,
          row.hash,
          row.seq,
        ]);
      }
      expect(await h.verifyDirectly()).toMatchObject({ ok: true });
    });

    it('finds a chain rewritten whole as unkeyed rows at the row the last anchor names', async () => {
      expect(await cliAnchor(rectify)).toBe(0);
      const anchor = readAnchorFile(anchorFile()).at(-1) as { anchor: AuditAnchor };
      const repo = rectify.db.dataSource.getRepository(AuditLogEntity);
      const saved = await repo.find({ where: {}, order: { seq: 'ASC' } });
      // Without the key, the only chain one can compute is the plain one: every row unkeyed.
      let prev = saved[0].prevHash;
      for (const row of saved) {
        const { keyId: _dropped, ...record } = {
          ...recordOf(row),
          ...(row.seq === 4 ? { status: 299 } : {}),
        };
        const hash = auditHash(prev, record);
        await h.query(
          'UPDATE audit_log SET status = ?, key_id = NULL, prev_hash = ?, hash = ? WHERE seq = ?',
          [record.status, prev, hash, row.seq],
        );
        prev = hash;
      }
      const verdict = await h.verifyDirectly();
      expect(verdict).toMatchObject({ ok: false, rows: anchor.anchor.seq - 1 });
      expect(verdict.problems).toEqual([
        {
          seq: anchor.anchor.seq,
          reason: expect.stringMatching(
            new RegExp(
              `^the anchor of ${anchor.anchor.at} says row ${anchor.anchor.seq} has hash ${anchor.anchor.headHash}, but it has [0-9a-f]{64}`,
            ),
          ),
        },
      ]);
      for (const row of saved) {
        await h.query('UPDATE audit_log SET status = ?, key_id = ?, prev_hash = ?, hash = ? WHERE seq = ?', [
          row.status,
          row.keyId,
          row.prevHash,
          row.hash,
          row.seq,
        ]);
      }
      expect(await h.verifyDirectly()).toMatchObject({ ok: true });
    });

    it('reports an anchor whose signature is forged, and does not trust it', async () => {
      const original = fs.readFileSync(anchorFile(), 'utf8');
      const head = await h.repository().head();
      const forged = {
        seq: head!.seq + 50,
        headHash: 'f'.repeat(64),
        at: new Date().toISOString(),
        keyId: h.keyring().current.id,
        signature: 'a'.repeat(64),
      };
      fs.appendFileSync(anchorFile(), `${JSON.stringify(forged)}\n`);
      try {
        const lines = original.split('\n').filter(Boolean).length;
        const verdict = await h.verifyDirectly();
        expect(verdict).toMatchObject({
          ok: false,
          lastAnchor: { seq: JSON.parse(original.trim().split('\n').at(-1)!).seq },
        });
        expect(verdict.problems).toEqual([
          {
            seq: forged.seq,
            reason: `the anchor on line ${lines + 1} of ${anchorFile()} (seq ${forged.seq}, at ${forged.at}) cannot be trusted: its signature does not match (forged or altered)`,
          },
        ]);
        // Nor is the head anchored after it: the writer refuses to build on an untrusted line.
        await expect(cliAnchor(rectify)).rejects.toThrow('cannot be trusted');
      } finally {
        fs.writeFileSync(anchorFile(), original);
      }
    });

    it('finds a deleted row at the row after the gap', async () => {
      const saved = await rectify.db.dataSource.getRepository(AuditLogEntity).findOneByOrFail({ seq: 2 });
      await h.query('DELETE FROM audit_log WHERE seq = ?', [2]);
      expect(await h.verifyDirectly()).toMatchObject({
        ok: false,
        rows: 1,
        problems: [{ seq: 3, reason: 'row 2 is missing' }],
      });
      await rectify.db.dataSource.getRepository(AuditLogEntity).insert(saved);
      expect(await h.verifyDirectly()).toMatchObject({ ok: true });
    });
  });

  it('anchors the head at shutdown, when it moved since the last anchor', async () => {
    expect((await rectify.anonymous.request('POST', '/feedback', { message: '关停前的意见' })).status).toBe(
      201,
    );
    const head = (await h.repository().head())!;
    await rectify.app.get(AuditAnchoring).beforeApplicationShutdown();
    const last = readAnchorFile(rectify.config.audit.anchorFile).at(-1) as { anchor: AuditAnchor };
    expect(last.anchor).toMatchObject({ seq: head.seq, headHash: head.hash });
    expect(anchorSignatureProblem(h.keyring(), last.anchor)).toBeNull();
  });
});

describe(`audit anchors, on a schedule, to a file and a webhook (${testEngine()})`, () => {
  const SECRET = 'anchor-receiver-secret-0123456789abcdef';
  let receiver: WebhookReceiver;
  let rectify: RectifyHarness;
  const h = helpers(() => rectify);

  beforeAll(async () => {
    receiver = await WebhookReceiver.start(SECRET);
    rectify = await startRectify({
      env: {
        RECTIFY_AUDIT_ANCHOR_INTERVAL: 'PT1S',
        RECTIFY_AUDIT_ANCHOR_WEBHOOK_URL: receiver.url,
        RECTIFY_AUDIT_ANCHOR_WEBHOOK_SECRET: SECRET,
      },
    });
    await signIn(rectify);
  });
  afterAll(async () => {
    await rectify?.stop();
    await receiver?.stop();
  });

  const fileAnchors = () =>
    readAnchorFile(rectify.config.audit.anchorFile).map((l) => (l as { anchor: AuditAnchor }).anchor);

  it('writes a signed checkpoint of the head to the file and the webhook, and only when the head moved', async () => {
    expect((await rectify.anonymous.request('POST', '/feedback', { message: '锚定前的意见' })).status).toBe(
      201,
    );
    const head = await h.repository().head();
    const anchor = await eventually(async () => {
      const a = fileAnchors().at(-1);
      expect(a).toMatchObject({ seq: head!.seq, headHash: head!.hash });
      return a!;
    });
    expect(anchorSignatureProblem(h.keyring(), anchor)).toBeNull();
    expect(fs.statSync(rectify.config.audit.anchorFile).mode & 0o777).toBe(0o600);
    await eventually(async () => expect(receiver.calls.map((c) => c.body)).toContainEqual(anchor));
    expect(receiver.calls.at(-1)!.headers['x-rectify-delivery']).toBe(`audit-anchor-${anchor.seq}`);
    expect(receiver.refusals).toEqual([]);

    // Nothing new in the log: three ticks later, nothing new anchored.
    const lines = fileAnchors().length;
    const calls = receiver.received;
    await new Promise((r) => setTimeout(r, 3_000));
    expect(fileAnchors().length).toBe(lines);
    expect(receiver.received).toBe(calls);
  });

  it('names the anchor and the missing tail when the last rows are deleted, and stops anchoring', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await rectify.anonymous.request('POST', '/feedback', { message: `意见 ${i}` })).status).toBe(
        201,
      );
    }
    const head = (await h.repository().head())!;
    const anchor = await eventually(async () => {
      const a = fileAnchors().at(-1);
      expect(a?.seq).toBe(head.seq);
      return a!;
    });
    await h.query('DELETE FROM audit_log WHERE seq > ?', [head.seq - 4]);
    const tail = {
      seq: head.seq - 3,
      reason:
        `the chain ends at seq ${head.seq - 4} but the last anchor (at ${anchor.at}) says seq ${head.seq} with hash ` +
        `${head.hash}: rows ${head.seq - 3} to ${head.seq} were deleted`,
    };
    const cli = await cliVerify(rectify);
    expect(cli.code).toBe(1);
    expect(cli.errors).toContainEqual(`audit log broken at row ${tail.seq}: ${tail.reason}`);
    // Through the API, whose own read appends a row (its intent) where the tail was.
    const verdict = await rectify.request('GET', '/audit/verify');
    expect(verdict.status).toBe(200);
    expect(verdict.body.ok).toBe(false);
    expect(verdict.body.lastAnchor).toEqual({ seq: head.seq, headHash: head.hash, at: anchor.at });
    // (An anchor the scheduler wrote between the commands above may name that row too.)
    expect(verdict.body.problems).toContainEqual({
      seq: head.seq - 2,
      reason:
        `the chain ends at seq ${head.seq - 3} but the last anchor (at ${anchor.at}) says seq ${head.seq} with hash ` +
        `${head.hash}: rows ${head.seq - 2} to ${head.seq} were deleted`,
    });
    // The shorter chain is never anchored over the anchor it no longer reaches.
    const lines = fileAnchors().length;
    await new Promise((r) => setTimeout(r, 2_500));
    expect(fileAnchors().length).toBe(lines);
  });
});

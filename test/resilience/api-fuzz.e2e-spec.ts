// Bad input everywhere: every operation of the API's own OpenAPI document, called by an admin (who
// reaches furthest) and by an anonymous caller, with bodies, path parameters and queries made of
// hostile strings, wrong types, huge arrays, deep nesting, prototype keys and invalid UTF-8. No
// answer may be a 5xx; every refusal carries a code and a message (a 400 from validation names the
// field); and a refused command leaves every table as it was. Runs are seeded (RECTIFY_FUZZ_SEED),
// so a failure can be replayed; RECTIFY_RESILIENCE_HEAVY=1 runs many more cases.
import { checkConsistency } from '../../libs/temporal/src/consistency-check';
import { MeasureRepository } from '../../libs/persistence/src/repositories/measure.repository';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { aPlanDocument } from '../support/plan-fixtures';
import { HttpAnswer, RectifyClient, RectifyHarness, startRectify } from '../support/rectify-harness';
import { tableRowCounts } from '../support/row-counts';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const HEAVY = process.env.RECTIFY_RESILIENCE_HEAVY === '1';
const RUNS_PER_OPERATION = HEAVY ? 60 : 3;
const SEED = Number(process.env.RECTIFY_FUZZ_SEED ?? 20261202);

// Not compared around a refusal: tables refusals write themselves (the audit log records them;
// sign-in failures and rate limits count), and the delivery tables, which the worker fills on its
// own time after an earlier, accepted command asked for a notice.
const WRITTEN_BY_REFUSALS = [
  'audit_log',
  'rate_limit_counters',
  'login_attempts',
  'login_failures',
  'migrations',
  'typeorm_metadata',
  'notification_deliveries',
];

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly fields: readonly string[];
  readonly query: readonly string[];
}

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly body: string | Buffer | undefined;
  readonly contentType: string;
}

const hostileStrings = [
  '',
  ' ',
  '\u0000',
  'a\u202eb',
  '\ud800',
  '__proto__',
  'constructor',
  '../../../../etc/passwd',
  '%00',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  'NaN',
  '-1',
  '1e309',
  '2019-02-30',
  '9999-99-99T99:99:99Z',
  'P-1D',
  '0'.repeat(400),
  '整改'.repeat(3000),
];

const hostileString = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.constantFrom(-1, 0, 2 ** 53, -(2 ** 63), 1e308, 0.5),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor')), tie('value'), {
      maxKeys: 4,
    }),
    fc.constant(Array.from({ length: 5000 }, (_, i) => i)),
  ),
})).value;

// JSON text written by hand, so that `__proto__` and `constructor` reach the wire as keys.
function objectText(entries: readonly (readonly [string, unknown])[]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
}

function bodyFor(op: Operation): fc.Arbitrary<Pick<Sent, 'body' | 'contentType'>> {
  const key = fc.oneof(
    ...(op.fields.length ? [fc.constantFrom(...op.fields)] : []),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'actor', 'id', 'dueAt', 'measureId'),
    hostileString,
  );
  const json = (body: string) => ({ body, contentType: 'application/json' });
  return fc.oneof(
    fc.array(fc.tuple(key, jsonValue), { maxLength: 6 }).map((e) => json(objectText(e))),
    jsonValue.map((v) => json(JSON.stringify(v) ?? 'null')),
    fc.nat({ max: 20_000 }).map((n) => json(`${'['.repeat(n)}${']'.repeat(n)}`)),
    fc.constantFrom('{', '{"a":', '[1,]', '{"a":1}{"b":2}', "{'a':1}").map(json),
    // Invalid UTF-8 inside a JSON string.
    fc.constant({
      body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]),
      contentType: 'application/json',
    }),
    fc.constant({ body: undefined, contentType: 'application/json' }),
    hostileString.map((s) => ({ body: s, contentType: 'text/plain' })),
  );
}

function requestFor(op: Operation, ids: Record<string, string>): fc.Arbitrary<Sent> {
  const params = op.path.match(/\{(\w+)\}/g) ?? [];
  const param = (name: string) =>
    fc.oneof(
      ...(ids[name] ? [fc.constant(ids[name])] : []),
      fc.constant(ids.measureId),
      hostileString.filter((s) => s.length > 0),
    );
  const query = op.query.length
    ? fc.dictionary(fc.constantFrom(...op.query), hostileString, { maxKeys: op.query.length })
    : fc.constant({});
  return fc
    .tuple(fc.tuple(...params.map((p) => param(p.slice(1, -1)))), query, bodyFor(op))
    .map(([values, q, body]) => {
      let path = op.path;
      params.forEach((p, i) => (path = path.replace(p, encodeURIComponent(values[i]))));
      const search = new URLSearchParams(q as Record<string, string>).toString();
      return {
        method: op.method,
        path: search ? `${path}?${search}` : path,
        ...(op.method === 'GET' || op.method === 'DELETE' ? { body: undefined, contentType: '' } : body),
      };
    });
}

async function send(client: RectifyClient, r: Sent): Promise<HttpAnswer> {
  if (r.body === undefined) return client.request(r.method, r.path);
  const bytes = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body;
  return client.send(r.method, r.path, bytes, { 'content-type': r.contentType });
}

function operations(doc: {
  paths: Record<
    string,
    Record<string, { requestBody?: unknown; parameters?: { in: string; name: string }[] }>
  >;
}): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      fields: Object.keys(
        (op.requestBody as { content?: Record<string, { schema?: { properties?: object } }> })?.content?.[
          'application/json'
        ]?.schema?.properties ?? {},
      ),
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    })),
  );
}

describe(`hostile input on every operation of the OpenAPI document (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let ds: DataSource;
  let ops: Operation[];
  let ids: Record<string, string>;
  const tally = { requests: 0, refused: 0, accepted: 0 };

  beforeAll(async () => {
    rectify = await startRectify();
    ds = rectify.db.dataSource;
    const imported = await rectify.request(
      'POST',
      '/plans',
      aPlanDocument({ planCode: uniqueCode('FZ'), due: '2099-12-31' }),
    );
    expect(imported.status).toBe(201);
    const plan = (await rectify.request('GET', `/plans/${imported.body.planId}`)).body;
    const measure = plan.categories[0].aspects[0].problems[0].measures[0];
    ids = { id: measure.id, measureId: measure.id, planId: imported.body.planId };
    const doc = await rectify.request('GET', '/docs/openapi.json');
    ops = operations(doc.body);
  });
  afterAll(() => rectify?.stop());

  async function probe(who: 'admin' | 'anonymous', op: Operation): Promise<void> {
    const client = who === 'admin' ? rectify : rectify.anonymous;
    const verdict = await fc.check(
      fc.asyncProperty(requestFor(op, ids), async (sent) => {
        const before = sent.method === 'GET' ? null : await tableRowCounts(ds, WRITTEN_BY_REFUSALS);
        const answer = await send(client, sent);
        tally.requests++;
        const what = `${who} ${sent.method} ${sent.path.slice(0, 200)} ${String(sent.body ?? '').slice(0, 300)} → ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 300)}`;
        expect({ what, serverError: answer.status >= 500 }).toEqual({ what, serverError: false });
        if (answer.status < 400) {
          tally.accepted++;
          return;
        }
        tally.refused++;
        // Node's HTTP parser refuses a request line over 16 KB before the app sees it, without a body.
        if (answer.status === 431) return;
        expect({ what, code: typeof answer.body?.code, message: typeof answer.body?.message }).toEqual({
          what,
          code: 'string',
          message: 'string',
        });
        if (answer.body.code === 'VALIDATION_FAILED' && answer.body.details?.length) {
          for (const d of answer.body.details)
            expect({ what, path: typeof d.path }).toEqual({ what, path: 'string' });
        }
        if (before)
          expect({ what, rows: await tableRowCounts(ds, WRITTEN_BY_REFUSALS) }).toEqual({
            what,
            rows: before,
          });
      }),
      { numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
    );
    // fast-check's own report prints the whole counterexample (URLs of 50 KB); this one is bounded.
    if (verdict.failed) {
      const cause =
        verdict.errorInstance instanceof Error
          ? verdict.errorInstance.message
          : String(verdict.errorInstance);
      throw new Error(`seed ${verdict.seed}, path ${verdict.counterexamplePath}: ${cause.slice(0, 3000)}`);
    }
  }

  it('reads the operations from the OpenAPI document', () => {
    expect(ops.length).toBeGreaterThan(50);
  });

  it('never answers 5xx, always names the refusal, and writes nothing on a refused command', async () => {
    for (const op of ops) {
      await probe('admin', op);
      await probe('anonymous', op);
    }
    // Printed so a CI log shows the numbers RELIABILITY.md quotes.
    console.log(`fuzz summary ${JSON.stringify({ operations: ops.length, seed: SEED, ...tally })}`);
    // Every operation was called with every kind of caller; most calls are refusals by design.
    expect(tally.requests).toBe(ops.length * 2 * RUNS_PER_OPERATION);
    expect(tally.refused).toBeGreaterThan(tally.accepted);
  });

  it('leaves no drift between Temporal and the read model', async () => {
    const report = await checkConsistency(rectify.temporal, new MeasureRepository(rectify.db.dataSource), {
      taskQueue: rectify.config.temporal.taskQueue,
    });
    expect(report.workflows).toBeGreaterThan(0);
    expect(report.drift).toEqual([]);
  });
});

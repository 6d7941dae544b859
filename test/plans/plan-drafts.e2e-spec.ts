import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { largeTextFile, pdfOf, scannedPdf, wordDocumentOf, zipNotWord } from '../support/document-files';
import { measureWorkflowId } from '../../libs/domain/src/measure-identity';
import { eventually } from '../support/eventually';
import { RectifyHarness, startRectify, type HttpAnswer } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const SMALL_PLAN = fs.readFileSync(path.join(__dirname, '../fixtures/documents/small-plan.txt'), 'utf8');
// The small plan with the measures of its third problem left out: the draft holds placeholders
// (the measure's title, leader and unit) that must be edited before it can be applied.
const UNFINISHED = SMALL_PLAN.replace(
  '整改措施：\n（1）开展意识形态阵地排查，对发现的问题即知即改。\n牵头领导：赵志远\n责任单位：县委宣传部\n完成时限：2026年6月30日前\n',
  '',
);
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };
const WORD = { 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
const PDF = { 'content-type': 'application/pdf' };
const PATCH = { 'content-type': 'application/json-patch+json' };

async function draftRows(ds: DataSource): Promise<number> {
  const [row] = await ds.query('SELECT COUNT(*) AS n FROM plan_drafts');
  return Number(row.n);
}

interface Field {
  readonly path: string;
  readonly confidence: string;
}

// What an office would type for a placeholder the document left: a unit of the plan, a leader,
// or words of its own.
function valueFor(field: string, plan: { units: { code: string }[] }): unknown {
  if (field.endsWith('.leadUnit')) return plan.units[0].code;
  if (field.endsWith('.leadLeader')) return '王建国';
  return '已核对的措施';
}

const fieldPath = (pointer: string) =>
  pointer
    .slice(1)
    .split('/')
    .reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');

function pointerOf(fieldPath: string): string {
  return `/${fieldPath
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .join('/')}`;
}

describe(`plan drafts: a plan drafted from a document, reviewed, edited and applied (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let ds: DataSource;

  beforeAll(async () => {
    rectify = await startRectify();
    ds = rectify.db.dataSource;
  });
  afterAll(() => rectify?.stop());

  const draft = (bytes: Buffer, type: Record<string, string>, query = ''): Promise<HttpAnswer> =>
    rectify.send('POST', `/plans/drafts${query}`, bytes, type);

  async function draftSmallPlan(code: string, text = SMALL_PLAN): Promise<HttpAnswer> {
    const r = await draft(Buffer.from(text), TEXT, `?planCode=${code}&fileName=small-plan.txt`);
    expect(r.status).toBe(201);
    return r;
  }

  function missingOps(body: { doubtful: Field[]; plan: { units: { code: string }[] } }) {
    return body.doubtful
      .filter((f) => f.confidence === 'missing')
      .map((f) => ({ op: 'replace', path: pointerOf(f.path), value: valueFor(f.path, body.plan) }));
  }

  it('drafts the small plan: its tree, declared against drafted, the doubtful fields and a review of a new plan', async () => {
    const code = uniqueCode('DR');
    const before = await draftRows(ds);
    const r = await draftSmallPlan(code);
    expect(await draftRows(ds)).toBe(before + 1);
    const plan = r.body.plan;
    expect(plan.plan.code).toBe(code);
    const aspects = plan.categories.flatMap((c: { aspects: unknown[] }) => c.aspects);
    const problems = aspects.flatMap((a: { problems: unknown[] }) => a.problems);
    const measures = problems.flatMap((p: { measures: unknown[] }) => p.measures);
    expect([plan.categories.length, aspects.length, problems.length, measures.length]).toEqual([2, 3, 5, 10]);
    expect(r.body.declared).toMatchObject({
      categories: { count: 2, drafted: 2 },
      aspects: { count: 3, drafted: 3 },
      problems: { count: 5, drafted: 5 },
      measures: { count: 10, drafted: 10 },
    });
    expect(r.body).toMatchObject({ status: 'draft', format: 'txt', fileName: 'small-plan.txt', edited: [] });
    expect(r.body.targetPlanCode).toBeNull();
    // Doubtful: exactly the fields read with little confidence or not at all.
    const doubtful = r.body.fields.filter((f: Field) => f.confidence === 'low' || f.confidence === 'missing');
    expect(r.body.doubtful).toEqual(doubtful);
    // Where each field came from: offsets into the document's text, as GET shows it.
    const got = await rectify.request('GET', `/plans/drafts/${r.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.paragraphs.map((p: { text: string }) => p.text)).toEqual(
      SMALL_PLAN.split('\n').filter((l) => l.trim() !== ''),
    );
    const title = r.body.fields.find((f: Field) => f.path === 'categories[0].title');
    const paragraph = got.body.paragraphs[title.paragraph];
    expect(paragraph.text).toContain(plan.categories[0].title);
    // The list, newest first.
    const list = await rectify.request('GET', '/plans/drafts');
    expect(list.status).toBe(200);
    expect(list.body[0]).toMatchObject({ id: r.body.id, planCode: code, status: 'draft' });
  });

  it('applies only once the placeholders are edited; then the plan is imported and its measures followed', async () => {
    const code = uniqueCode('DR');
    const drafted = (await draftSmallPlan(code, UNFINISHED)).body;
    const ops = missingOps(drafted);
    expect(ops.map((op) => op.path)).toEqual(
      ['title', 'leadLeader', 'leadUnit'].map((f) => `/categories/0/aspects/1/problems/0/measures/0/${f}`),
    );

    const early = await rectify.request('POST', `/plans/drafts/${drafted.id}/apply`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('PLAN_DRAFT_INCOMPLETE');
    expect(early.body.details.map((d: { path: string }) => d.path)).toEqual(
      drafted.doubtful.filter((f: Field) => f.confidence === 'missing').map((f: Field) => f.path),
    );

    const patched = await rectify.request('PATCH', `/plans/drafts/${drafted.id}`, ops, PATCH);
    expect(patched.status).toBe(200);
    expect(patched.body.edited).toEqual(ops.map((op) => fieldPath(op.path)));
    expect(patched.body.doubtful).toEqual(drafted.doubtful.filter((f: Field) => f.confidence !== 'missing'));
    expect(patched.body.problems).toEqual([]);
    // A new plan: the review adds everything.
    expect(patched.body.review.categories.added).toHaveLength(2);
    expect(patched.body.review.measures.added).toHaveLength(10);
    expect(patched.body.review.measures.removed).toEqual([]);

    const dry = await rectify.request('POST', `/plans/drafts/${drafted.id}/apply?dryRun=true`);
    expect(dry.status).toBe(200);
    expect(dry.body.import).toMatchObject({ outcome: 'dry_run', measures: 10 });
    expect(dry.body.draft.status).toBe('draft');
    expect((await rectify.request('GET', `/plans/${code}`)).status).toBe(404);

    const applied = await rectify.request('POST', `/plans/drafts/${drafted.id}/apply`);
    expect(applied.status).toBe(201);
    expect(applied.body.import).toMatchObject({
      planCode: code,
      outcome: 'created',
      measures: 10,
      workflows: { started: { running: 10 } },
    });
    expect(applied.body.draft).toMatchObject({
      status: 'applied',
      appliedPlanId: applied.body.import.planId,
    });
    const plan = await eventually(async () => {
      const p = await rectify.request('GET', `/plans/${code}`);
      expect(p.status).toBe(200);
      return p.body;
    });
    expect(plan.id).toBe(applied.body.import.planId);
    const measures = plan.categories.flatMap(
      (c: { aspects: { problems: { measures: { code: string }[] }[] }[] }) =>
        c.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures)),
    );
    expect(measures).toHaveLength(10);
    for (const m of measures) {
      const described = await rectify.temporal.workflow.getHandle(measureWorkflowId(code, m.code)).describe();
      expect([m.code, described.status.name]).toEqual([m.code, 'RUNNING']);
    }

    // Audited as commands are: the draft and the plan named, the document and the plan by digest.
    const audit = (await rectify.request('GET', '/audit?limit=50')).body.items;
    const outcome = (method: string, route: string) =>
      audit.find(
        (row: { method: string; path: string; status: number | null }) =>
          row.method === method && row.path.startsWith(route) && row.status !== null,
      );
    expect(outcome('POST', `/plans/drafts?planCode=${code}`)).toMatchObject({
      action: 'plan:import',
      status: 201,
      targets: { id: drafted.id },
      after: { digest: { bytes: Buffer.byteLength(UNFINISHED) } },
    });
    expect(outcome('POST', `/plans/drafts/${drafted.id}/apply`)).toMatchObject({
      action: 'plan:import',
      status: 201,
      targets: { id: drafted.id, planId: plan.id },
      after: { plan: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } },
    });

    // Applied: the record of where the plan came from, no longer edited, deleted or applied.
    for (const [method, route, body] of [
      ['PATCH', `/plans/drafts/${drafted.id}`, ops],
      ['DELETE', `/plans/drafts/${drafted.id}`, undefined],
      ['POST', `/plans/drafts/${drafted.id}/apply`, undefined],
    ] as const) {
      const r = await rectify.request(method, route, body, body ? PATCH : undefined);
      expect([method, r.status, r.body.code]).toEqual([method, 409, 'PLAN_DRAFT_APPLIED']);
    }

    // The same document drafted again names the plan it would change, and reviews against it.
    const again = (await draftSmallPlan(code, UNFINISHED)).body;
    expect(again.targetPlanCode).toBe(code);
    // The imported plan's units are known now: matched by name, none proposed.
    expect(again.proposedUnits).toEqual([]);
    expect(again.plan.units).toEqual(drafted.plan.units);
    const edited = await rectify.request('PATCH', `/plans/drafts/${again.id}`, missingOps(again), PATCH);
    expect(edited.status).toBe(200);
    expect(edited.body.review.measures).toEqual({ added: [], removed: [], changed: [] });
  });

  it('Word and PDF documents of the same text go through the same route and draft the same plan', async () => {
    const code = uniqueCode('DR');
    const text = (await draftSmallPlan(code)).body;
    for (const [bytes, type, format] of [
      [await wordDocumentOf(SMALL_PLAN), WORD, 'docx'],
      [await pdfOf(SMALL_PLAN), PDF, 'pdf'],
    ] as const) {
      const r = await draft(bytes, type, `?planCode=${code}`);
      expect([format, r.status]).toEqual([format, 201]);
      expect(r.body.format).toBe(format);
      expect(r.body.plan).toEqual(text.plan);
    }
  });

  it('edits by JSON Patch whole or not at all; an invalid plan shows its problems and the import refuses it', async () => {
    const drafted = (await draftSmallPlan(uniqueCode('DR'), UNFINISHED)).body;
    const r = await rectify.request(
      'PATCH',
      `/plans/drafts/${drafted.id}`,
      [
        { op: 'replace', path: '/plan/title', value: '改过的标题' },
        { op: 'replace', path: '/categories/9/title', value: 'x' },
      ],
      PATCH,
    );
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: '[1]', message: expect.stringContaining('operation 1 (/categories/9/title)') }],
    });
    const after = await rectify.request('GET', `/plans/drafts/${drafted.id}`);
    expect(after.body.plan).toEqual(drafted.plan);
    expect(after.body.revision).toBe(drafted.revision);
    // A plan made invalid: the draft says what is wrong and has no review; applying it is the
    // import's refusal, with every problem.
    const broken = await rectify.request(
      'PATCH',
      `/plans/drafts/${drafted.id}`,
      [{ op: 'replace', path: '/units', value: [] }],
      PATCH,
    );
    expect(broken.status).toBe(200);
    expect(broken.body.problems).toContainEqual({
      path: 'units',
      message: 'a plan needs at least one responsible unit',
    });
    expect(broken.body.review).toBeNull();
    const refused = await rectify.request('POST', `/plans/drafts/${drafted.id}/apply`, undefined);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('PLAN_DRAFT_INCOMPLETE');
    const missing = drafted.doubtful.filter((f: Field) => f.confidence === 'missing');
    const filled = missing.map((f: Field) => ({ op: 'replace', path: pointerOf(f.path), value: '已核对' }));
    expect((await rectify.request('PATCH', `/plans/drafts/${drafted.id}`, filled, PATCH)).status).toBe(200);
    const invalid = await rectify.request('POST', `/plans/drafts/${drafted.id}/apply`);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: expect.arrayContaining([expect.objectContaining({ path: 'units' })]),
    });
    expect((await rectify.request('GET', `/plans/${drafted.plan.plan.code}`)).status).toBe(404);
    // As plain JSON too; the title is then edited.
    const ok = await rectify.request('PATCH', `/plans/drafts/${drafted.id}`, [
      { op: 'replace', path: '/plan/title', value: '改过的标题' },
    ]);
    expect(ok.status).toBe(200);
    expect(ok.body.plan.plan.title).toBe('改过的标题');
  });

  describe('refusals: exact status and code, nothing stored', () => {
    it.each([
      ['an empty body', async () => Buffer.alloc(0), TEXT, 422, 'DOCUMENT_EMPTY'],
      ['a 50 MB body', async () => largeTextFile(50), TEXT, 413, 'PAYLOAD_TOO_LARGE'],
      [
        'a text with no structure',
        async () => Buffer.from('今天天气很好。\n我们去公园散步，看到很多花。\n'),
        TEXT,
        422,
        'DOCUMENT_NO_STRUCTURE',
      ],
      ['a zip that is not Word', async () => zipNotWord(), WORD, 422, 'DOCUMENT_NOT_WORD'],
      ['a PDF without a text layer', scannedPdf, PDF, 422, 'DOCUMENT_NO_TEXT_LAYER'],
      [
        'an image',
        async () => Buffer.from([0x89, 0x50, 0x4e, 0x47]),
        { 'content-type': 'image/png' },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
    ] as const)('%s', async (_, bytes, type, status, code) => {
      const before = await draftRows(ds);
      const r = await draft(await bytes(), type);
      expect([r.status, r.body.code]).toEqual([status, code]);
      expect(await draftRows(ds)).toBe(before);
    });

    it('a plan code the plan format refuses: 400 naming it', async () => {
      const before = await draftRows(ds);
      const r = await draft(
        Buffer.from(SMALL_PLAN),
        TEXT,
        '?planCode=' + encodeURIComponent('整改 方案/2026'),
      );
      expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(r.body.details).toContainEqual(expect.objectContaining({ path: 'query.planCode' }));
      expect(await draftRows(ds)).toBe(before);
    });

    it('no credentials: 401 before the document is read', async () => {
      const before = await draftRows(ds);
      const r = await rectify.anonymous.send('POST', '/plans/drafts', Buffer.from(SMALL_PLAN), TEXT);
      expect([r.status, r.body.code]).toEqual([401, 'UNAUTHENTICATED']);
      expect(await draftRows(ds)).toBe(before);
    });

    it('a role that may not import: 403 on every route', async () => {
      const drafted = (await draftSmallPlan(uniqueCode('DR'))).body;
      const unit = await rectify.createUser('unit', { units: ['X'] });
      const before = await draftRows(ds);
      for (const [method, route] of [
        ['POST', '/plans/drafts'],
        ['GET', '/plans/drafts'],
        ['GET', `/plans/drafts/${drafted.id}`],
        ['PATCH', `/plans/drafts/${drafted.id}`],
        ['POST', `/plans/drafts/${drafted.id}/apply`],
        ['DELETE', `/plans/drafts/${drafted.id}`],
      ]) {
        const r =
          method === 'POST' && route === '/plans/drafts'
            ? await unit.client.send(method, route, Buffer.from(SMALL_PLAN), TEXT)
            : await unit.client.request(method, route, method === 'PATCH' ? [] : undefined);
        expect([method, route, r.status, r.body.code]).toEqual([method, route, 403, 'FORBIDDEN']);
      }
      expect(await draftRows(ds)).toBe(before);
    });

    it('an unknown draft: 404 on every route', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      for (const [method, route] of [
        ['GET', `/plans/drafts/${id}`],
        ['PATCH', `/plans/drafts/${id}`],
        ['POST', `/plans/drafts/${id}/apply`],
        ['DELETE', `/plans/drafts/${id}`],
      ]) {
        const r = await rectify.request(
          method,
          route,
          method === 'PATCH' ? [{ op: 'remove', path: '/plan' }] : undefined,
        );
        expect([method, r.status, r.body.code]).toEqual([method, 404, 'NOT_FOUND']);
      }
    });

    it('deletes a draft not applied', async () => {
      const drafted = (await draftSmallPlan(uniqueCode('DR'))).body;
      const before = await draftRows(ds);
      expect((await rectify.request('DELETE', `/plans/drafts/${drafted.id}`)).status).toBe(204);
      expect(await draftRows(ds)).toBe(before - 1);
      expect((await rectify.request('GET', `/plans/drafts/${drafted.id}`)).status).toBe(404);
    });
  });
});

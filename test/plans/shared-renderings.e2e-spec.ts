import { Workbook } from 'exceljs';
import { INSTRUCTION_SHEET } from '../../libs/reporting/src/instruction-ledger.sheet';
import { aPlanDocument } from '../support/plan-fixtures';
import { sample } from '../support/prometheus-sample';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

// Requests for the same ledger or bulletin that arrive together share one rendering
// (RECTIFY_REPORT_GATHER), and those for the same plan tree or overview one read of it. The window
// here is long enough that ten requests sent at once arrive within it on a loaded machine; that
// they share is read from the API's own counters.
describe(`whole-plan renderings shared by requests that arrive together (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let planCode: string;

  beforeAll(async () => {
    rectify = await startRectify({ env: { RECTIFY_REPORT_GATHER: 'PT2S' } });
    planCode = uniqueCode('SHARED');
    const imported = await rectify.request('POST', '/plans', aPlanDocument({ planCode, measures: 3 }));
    expect(imported.status).toBe(201);
  });
  afterAll(async () => {
    await rectify?.stop();
  });

  async function counters(report: 'ledger' | 'bulletin') {
    const text = (await rectify.anonymous.request('GET', '/metrics')).body.toString('utf8');
    return {
      renderings: sample(text, 'rectify_report_renderings_total', { report })!,
      requests: sample(text, 'rectify_report_rendering_requests_total', { report })!,
    };
  }

  // Ledger renderings answered with the file kept from the last (RECTIFY_REPORT_KEEP, 4 here).
  async function keptLedgers(): Promise<number> {
    const text = (await rectify.anonymous.request('GET', '/metrics')).body.toString('utf8');
    return sample(text, 'rectify_report_renderings_kept_total', { report: 'ledger' })!;
  }

  async function instructionTexts(bytes: Buffer): Promise<string[]> {
    const wb = new Workbook();
    await wb.xlsx.load(bytes as never);
    const texts: string[] = [];
    wb.getWorksheet(INSTRUCTION_SHEET)!.eachRow((row) => {
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') texts.push(cell.value);
      });
    });
    return texts;
  }

  it('answers ten requests for the same ledger sent at once with one rendering, the same file to each', async () => {
    const before = await counters('ledger');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => rectify.request('GET', `/plans/${planCode}/ledger.xlsx`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const first = answers[0].body as Buffer;
    for (const a of answers) expect(Buffer.compare(a.body as Buffer, first)).toBe(0);
    const after = await counters('ledger');
    expect(after.renderings - before.renderings).toBe(1);
    expect(after.requests - before.requests).toBe(10);
  });

  it('answers a ledger whose figures are those of the last with the file kept from it, still reading the plan', async () => {
    const first = await rectify.request('GET', `/plans/${planCode}/ledger.xlsx`);
    expect(first.status).toBe(200);
    const [counted, kept] = [await counters('ledger'), await keptLedgers()];
    const again = await rectify.request('GET', `/plans/${planCode}/ledger.xlsx`);
    expect(again.status).toBe(200);
    expect(Buffer.compare(again.body as Buffer, first.body as Buffer)).toBe(0);
    expect((await counters('ledger')).renderings - counted.renderings).toBe(1);
    expect((await keptLedgers()) - kept).toBe(1);
  });

  it('puts what changed after a rendering into the next one, written again rather than kept', async () => {
    const ledger = async () =>
      (await rectify.request('GET', `/plans/${planCode}/ledger.xlsx`)).body as Buffer;
    expect(await instructionTexts(await ledger())).not.toContain('要求逐户核实，按期报送');
    const kept = await keptLedgers();
    const issued = await rectify.request('POST', `/plans/${planCode}/instructions`, {
      targetKind: 'measure',
      targetCode: 'P01-M1',
      text: '要求逐户核实，按期报送',
      issuedOn: '2019-03-01',
      author: '分管副省长',
      answerLimit: 'P7D',
    });
    expect(issued.status).toBe(201);
    expect(await instructionTexts(await ledger())).toContain('要求逐户核实，按期报送');
    expect((await keptLedgers()) - kept).toBe(0);
  });

  it('writes the ledger again after the plan is adjusted: the version in force names its definition', async () => {
    const ledger = async () => {
      const answer = await rectify.request('GET', `/plans/${planCode}/ledger.xlsx`);
      expect(answer.status).toBe(200);
      const wb = new Workbook();
      await wb.xlsx.load(answer.body as never);
      return wb.getWorksheet('问题清单')!.getCell(2, 6).value;
    };
    // 原因剖析: the ledger takes it from the definition alone (the report's figures do not carry it).
    const rootCause = await ledger();
    const kept = await keptLedgers();
    const document = aPlanDocument({ planCode, measures: 3 });
    const problem = document.categories[0].aspects[0].problems[0];
    problem.rootCause = `${problem.rootCause}（调整后）`;
    const adjusted = await rectify.request('POST', '/plans', document);
    expect(adjusted.status).toBe(200);
    expect(await ledger()).toBe(`${rootCause}（调整后）`);
    expect((await keptLedgers()) - kept).toBe(0);
    // And unchanged since, it is kept again.
    await ledger();
    expect((await keptLedgers()) - kept).toBe(1);
  });

  it('renders apart what differs: each as-of day, edition and format is its own rendering', async () => {
    const before = await counters('bulletin');
    const paths = [
      `/plans/${planCode}/bulletin?asOf=2019-04-18&edition=internal`,
      `/plans/${planCode}/bulletin?asOf=2019-04-18&edition=internal`,
      `/plans/${planCode}/bulletin?asOf=2019-10-31&edition=internal`,
      `/plans/${planCode}/bulletin?asOf=2019-04-18&edition=public`,
      `/plans/${planCode}/bulletin?asOf=2019-04-18&edition=internal&format=html`,
    ];
    const answers = await Promise.all(paths.map((p) => rectify.request('GET', p)));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(200));
    const texts = answers.map((a) => (a.body as Buffer).toString('utf8'));
    expect(texts[1]).toBe(texts[0]);
    expect(texts[0]).toContain('截至2019年4月18日');
    expect(texts[2]).toContain('截至2019年10月31日');
    expect(texts[4]).toMatch(/^<|<h1>/);
    const after = await counters('bulletin');
    expect(after.renderings - before.renderings).toBe(4);
    expect(after.requests - before.requests).toBe(5);
  });

  it('keeps the internal edition to the office while the office’s request is being rendered', async () => {
    const unit = await rectify.createUser('unit', { units: ['GS-HOUSING'] });
    const path = `/plans/${planCode}/bulletin?asOf=2019-04-18&edition=internal&format=md`;
    const [office, denied] = await Promise.all([
      rectify.request('GET', path),
      unit.client.request('GET', path),
    ]);
    expect(office.status).toBe(200);
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('FORBIDDEN');
  });

  // The overview's `asOf` is each request's own time.
  it.each([
    ['plan tree', '', (tree: object) => (JSON.stringify(tree).match(/"code":"P\d+-M\d+"/g) ?? []).length],
    ['plan overview', '/overview', (o: { totals: { measures: number } }) => o.totals.measures],
  ] as const)(
    'cuts a %s read for requests arriving together to what each requester may see',
    async (_what, suffix, measuresIn: (body: never) => number) => {
      const unit = await rectify.createUser('unit', { units: ['LINXIA'] });
      const path = `/plans/${planCode}${suffix}`;
      const timeless = ({ asOf: _asOf, ...rest }: Record<string, unknown>) => rest;
      const alone = {
        office: await rectify.request('GET', path),
        unit: await unit.client.request('GET', path),
      };
      expect(measuresIn(alone.unit.body as never)).toBeGreaterThan(0);
      expect(measuresIn(alone.unit.body as never)).toBeLessThan(measuresIn(alone.office.body as never));
      const together = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? unit.client : rectify).request('GET', path)),
      );
      for (const [i, r] of together.entries()) {
        expect(r.status).toBe(200);
        expect(timeless(r.body)).toEqual(timeless(i % 2 ? alone.unit.body : alone.office.body));
      }
    },
  );

  it('answers every request of a plan that is not there with 404', async () => {
    const answers = await Promise.all(
      ['/plans/NO-SUCH-PLAN/ledger.xlsx', '/plans/NO-SUCH-PLAN', '/plans/NO-SUCH-PLAN/overview']
        .flatMap((p) => [p, p, p])
        .map((p) => rectify.request('GET', p)),
    );
    expect(answers.map((a) => [a.status, a.body.code])).toEqual(Array(9).fill([404, 'NOT_FOUND']));
  });
});

import { IsolatedPlanFileReader } from './isolated-plan-file.reader';
import { readPlanFile } from './plan-file.reader';
import { planTemplateWorkbook } from './xlsx-template.writer';

// Pathological YAML within the size limit. The parser checks each key of a mapping against the
// keys before it: 20,000 keys (190 KB) take seconds with little memory. A sequence of 800,000
// items (4.8 MB) builds a node tree of about 700 MB.
const slowYaml = () => Buffer.from(Array.from({ length: 20_000 }, (_, i) => `k${i}: v`).join('\n'));
const hugeYaml = () => Buffer.from(`plan:\n${'  - x\n'.repeat(800_000)}`);

// Each reading starts a worker thread that loads the readers afresh: seconds on a loaded machine.
jest.setTimeout(60_000);

describe('reading plan files in worker threads with limits', () => {
  const readers: IsolatedPlanFileReader[] = [];
  const reader = (memoryMb: number, timeoutMs: number) => {
    const r = new IsolatedPlanFileReader({ memoryMb, timeoutMs });
    readers.push(r);
    return r;
  };
  afterAll(() => Promise.all(readers.map((r) => r.onModuleDestroy())));

  it('reads a plan as the reader in the process does', async () => {
    const file = await planTemplateWorkbook();
    expect(await reader(256, 60_000).read(file, 'xlsx')).toEqual(await readPlanFile(file, 'xlsx'));
  });

  it('stops a reading that takes longer than the time limit, naming it, and reads the next file', async () => {
    const r = reader(256, 500);
    const started = Date.now();
    expect(await r.read(slowYaml(), 'yaml')).toEqual({
      ok: false,
      code: 'PLAN_FILE_TIMEOUT',
      problems: [{ path: '(file)', message: 'reading the plan file took longer than 0.5 s' }],
      warnings: [],
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await r.read(Buffer.from('{}'), 'json')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });

  it('stops a reading that needs more memory than the limit, naming it, and reads the next file', async () => {
    const r = reader(48, 120_000);
    expect(await r.read(hugeYaml(), 'yaml')).toEqual({
      ok: false,
      code: 'PLAN_FILE_TOO_COMPLEX',
      problems: [{ path: '(file)', message: 'the plan file needs more than 48 MB of memory to read' }],
      warnings: [],
    });
    expect(await r.read(await planTemplateWorkbook(), 'xlsx')).toMatchObject({ ok: true });
  });

  it('keeps the event loop free while a thread reads', async () => {
    const r = reader(256, 2_000);
    const reading = r.read(slowYaml(), 'yaml');
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 10);
    await expect(reading).resolves.toMatchObject({ code: 'PLAN_FILE_TIMEOUT' });
    clearInterval(ticking);
    // Two seconds of reading: a blocked loop would have ticked once.
    expect(ticks).toBeGreaterThan(20);
  });
});

import { Workbook } from 'exceljs';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { SAMPLES } from '../support/sample-files';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const MAX_BYTES = 64 * 1024;
const TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe(`evidence files (佐证材料) (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let housing: TestAccount;
  let linxia: TestAccount;
  let housingMeasure: string;

  beforeAll(async () => {
    rectify = await startRectify({ env: { RECTIFY_EVIDENCE_MAX_BYTES: String(MAX_BYTES) } });
    [housing, linxia] = await Promise.all([
      rectify.createUser('unit', { units: ['GS-HOUSING'] }),
      rectify.createUser('unit', { units: ['LINXIA'] }),
    ]);
    const doc = aPlanDocument({ planCode: uniqueCode('EV'), due: '2030-06-30', measures: 3 });
    const imported = await rectify.request('POST', '/plans', doc);
    // P01-M3 is GS-HOUSING's alone: no business of LINXIA (a co-unit of P01-M1 only).
    const list = await rectify.request('GET', `/measures?plan=${imported.body.planId}`);
    housingMeasure = list.body.items.find((m: { code: string }) => m.code === 'P01-M3').id;
  });
  afterAll(() => rectify?.stop());

  const upload = (
    who: TestAccount,
    bytes: Buffer,
    type: string | null,
    name = 'file',
    measure = housingMeasure,
  ) =>
    who.client.send(
      'POST',
      `/evidence?measure=${measure}&name=${encodeURIComponent(name)}`,
      bytes,
      type ? { 'content-type': type } : {},
    );

  it.each(Object.entries(TYPES))(
    'accepts a %s, stores it by its sha-256 and streams it back',
    async (kind, type) => {
      const bytes = SAMPLES[kind as keyof typeof TYPES];
      const name = `整改佐证.${kind}`;
      const r = await upload(housing, bytes, type, name);
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        measureId: housingMeasure,
        sha256: sha256(bytes),
        contentType: type,
        size: bytes.length,
        name,
        uploadedBy: { id: housing.id, role: 'unit' },
      });
      const stored = path.join(rectify.config.evidence.dir, sha256(bytes).slice(0, 2), sha256(bytes));
      expect(fs.readFileSync(stored).equals(bytes)).toBe(true);

      const back = await housing.client.request('GET', `/evidence/${r.body.id}`);
      expect(back.status).toBe(200);
      expect(Buffer.isBuffer(back.body) && back.body.equals(bytes)).toBe(true);
      expect(back.headers.get('content-type')).toBe(type);
      expect(back.headers.get('content-disposition')).toBe(
        `attachment; filename="____.${kind}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      expect(back.headers.get('x-content-type-options')).toBe('nosniff');
    },
  );

  it('accepts a real workbook written by a spreadsheet library', async () => {
    const wb = new Workbook();
    wb.addWorksheet('台账').addRow(['户数', 8738]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await upload(housing, bytes, TYPES.xlsx, '台账.xlsx')).status).toBe(201);
  });

  it('keeps identical content once, under two records', async () => {
    const first = await upload(housing, SAMPLES.png, TYPES.png, 'a.png');
    const second = await upload(housing, SAMPLES.png, TYPES.png, 'b.png');
    expect(first.body.id).not.toBe(second.body.id);
    expect(first.body.sha256).toBe(second.body.sha256);
    const dir = path.join(rectify.config.evidence.dir, first.body.sha256.slice(0, 2));
    expect(fs.readdirSync(dir).filter((f) => f === first.body.sha256)).toHaveLength(1);
  });

  it.each<[string, Buffer, string | null, string]>([
    ['a script declared as a PDF', SAMPLES.script, TYPES.pdf, 'not an accepted type, not pdf as declared'],
    ['a PNG declared as a JPEG', SAMPLES.png, TYPES.jpeg, 'png, not jpeg as declared'],
    [
      'a plain zip declared as a Word document',
      SAMPLES.plainZip,
      TYPES.docx,
      'not an accepted type, not docx',
    ],
    ['a workbook declared as a Word document', SAMPLES.xlsx, TYPES.docx, 'xlsx, not docx as declared'],
    ['HTML', Buffer.from('<script>alert(1)</script>'), 'text/html', 'evidence must be one of'],
    ['a body without a content type', SAMPLES.pdf, null, 'evidence must be one of'],
  ])('refuses %s with 415', async (_label, bytes, type, message) => {
    const r = await upload(housing, bytes, type);
    expect(r.status).toBe(415);
    expect(r.body).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringContaining(message),
    });
  });

  it('refuses a file over the size limit with 413, and keeps nothing of it', async () => {
    const before = fs.readdirSync(rectify.config.evidence.dir).length;
    const big = Buffer.concat([SAMPLES.pdf, Buffer.alloc(MAX_BYTES)]);
    const r = await upload(housing, big, TYPES.pdf);
    expect(r.status).toBe(413);
    expect(r.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(fs.readdirSync(rectify.config.evidence.dir).length).toBe(before);
    expect(fs.readdirSync(path.join(rectify.config.evidence.dir, 'incoming'))).toEqual([]);
  });

  it('refuses a streamed file that grows over the limit without announcing its length', async () => {
    const chunks = [SAMPLES.pdf, Buffer.alloc(MAX_BYTES / 2), Buffer.alloc(MAX_BYTES / 2)];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(new Uint8Array(next));
        else controller.close();
      },
    });
    const credentials = { email: housing.email, password: housing.password };
    const token = (await rectify.anonymous.request('POST', '/auth/login', credentials)).body.accessToken;
    const res = await fetch(`${rectify.url}/evidence?measure=${housingMeasure}&name=stream.pdf`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': TYPES.pdf },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(fs.readdirSync(path.join(rectify.config.evidence.dir, 'incoming'))).toEqual([]);
  });

  it('refuses a file name with a path in it', async () => {
    const r = await upload(housing, SAMPLES.pdf, TYPES.pdf, '../../etc/passwd');
    expect(r.status).toBe(400);
  });

  it.each([
    [
      'a right-to-left override that shows invoice\u202efdp.exe as invoiceexe.pdf',
      'invoice\u202efdp.exe',
      'U+202E',
    ],
    ['a first-strong isolate', 'a\u2068b.pdf', 'U+2068'],
    ['a C1 control character', 'a\u009bb.pdf', 'U+009B'],
  ])(
    'refuses a file name with %s with 400 naming the field and the code point',
    async (_label, name, codePoint) => {
      const r = await upload(housing, SAMPLES.pdf, TYPES.pdf, name);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: 'query.name', message: expect.stringContaining(codePoint) }],
      });
    },
  );

  it('treats another unit’s measure and its evidence as not there', async () => {
    const own = await upload(housing, SAMPLES.pdf, TYPES.pdf, 'own.pdf');
    expect((await upload(linxia, SAMPLES.pdf, TYPES.pdf, 'x.pdf')).status).toBe(404);
    const r = await linxia.client.request('GET', `/evidence/${own.body.id}`);
    expect(r).toEqual({
      status: 404,
      body: expect.objectContaining({ message: `no evidence ${own.body.id}` }),
    });
    expect(
      (await housing.client.request('GET', '/evidence/00000000-0000-0000-0000-000000000000')).status,
    ).toBe(404);
    expect((await rectify.anonymous.request('GET', `/evidence/${own.body.id}`)).status).toBe(401);
  });

  it('records an upload in the audit log by its metadata, not its bytes', async () => {
    const r = await upload(housing, SAMPLES.jpeg, TYPES.jpeg, 'photo.jpg');
    // The newest rows are those of this read of the log (audited reads are recorded too).
    const items: { path: string }[] = (await rectify.request('GET', '/audit?limit=5')).body.items;
    const row = items.find((r) => !r.path.startsWith('/audit'));
    expect(row).toMatchObject({
      action: 'evidence:upload',
      status: 201,
      targets: { measureId: housingMeasure, evidenceId: r.body.id },
      after: { id: r.body.id, sha256: sha256(SAMPLES.jpeg), size: SAMPLES.jpeg.length },
    });
  });
});

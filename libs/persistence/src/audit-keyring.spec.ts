import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  anchorSignatureProblem,
  appendAnchor,
  lastAnchorInFile,
  readAnchorFile,
  signAnchor,
} from './audit-anchor';
import { AuditKeyring, loadAuditKeyring, parseAuditKeyFile } from './audit-keyring';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('the audit key file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-audit-key-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates a key once, readable by its owner only, and reads the same key afterwards', () => {
    const file = path.join(dir, '.data', 'audit-key');
    const first = loadAuditKeyring(file, true);
    expect(first.created).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = loadAuditKeyring(file, true);
    expect(again.created).toBe(false);
    expect(again.keyring.current).toEqual(first.keyring.current);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['audit-key']);
  });

  it('never creates a key file that was named, and says which file it cannot read', () => {
    const file = path.join(dir, 'missing-key');
    expect(() => loadAuditKeyring(file, false)).toThrow(`cannot read the audit key file ${file}`);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('signs with the first key and verifies with every one; comments and blank lines are not keys', () => {
    const ring = parseAuditKeyFile(`# rotated 2026-12-01\n${B}\n\n${A}\n`, 'keys');
    expect(ring.current).toEqual(AuditKeyring.fromSecrets([B]).current);
    expect(ring.get(AuditKeyring.fromSecrets([A]).current.id)?.secret).toBe(A);
  });

  it.each([
    ['# nothing\n', 'holds no key'],
    [`${A}\nshort\n`, 'key 2 is shorter than 32 characters'],
  ])('refuses %j', (text, message) => {
    expect(() => parseAuditKeyFile(text, 'keys')).toThrow(message);
  });
});

describe('audit anchors', () => {
  const ring = AuditKeyring.fromSecrets([A, B]);
  const at = new Date('2026-12-02T08:00:00.000Z');
  const anchor = signAnchor(ring, { seq: 42, hash: 'c'.repeat(64) }, at);

  it('signs seq, head hash, time and key id, with the current key', () => {
    expect(anchor).toEqual({
      seq: 42,
      headHash: 'c'.repeat(64),
      at: '2026-12-02T08:00:00.000Z',
      keyId: ring.current.id,
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(anchorSignatureProblem(ring, anchor)).toBeNull();
  });

  it.each([
    ['seq', { seq: 41 }],
    ['headHash', { headHash: 'd'.repeat(64) }],
    ['at', { at: '2026-12-02T09:00:00.000Z' }],
    ['signature', { signature: 'e'.repeat(64) }],
    ['a signature that is not hex', { signature: 'not hex' }],
  ])('finds a changed %s', (_what, change) => {
    expect(anchorSignatureProblem(ring, { ...anchor, ...change })).toBe(
      'its signature does not match (forged or altered)',
    );
  });

  it('names a key it does not hold', () => {
    expect(anchorSignatureProblem(AuditKeyring.fromSecrets([B]), anchor)).toBe(
      `it is signed with key ${ring.current.id}, which the audit key file does not hold`,
    );
  });

  it('appends one line per anchor, reads them all with their line numbers, and the last one alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-anchors-'));
    try {
      const file = path.join(dir, 'anchors.jsonl');
      expect(readAnchorFile(file)).toEqual([]);
      expect(lastAnchorInFile(file)).toBeNull();
      const next = signAnchor(ring, { seq: 50, hash: 'f'.repeat(64) }, at);
      appendAnchor(file, anchor);
      fs.appendFileSync(file, 'garbage\n');
      appendAnchor(file, next);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(readAnchorFile(file)).toEqual([
        { line: 1, anchor },
        { line: 2, unreadable: 'not an anchor: {seq, headHash, at, keyId, signature}' },
        { line: 3, anchor: next },
      ]);
      expect(lastAnchorInFile(file)).toEqual(next);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

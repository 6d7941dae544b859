import { AuditChainWalker, auditHash, AuditRecord, GENESIS_HASH } from './audit-chain';
import { AuditKeyring } from './audit-keyring';

const OLD_SECRET = 'o'.repeat(64);
const SECRET = 'k'.repeat(64);
// The current key signs; the rotated-out one still verifies what it signed.
const keyring = AuditKeyring.fromSecrets([SECRET, OLD_SECRET]);

function record(seq: number, over: Partial<AuditRecord> = {}): AuditRecord {
  return {
    seq,
    occurredAt: new Date(Date.UTC(2019, 8, 30, 8, 0, seq)).toISOString(),
    principalKind: 'user',
    principalId: 'u-1',
    role: 'unit',
    action: 'measure:report',
    method: 'POST',
    path: `/measures/m-${seq}/progress-reports`,
    targetIds: '{"id":"m-1"}',
    ip: '127.0.0.1',
    userAgent: 'test',
    status: 200,
    before: null,
    after: '{"note":"8738户已改造"}',
    ...over,
  };
}

type Row = { record: AuditRecord; prevHash: string; hash: string };

// `unkeyed` rows first (as written before keys existed), then rows keyed with `secret`.
function chain(n: number, o: { unkeyed?: number; secret?: string } = {}): Row[] {
  const rows: Row[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const key = seq <= (o.unkeyed ?? 0) ? undefined : keyring.get(idOf(o.secret ?? SECRET));
    const r = record(seq, key ? { keyId: key.id } : {});
    const hash = auditHash(prev, r, key);
    rows.push({ record: r, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

function idOf(secret: string): string {
  return AuditKeyring.fromSecrets([secret]).current.id;
}

function walk(rows: Row[], ring = keyring) {
  const walker = new AuditChainWalker(ring);
  for (const row of rows) {
    const broken = walker.check(row.record, row.prevHash, row.hash);
    if (broken) return broken;
  }
  return { checked: walker.checked, head: walker.headHash };
}

// Rewrites row `seq` and recomputes every hash from it on, as someone with database access but
// without the key can: plain sha256, key ids kept (or dropped, with `dropKey`).
function rewrite(rows: Row[], seq: number, over: Partial<AuditRecord>, dropKey = false): Row[] {
  const out = rows.slice(0, seq - 1);
  let prev = out.length ? out[out.length - 1].hash : GENESIS_HASH;
  for (const row of rows.slice(seq - 1)) {
    let r: AuditRecord = row.record.seq === seq ? { ...row.record, ...over } : row.record;
    if (dropKey) {
      const { keyId: _dropped, ...rest } = r;
      r = rest;
    }
    const hash = auditHash(prev, r);
    out.push({ record: r, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('accepts an intact chain and reports its head', () => {
    const rows = chain(5);
    expect(walk(rows)).toEqual({ checked: 5, head: rows[4].hash });
  });

  it('hashes the previous hash with the canonical row, so key order does not matter', () => {
    const r = record(1);
    const reordered = Object.fromEntries(Object.entries(r).reverse()) as unknown as AuditRecord;
    expect(auditHash(GENESIS_HASH, reordered)).toBe(auditHash(GENESIS_HASH, r));
    expect(auditHash('f'.repeat(64), r)).not.toBe(auditHash(GENESIS_HASH, r));
  });

  it('finds a changed row at that row', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], record: { ...rows[2].record, status: 403 } };
    expect(walk(rows)).toEqual({
      seq: 3,
      reason: 'the row content does not match its hash (the row was changed)',
    });
  });

  it('finds a changed row whose hash was recomputed with the key at the next row', () => {
    const rows = chain(5);
    const changed = { ...rows[2].record, after: '{}' };
    const hash = auditHash(rows[2].prevHash, changed, keyring.current);
    rows[2] = { record: changed, prevHash: rows[2].prevHash, hash };
    expect(walk(rows)).toEqual({ seq: 4, reason: 'prev_hash does not match the hash of row 3' });
  });

  it('finds a removed row at the row after the gap', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(walk(rows)).toEqual({ seq: 3, reason: 'row 2 is missing' });
    rows.splice(1, 2);
    expect(walk(rows)).toEqual({ seq: 5, reason: 'rows 2 to 4 are missing' });
  });

  it('finds a first row that does not start from the genesis hash', () => {
    const rows = chain(2);
    rows[0] = { ...rows[0], prevHash: 'a'.repeat(64) };
    expect(walk(rows)).toEqual({ seq: 1, reason: 'the first row does not start from the genesis hash' });
  });
});

describe('keyed audit hash chain', () => {
  it('accepts unkeyed rows from before keys, then keyed rows, and rows of a rotated-out key', () => {
    const rows = chain(6, { unkeyed: 2, secret: OLD_SECRET });
    expect(walk(rows)).toEqual({ checked: 6, head: rows[5].hash });
  });

  it('finds a keyed row rewritten with a recomputed plain sha256 at that row', () => {
    const rows = rewrite(chain(5), 3, { status: 403 });
    expect(walk(rows)).toEqual({
      seq: 3,
      reason: 'the row content does not match its hash (the row was changed)',
    });
  });

  it('finds a keyed row rewritten as unkeyed (a downgrade) at that row', () => {
    const rows = rewrite(chain(5, { unkeyed: 1 }), 3, { status: 403 }, true);
    expect(walk(rows)).toEqual({
      seq: 3,
      reason: 'the row is not keyed, but rows from 2 on are (a downgrade: the row was rewritten)',
    });
  });

  it('names a key the keyring does not hold', () => {
    const rows = chain(2);
    expect(walk(rows, AuditKeyring.fromSecrets([OLD_SECRET]))).toEqual({
      seq: 1,
      reason: `the row is keyed with key ${idOf(SECRET)}, which the audit key file does not hold`,
    });
  });

  it('changes a keyed hash with the key, and covers the intent row a row names', () => {
    const r = record(2, { keyId: idOf(SECRET), intentSeq: 1 });
    const key = keyring.get(idOf(SECRET));
    expect(auditHash(GENESIS_HASH, r, key)).not.toBe(auditHash(GENESIS_HASH, r));
    expect(auditHash(GENESIS_HASH, { ...r, intentSeq: 0 }, key)).not.toBe(auditHash(GENESIS_HASH, r, key));
  });
});

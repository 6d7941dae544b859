import { AuditChainWalker, auditHash, AuditRecord, GENESIS_HASH } from './audit-chain';

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

function chain(n: number) {
  const rows: { record: AuditRecord; prevHash: string; hash: string }[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const r = record(seq);
    const hash = auditHash(prev, r);
    rows.push({ record: r, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

function walk(rows: ReturnType<typeof chain>) {
  const walker = new AuditChainWalker();
  for (const row of rows) {
    const broken = walker.check(row.record, row.prevHash, row.hash);
    if (broken) return broken;
  }
  return { checked: walker.checked, head: walker.headHash };
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

  it('finds a changed row whose hash was recomputed at the next row', () => {
    const rows = chain(5);
    const changed = { ...rows[2].record, after: '{}' };
    rows[2] = { record: changed, prevHash: rows[2].prevHash, hash: auditHash(rows[2].prevHash, changed) };
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

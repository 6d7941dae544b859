import { verifyAuditCommand } from '../../apps/cli/src/verify-audit.command';
import { auditHash } from '../../libs/persistence/src/audit-chain';
import { AuditLogEntity } from '../../libs/persistence/src/entities/audit-log.entity';
import { AuditLogRepository, recordOf } from '../../libs/persistence/src/repositories/audit-log.repository';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

describe(`the tamper-evident audit log (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let unit: TestAccount;
  let measureId: string;

  beforeAll(async () => {
    rectify = await startRectify();
    unit = await rectify.createUser('unit', { units: ['GS-HOUSING'] });
    const doc = aPlanDocument({ planCode: uniqueCode('AUDIT'), due: '2030-06-30' });
    const imported = await rectify.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    const list = await rectify.request('GET', `/measures?plan=${imported.body.planId}&unit=GS-HOUSING`);
    measureId = list.body.items[0].id;
  });
  afterAll(() => rectify?.stop());

  const newest = async () => (await rectify.request('GET', '/audit?limit=1')).body.items[0];

  it('records a command with who, what, which target, from where, when and the outcome', async () => {
    const before = Date.now();
    const r = await unit.client.request(
      'POST',
      `/measures/${measureId}/progress-reports`,
      { actor: '省住建厅', note: '已完成8738户危房改造' },
      { 'x-forwarded-for': '10.7.7.7', 'user-agent': 'ledger-sync/1.0' },
    );
    expect(r.status).toBe(200);
    const row = await newest();
    expect(row).toMatchObject({
      principal: { kind: 'user', id: unit.id, role: 'unit' },
      action: 'measure:report',
      method: 'POST',
      path: `/measures/${measureId}/progress-reports`,
      targets: { id: measureId },
      ip: '10.7.7.7',
      userAgent: 'ledger-sync/1.0',
      status: 200,
      after: { actor: '省住建厅', note: '已完成8738户危房改造' },
    });
    expect(Date.parse(row.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records refusals too: no credentials, a role without the action, an oversized body', async () => {
    expect((await rectify.anonymous.request('POST', '/plans', {})).status).toBe(401);
    expect(await newest()).toMatchObject({ principal: { kind: 'anonymous' }, path: '/plans', status: 401 });
    expect((await unit.client.request('POST', '/plans', {})).status).toBe(403);
    expect(await newest()).toMatchObject({ principal: { id: unit.id }, action: 'plan:import', status: 403 });
    const huge = await rectify.anonymous.request('POST', '/feedback', { message: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    expect(await newest()).toMatchObject({
      path: '/feedback',
      status: 413,
      after: { declaredBytes: expect.any(Number) },
    });
  });

  it('records a refused body by its size and digest, never the body itself', async () => {
    const body = { message: '匿名者想写进审计日志的内容' };
    expect((await rectify.anonymous.request('POST', '/spot-rounds', body)).status).toBe(401);
    const row = await newest();
    expect(row).toMatchObject({ path: '/spot-rounds', status: 401 });
    expect(row.after).toEqual({
      digest: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: expect.any(Number) },
    });
    expect(JSON.stringify(row)).not.toContain('匿名者');
  });

  it('does not record reads', async () => {
    const head = (await newest()).seq;
    await rectify.request('GET', '/plans');
    await unit.client.request('GET', `/measures/${measureId}`);
    expect((await newest()).seq).toBe(head);
  });

  it('records a plan file by its digest, and passwords and tokens never', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('FILE'), due: '2030-06-30' });
    expect((await rectify.request('POST', '/plans', doc)).status).toBe(201);
    const row = await newest();
    expect(row.after).toEqual({
      digest: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: expect.any(Number) },
    });
    await rectify.anonymous.request('POST', '/auth/refresh', { refreshToken: 'rrt_stolen-looking-token' });
    // A refused refresh (401) keeps only the size and digest of its body, taken after redaction.
    const refused = await newest();
    expect(refused.after).toEqual({
      digest: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: expect.any(Number) },
    });
    expect(JSON.stringify(refused)).not.toContain('rrt_stolen');
  });

  it('keeps the chain whole under concurrent commands', async () => {
    const head = (await newest()).seq;
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
    const rows = (await rectify.request('GET', '/audit?limit=40')).body.items;
    expect(rows.map((r: { seq: number }) => r.seq)).toEqual(
      Array.from({ length: 40 }, (_, i) => head + 40 - i),
    );
    const verdict = await rectify.request('GET', '/audit/verify');
    expect(verdict.body).toEqual({ ok: true, rows: head + 40, headHash: rows[0].hash });
  });

  describe('tampering, by direct SQL', () => {
    // Placeholders as the engine spells them.
    const sql = (text: string) => {
      let n = 0;
      return testEngine() === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
    };
    const query = (text: string, params: unknown[]) => rectify.db.dataSource.query(sql(text), params);

    it('finds a changed row at exactly that row, and the CLI finds it too', async () => {
      const [{ after }] = await query('SELECT after FROM audit_log WHERE seq = ?', [5]);
      await query('UPDATE audit_log SET after = ? WHERE seq = ?', ['{"note":"nothing happened"}', 5]);
      expect((await rectify.request('GET', '/audit/verify')).body).toEqual({
        ok: false,
        rows: 4,
        seq: 5,
        reason: 'the row content does not match its hash (the row was changed)',
      });
      const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        expect(await verifyAuditCommand(rectify.db.dataSource)).toBe(1);
        expect(err).toHaveBeenCalledWith(expect.stringContaining('audit log broken at row 5'));
      } finally {
        err.mockRestore();
      }
      // The hash covers the content: the row as it was makes the chain whole again.
      await query('UPDATE audit_log SET after = ? WHERE seq = ?', [after, 5]);
      expect((await rectify.request('GET', '/audit/verify')).body).toMatchObject({ ok: true });
    });

    it('finds a changed row whose hash was recomputed at the row after it', async () => {
      const row = await rectify.db.dataSource.getRepository(AuditLogEntity).findOneByOrFail({ seq: 3 });
      const forged = { ...recordOf(row), userAgent: 'forged' };
      await query('UPDATE audit_log SET user_agent = ?, hash = ? WHERE seq = ?', [
        'forged',
        auditHash(row.prevHash, forged),
        3,
      ]);
      expect(await new AuditLogRepository(rectify.db.dataSource).verify()).toEqual({
        ok: false,
        rows: 3,
        seq: 4,
        reason: 'prev_hash does not match the hash of row 3',
      });
    });

    it('finds a deleted row at the row after the gap', async () => {
      await query('DELETE FROM audit_log WHERE seq = ?', [2]);
      expect(await new AuditLogRepository(rectify.db.dataSource).verify()).toEqual({
        ok: false,
        rows: 1,
        seq: 3,
        reason: 'row 2 is missing',
      });
    });
  });
});

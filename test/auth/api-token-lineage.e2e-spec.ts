import { newApiToken } from '../../apps/api/src/auth/create-api-token.use-case';
import type { Role } from '../../libs/domain/src/authorization';
import { ApiTokenRepository } from '../../libs/persistence/src/repositories/api-token.repository';
import { RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';

// A leaked token must not outlive its revocation through tokens it minted, nor mint any.
describe(`API tokens do not spread (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let office: TestAccount;

  beforeAll(async () => {
    rectify = await startRectify();
    office = await rectify.createUser('office');
  });
  afterAll(() => rectify?.stop());

  async function mint(role: Role, createdByTokenId: string | null = null) {
    if (!createdByTokenId) {
      const r = await rectify.request('POST', '/auth/api-tokens', {
        name: `${role} sync`,
        role,
        expiresInDays: 1,
      });
      expect(r.status).toBe(201);
      return { id: r.body.id as string, token: r.body.token as string };
    }
    // Rows that a token minted before tokens were refused that right: written as they were.
    const { token, row } = newApiToken({
      name: 'minted by a token',
      role,
      units: [],
      leaderName: null,
      expiresInDays: 365,
      createdBy: createdByTokenId,
      createdByTokenId,
      now: new Date(),
    });
    await new ApiTokenRepository(rectify.db.dataSource).insert(row);
    return { id: row.id, token };
  }

  it('answers 403 to an API token that asks for another token, and records none', async () => {
    const parent = await mint('office');
    const before = (await rectify.request('GET', '/auth/api-tokens')).body.items.length;
    const r = await rectify.as(parent.token).request('POST', '/auth/api-tokens', {
      name: 'child',
      role: 'office',
      expiresInDays: 365,
    });
    expect({ status: r.status, code: r.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect((await rectify.request('GET', '/auth/api-tokens')).body.items).toHaveLength(before);
  });

  it('lets a signed-in person create a token, recording the person and no creating token', async () => {
    const r = await office.client.request('POST', '/auth/api-tokens', {
      name: 'ledger',
      role: 'unit',
      units: ['LINXIA'],
    });
    expect(r.status).toBe(201);
    expect({ createdBy: r.body.createdBy, createdByTokenId: r.body.createdByTokenId }).toEqual({
      createdBy: office.id,
      createdByTokenId: null,
    });
  });

  it('revokes the tokens a token created, and theirs, with it', async () => {
    const parent = await mint('office');
    const child = await mint('office', parent.id);
    const grandchild = await mint('verifier', child.id);
    const unrelated = await mint('office');
    expect((await rectify.as(grandchild.token).request('GET', '/auth/me')).status).toBe(200);

    expect((await rectify.request('DELETE', `/auth/api-tokens/${parent.id}`)).status).toBe(204);

    for (const t of [parent, child, grandchild]) {
      const r = await rectify.as(t.token).request('GET', '/auth/me');
      expect({ status: r.status, message: r.body.message }).toEqual({
        status: 401,
        message: 'the API token was revoked',
      });
    }
    expect((await rectify.as(unrelated.token).request('GET', '/auth/me')).status).toBe(200);
    const listed = (await rectify.request('GET', '/auth/api-tokens')).body.items as {
      id: string;
      revokedAt: string | null;
    }[];
    expect(listed.filter((t) => t.revokedAt).map((t) => t.id)).toEqual(
      expect.arrayContaining([parent.id, child.id, grandchild.id]),
    );
  });

  it("answers 403 to an office revoking an admin's token, which keeps working", async () => {
    const root = await mint('admin');
    const r = await office.client.request('DELETE', `/auth/api-tokens/${root.id}`);
    expect({ status: r.status, code: r.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect((await rectify.as(root.token).request('GET', '/auth/me')).status).toBe(200);
  });

  it("lets an office revoke an office token, and an admin revoke an admin's", async () => {
    const officeToken = await mint('office');
    expect((await office.client.request('DELETE', `/auth/api-tokens/${officeToken.id}`)).status).toBe(204);
    const root = await mint('admin');
    expect((await rectify.request('DELETE', `/auth/api-tokens/${root.id}`)).status).toBe(204);
  });
});

import { hashPassword } from '../../apps/api/src/auth/password-hasher';
import { UserRepository } from '../../libs/persistence/src/repositories/user.repository';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';

// The API hashes at N=2^15 here (production: 2^17); an account from before has a 2^14 hash.
describe(`password hashes are upgraded at sign-in (${testEngine()})`, () => {
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify({ env: { RECTIFY_SCRYPT_COST: String(2 ** 15) } });
  });
  afterAll(() => rectify?.stop());

  it('signs in with a hash of older parameters and stores one of the configured parameters', async () => {
    const unit = await rectify.createUser('unit', { units: ['LINXIA'] });
    const users = new UserRepository(rectify.db.dataSource);
    expect((await users.findById(unit.id))?.passwordHash.split('$')[1]).toBe('15');
    const old = await hashPassword(unit.password, 2 ** 14);
    await users.setPasswordHash(unit.id, old);

    const r = await rectify.anonymous.request('POST', '/auth/login', {
      email: unit.email,
      password: unit.password,
    });
    expect(r.status).toBe(200);
    const upgraded = (await users.findById(unit.id))?.passwordHash as string;
    expect(upgraded).not.toBe(old);
    expect(upgraded.split('$').slice(0, 4)).toEqual(['scrypt', '15', '8', '1']);

    const again = await rectify.anonymous.request('POST', '/auth/login', {
      email: unit.email,
      password: unit.password,
    });
    expect(again.status).toBe(200);
    expect((await users.findById(unit.id))?.passwordHash).toBe(upgraded);
  });

  it('leaves the stored hash alone after a wrong password', async () => {
    const unit = await rectify.createUser('unit', { units: ['LINXIA'] });
    const users = new UserRepository(rectify.db.dataSource);
    const old = await hashPassword(unit.password, 2 ** 14);
    await users.setPasswordHash(unit.id, old);
    const r = await rectify.anonymous.request('POST', '/auth/login', {
      email: unit.email,
      password: 'wrong password!',
    });
    expect(r.status).toBe(401);
    expect((await users.findById(unit.id))?.passwordHash).toBe(old);
  });
});

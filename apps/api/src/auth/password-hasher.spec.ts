import { hashPassword, verifyAgainstDecoy, verifyPassword } from './password-hasher';

describe('password hashing', () => {
  it('stores scrypt with N=2^15, r=8, p=1, a 16-byte salt and a 32-byte key', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const [scheme, logN, r, p, salt, key] = stored.split('$');
    expect([scheme, logN, r, p]).toEqual(['scrypt', '15', '8', '1']);
    expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
  });

  it('accepts the password it hashed and refuses any other', async () => {
    const stored = await hashPassword('整改落实到位2019');
    await expect(verifyPassword('整改落实到位2019', stored)).resolves.toBe(true);
    await expect(verifyPassword('整改落实到位2018', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords do not hash equal', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    await expect(verifyPassword('same password', b)).resolves.toBe(true);
  });

  it('reads the parameters from the stored hash, so stronger settings later keep old hashes valid', async () => {
    const stored = await hashPassword('parameters travel');
    const [, , r, p, salt, key] = stored.split('$');
    // Same key material under a different N must not verify: N is part of the derivation.
    await expect(
      verifyPassword('parameters travel', ['scrypt', 14, r, p, salt, key].join('$')),
    ).resolves.toBe(false);
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    await expect(verifyPassword('x', 'plain-text-password')).resolves.toBe(false);
    await expect(verifyPassword('x', 'bcrypt$10$abc')).resolves.toBe(false);
  });

  it('spends the same work on an unknown account and still refuses', async () => {
    await expect(verifyAgainstDecoy('anything')).resolves.toBe(false);
  });
});

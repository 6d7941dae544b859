import { parseConfig } from '../../../../libs/config/src/rectify-config';
import {
  DEFAULT_SCRYPT_COST,
  hashPassword,
  needsRehash,
  PasswordHasher,
  verifyPassword,
} from './password-hasher';

// The cheapest cost allowed keeps the spec fast; the default's own hash is checked once.
const CHEAP = 2 ** 14;

describe('password hashing', () => {
  it('stores scrypt with N=2^17 by default, r=8, p=1, a 16-byte salt and a 32-byte key', async () => {
    expect(DEFAULT_SCRYPT_COST).toBe(2 ** 17);
    const stored = await hashPassword('correct horse battery staple');
    const [scheme, logN, r, p, salt, key] = stored.split('$');
    expect([scheme, logN, r, p]).toEqual(['scrypt', '17', '8', '1']);
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
    expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
  });

  it('accepts the password it hashed and refuses any other', async () => {
    const stored = await hashPassword('整改落实到位2019', CHEAP);
    await expect(verifyPassword('整改落实到位2019', stored)).resolves.toBe(true);
    await expect(verifyPassword('整改落实到位2018', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords do not hash equal', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same password', CHEAP),
      hashPassword('same password', CHEAP),
    ]);
    expect(a).not.toBe(b);
    await expect(verifyPassword('same password', b)).resolves.toBe(true);
  });

  it('reads the parameters from the stored hash, so stronger settings later keep old hashes valid', async () => {
    const stored = await hashPassword('parameters travel', 2 ** 15);
    const [, , r, p, salt, key] = stored.split('$');
    await expect(verifyPassword('parameters travel', stored)).resolves.toBe(true);
    // Same key material under a different N must not verify: N is part of the derivation.
    await expect(
      verifyPassword('parameters travel', ['scrypt', 14, r, p, salt, key].join('$')),
    ).resolves.toBe(false);
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    await expect(verifyPassword('x', 'plain-text-password')).resolves.toBe(false);
    await expect(verifyPassword('x', 'bcrypt$10$abc')).resolves.toBe(false);
  });

  it.each([
    ['scrypt$14$8$1$s$k', 2 ** 15, true],
    ['scrypt$15$8$1$s$k', 2 ** 17, true],
    ['scrypt$17$8$1$s$k', 2 ** 17, false],
    ['scrypt$18$8$1$s$k', 2 ** 17, false],
    ['scrypt$17$4$1$s$k', 2 ** 17, true],
    ['scrypt$17$8$2$s$k', 2 ** 17, true],
    ['bcrypt$10$abc', 2 ** 17, true],
  ])('tells whether %s must be rehashed at N=%i: %s', (stored, cost, expected) => {
    expect(needsRehash(stored, cost)).toBe(expected);
  });

  it('hashes with the configured cost and spends the same work on an unknown account', async () => {
    const config = parseConfig({ RECTIFY_SCRYPT_COST: String(CHEAP) });
    const hasher = new PasswordHasher(config);
    const stored = await hasher.hash('configured');
    expect(stored.split('$')[1]).toBe('14');
    expect(hasher.needsRehash(stored)).toBe(false);
    await expect(hasher.verifyAgainstDecoy('anything')).resolves.toBe(false);
  });
});

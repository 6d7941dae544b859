import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';

// scrypt is memory-hard: N=2^17, r=8 takes 128 MiB and a few hundred milliseconds per guess. N comes
// from RECTIFY_SCRYPT_COST (tests lower it); the parameters are stored with each hash, so a hash made
// with weaker ones stays readable and is replaced at the next sign-in (needsRehash).
export const DEFAULT_SCRYPT_COST = 2 ** 17;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

// `scrypt$<log2 N>$<r>$<p>$<salt>$<key>`, base64url.
export async function hashPassword(password: string, cost: number = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, cost, BLOCK_SIZE, PARALLELISM);
  return [
    'scrypt',
    Math.log2(cost),
    BLOCK_SIZE,
    PARALLELISM,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, logN, r, p, salt, key] = parts;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    2 ** Number(logN),
    Number(r),
    Number(p),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// A stored hash made with weaker parameters than `cost` (or in a form this code does not write).
export function needsRehash(stored: string, cost: number = DEFAULT_SCRYPT_COST): boolean {
  const [scheme, logN, r, p] = stored.split('$');
  return (
    scheme !== 'scrypt' || 2 ** Number(logN) < cost || Number(r) !== BLOCK_SIZE || Number(p) !== PARALLELISM
  );
}

// The configured cost, for the API's use cases.
@Injectable()
export class PasswordHasher {
  private decoy: Promise<string> | undefined;

  constructor(@Inject(RECTIFY_CONFIG) private readonly config: RectifyConfig) {}

  hash(password: string): Promise<string> {
    return hashPassword(password, this.config.auth.scryptCost);
  }

  verify(password: string, stored: string): Promise<boolean> {
    return verifyPassword(password, stored);
  }

  needsRehash(stored: string): boolean {
    return needsRehash(stored, this.config.auth.scryptCost);
  }

  // For an unknown account: the same work as a real check, so timing does not tell which accounts exist.
  async verifyAgainstDecoy(password: string): Promise<false> {
    this.decoy ??= this.hash(randomBytes(16).toString('hex'));
    await verifyPassword(password, await this.decoy);
    return false;
  }
}

import { randomInt } from 'node:crypto';

// What a submitter writes down to follow their feedback: 20 symbols from an alphabet without
// look-alikes (no 0/O, 1/I/L, U), about 98 random bits, grouped for reading aloud.
const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

export function newTrackingCode(): string {
  const symbols = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `FB-${symbols.match(/.{5}/g)?.join('-')}`;
}

// Case and spacing as typed do not matter.
export function normaliseTrackingCode(text: string): string {
  return text.trim().toUpperCase();
}

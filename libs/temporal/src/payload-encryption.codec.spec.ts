import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { PayloadKey } from '../../config/src/rectify-config';
import {
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  PayloadDecryptionError,
  PayloadEncryptionCodec,
} from './payload-encryption.codec';

const keyA: PayloadKey = { id: 'a-2026', key: randomBytes(32) };
const keyB: PayloadKey = { id: 'b-2027', key: randomBytes(32) };
const MEASURE = { code: 'P01-M1', title: '9月底前完成2.65万户危房改造', indicators: [{ current: 8738 }] };

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString();
const payloadOf = (value: unknown) => defaultPayloadConverter.toPayload(value);

async function failureOf(promise: Promise<unknown>): Promise<PayloadDecryptionError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof PayloadDecryptionError) return e;
    throw e;
  }
  throw new Error('decoding succeeded');
}

describe('payload encryption (AES-256-GCM with key ids)', () => {
  it('turns each payload into binary/encrypted under the current key id, and back', async () => {
    const codec = new PayloadEncryptionCodec([keyA]);
    const plain = [payloadOf(MEASURE), payloadOf(undefined), payloadOf('第二项')];
    const encoded = await codec.encode(plain);
    expect(encoded).toHaveLength(3);
    for (const p of encoded) {
      expect(Object.keys(p.metadata ?? {}).sort()).toEqual(['encoding', KEY_ID_METADATA]);
      expect(text(p.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
      expect(text(p.metadata?.[KEY_ID_METADATA])).toBe('a-2026');
      expect(Buffer.from(p.data!).includes(Buffer.from('危房改造'))).toBe(false);
      expect(Buffer.from(p.data!).includes(Buffer.from('json/plain'))).toBe(false);
    }
    const decoded = await codec.decode(encoded);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([
      MEASURE,
      undefined,
      '第二项',
    ]);
    expect(decoded.map((p) => text(p.metadata?.encoding))).toEqual([
      'json/plain',
      'binary/null',
      'json/plain',
    ]);
  });

  it('uses a fresh IV per payload: the same value never encrypts the same way twice', async () => {
    const codec = new PayloadEncryptionCodec([keyA]);
    const [one, two] = await codec.encode([payloadOf(MEASURE), payloadOf(MEASURE)]);
    expect(Buffer.from(one.data!).equals(Buffer.from(two.data!))).toBe(false);
    expect(Buffer.from(one.data!).subarray(0, 12).equals(Buffer.from(two.data!).subarray(0, 12))).toBe(false);
  });

  it('passes payloads that are not encrypted through, so turning encryption on keeps old histories readable', async () => {
    const codec = new PayloadEncryptionCodec([keyA]);
    const plain = payloadOf(MEASURE);
    expect(await codec.decode([plain])).toEqual([plain]);
    expect(await codec.decode([{}])).toEqual([{}]);
  });

  it('encrypts with the first key and decrypts with any configured key (rotation)', async () => {
    const before = await new PayloadEncryptionCodec([keyA]).encode([payloadOf(MEASURE)]);
    const rotated = new PayloadEncryptionCodec([keyB, keyA]);
    const after = await rotated.encode([payloadOf(MEASURE)]);
    expect(text(after[0].metadata?.[KEY_ID_METADATA])).toBe('b-2027');
    const decoded = await rotated.decode([...before, ...after]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([MEASURE, MEASURE]);
  });

  it('refuses a payload whose key id is not configured, naming the key id', async () => {
    const encoded = await new PayloadEncryptionCodec([keyA]).encode([payloadOf(MEASURE)]);
    const e = await failureOf(new PayloadEncryptionCodec([keyB]).decode(encoded));
    expect(e).toMatchObject({ problem: 'unknown_key', keyId: 'a-2026' });
    expect(e.message).toBe(
      'payload encrypted with key id "a-2026", which is not configured (configured: b-2027); add it to RECTIFY_PAYLOAD_KEYS after the current key',
    );
  });

  it('refuses altered ciphertext, tag or IV, and a different key under the same id (GCM authentication)', async () => {
    const codec = new PayloadEncryptionCodec([keyA]);
    const [p] = await codec.encode([payloadOf(MEASURE)]);
    const data = Buffer.from(p.data!);
    const flipped = (at: number): Payload => {
      const copy = Buffer.from(data);
      copy[at] ^= 0x01;
      return { ...p, data: copy };
    };
    for (const at of [0, 12, data.length - 17, data.length - 1]) {
      const e = await failureOf(codec.decode([flipped(at)]));
      expect(e).toMatchObject({ problem: 'not_authentic', keyId: 'a-2026' });
      expect(e.message).toContain('failed authentication');
    }
    const impostor = new PayloadEncryptionCodec([{ id: 'a-2026', key: randomBytes(32) }]);
    expect(await failureOf(impostor.decode([p]))).toMatchObject({ problem: 'not_authentic' });
  });

  it('refuses an encrypted payload without a key id, or too short to hold IV and tag', async () => {
    const codec = new PayloadEncryptionCodec([keyA]);
    const [p] = await codec.encode([payloadOf(MEASURE)]);
    const noId = { metadata: { encoding: p.metadata!.encoding }, data: p.data };
    expect(await failureOf(codec.decode([noId]))).toMatchObject({ problem: 'malformed', keyId: null });
    const short = { ...p, data: Buffer.alloc(27) };
    expect(await failureOf(codec.decode([short]))).toMatchObject({ problem: 'malformed', keyId: 'a-2026' });
  });
});

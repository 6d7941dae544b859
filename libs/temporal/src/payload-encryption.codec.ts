// Payloads leave the process encrypted: whoever reads Temporal's history or database (or its
// frontend port, unauthenticated) sees key ids and ciphertext, not measures, people or evidence.
// Search attributes, workflow ids, headers and failure messages are not payloads and stay in clear.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKey } from '../../config/src/rectify-config';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type PayloadDecryptionProblem = 'unknown_key' | 'not_authentic' | 'malformed';

export class PayloadDecryptionError extends Error {
  constructor(
    readonly problem: PayloadDecryptionProblem,
    readonly keyId: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'PayloadDecryptionError';
  }
}

// AES-256-GCM over the whole serialized payload (metadata included, so its encoding is hidden
// too): data = iv (12 bytes) | ciphertext | tag (16 bytes). The first key encrypts; every key
// decrypts, found by the id written beside the ciphertext, so keys rotate without re-encrypting
// histories. A payload that is not encrypted passes through: turning encryption on for an
// existing deployment keeps its running workflows readable.
export class PayloadEncryptionCodec implements PayloadCodec {
  private readonly current: PayloadKey;
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(keys: readonly PayloadKey[]) {
    if (!keys.length) throw new Error('PayloadEncryptionCodec needs at least one key');
    this.current = keys[0];
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => this.encrypt(p));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => this.decrypt(p));
  }

  private encrypt(payload: Payload): Payload {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.current.key, iv);
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: Buffer.from(this.current.id),
      },
      data: Buffer.concat([iv, body, cipher.getAuthTag()]),
    };
  }

  private decrypt(payload: Payload): Payload {
    const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
    if (!encoding || Buffer.from(encoding).toString() !== ENCRYPTED_ENCODING) return payload;
    const idBytes = payload.metadata?.[KEY_ID_METADATA];
    if (!idBytes)
      throw new PayloadDecryptionError('malformed', null, `an encrypted payload without ${KEY_ID_METADATA}`);
    const keyId = Buffer.from(idBytes).toString();
    const key = this.keys.get(keyId);
    if (!key) {
      throw new PayloadDecryptionError(
        'unknown_key',
        keyId,
        `payload encrypted with key id "${keyId}", which is not configured (configured: ${[...this.keys.keys()].join(', ')}); add it to RECTIFY_PAYLOAD_KEYS after the current key`,
      );
    }
    const data = Buffer.from(payload.data ?? []);
    if (data.length < IV_BYTES + TAG_BYTES)
      throw new PayloadDecryptionError('malformed', keyId, `an encrypted payload of ${data.length} bytes`);
    const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, IV_BYTES));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new PayloadDecryptionError(
        'not_authentic',
        keyId,
        `payload under key id "${keyId}" failed authentication: altered, or encrypted with another key of that id`,
      );
    }
    return temporal.api.common.v1.Payload.decode(plain);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import {
  PayloadDecryptionError,
  PayloadEncryptionCodec,
} from '../../../../libs/temporal/src/payload-encryption.codec';
import { validationFailed } from '../common/parse-input';
import type { PayloadsBody } from './codec.schemas';

export interface PayloadCodecCommand {
  readonly direction: 'encode' | 'decode';
  readonly payloads: PayloadsBody['payloads'];
  // The X-Namespace header the Web UI sends with every call.
  readonly namespace: string | undefined;
}

// The codec server of the Temporal Web UI and CLI: the same codec the API and the worker use, so
// whoever may use it reads histories in clear without holding the keys.
@Injectable()
export class RunPayloadCodecUseCase {
  private readonly codec: PayloadEncryptionCodec | null;
  private readonly namespace: string;

  constructor(@Inject(RECTIFY_CONFIG) config: RectifyConfig) {
    const { payloadKeys, namespace } = config.temporal;
    this.codec = payloadKeys.length ? new PayloadEncryptionCodec(payloadKeys) : null;
    this.namespace = namespace;
  }

  async execute(cmd: PayloadCodecCommand): Promise<PayloadsBody> {
    if (!this.codec) {
      throw new DomainError(
        'PAYLOAD_CODEC_OFF',
        'payloads are not encrypted here (no RECTIFY_PAYLOAD_KEYS): there is nothing to encode or decode',
      );
    }
    // Other namespaces hold other applications' payloads: not this codec's to open.
    if (cmd.namespace !== undefined && cmd.namespace !== this.namespace) {
      throw validationFailed('headers', [
        { path: 'headers.X-Namespace', message: `this codec serves namespace ${this.namespace} only` },
      ]);
    }
    const payloads = cmd.payloads.map(fromJson);
    if (cmd.direction === 'encode') return { payloads: (await this.codec.encode(payloads)).map(toJson) };
    const decoded: Payload[] = [];
    for (const [i, payload] of payloads.entries()) {
      try {
        decoded.push(...(await this.codec.decode([payload])));
      } catch (e) {
        if (!(e instanceof PayloadDecryptionError)) throw e;
        throw validationFailed('body', [{ path: `body.payloads[${i}]`, message: e.message }]);
      }
    }
    return { payloads: decoded.map(toJson) };
  }
}

function fromJson(p: PayloadsBody['payloads'][number]): Payload {
  return {
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
    ),
    data: Buffer.from(p.data ?? '', 'base64'),
  };
}

function toJson(p: Payload): PayloadsBody['payloads'][number] {
  return {
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
    ),
    data: Buffer.from(p.data ?? []).toString('base64'),
  };
}

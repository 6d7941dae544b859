import type { DataConverter } from '@temporalio/common';
import type { RectifyConfig } from '../../config/src/rectify-config';
import { PayloadEncryptionCodec } from './payload-encryption.codec';

// The one data converter of every client and worker: payloads encrypted when keys are configured,
// the SDK's defaults otherwise. Codecs run outside the workflow sandbox, so a prebuilt workflow
// bundle needs nothing of this.
export function temporalDataConverter(config: Pick<RectifyConfig['temporal'], 'payloadKeys'>): DataConverter {
  return config.payloadKeys.length ? { payloadCodecs: [new PayloadEncryptionCodec(config.payloadKeys)] } : {};
}

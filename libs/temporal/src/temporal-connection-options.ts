// The one mapping from configuration to a Temporal connection, shared by the API's client, the
// worker's NativeConnection and the CLI: the same TLS and API key everywhere.
import * as fs from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import type { RectifyConfig } from '../../config/src/rectify-config';

export interface TemporalConnectionOptions {
  readonly address: string;
  readonly tls?: TLSConfig;
  readonly apiKey?: string;
}

export function temporalConnectionOptions(config: RectifyConfig['temporal']): TemporalConnectionOptions {
  const { tls, apiKey } = config;
  return {
    address: config.address,
    ...(tls
      ? {
          tls: {
            ...(tls.caFile ? { serverRootCACertificate: pem(tls.caFile, 'RECTIFY_TEMPORAL_TLS_CA') } : {}),
            ...(tls.certFile && tls.keyFile
              ? {
                  clientCertPair: {
                    crt: pem(tls.certFile, 'RECTIFY_TEMPORAL_TLS_CERT'),
                    key: pem(tls.keyFile, 'RECTIFY_TEMPORAL_TLS_KEY'),
                  },
                }
              : {}),
          },
        }
      : {}),
    // The SDK turns TLS on (system CAs) when an API key is given without TLS settings.
    ...(apiKey ? { apiKey } : {}),
  };
}

function pem(file: string, variable: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new Error(`${variable}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
}

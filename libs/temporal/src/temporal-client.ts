import { Client, Connection } from '@temporalio/client';
import type { RectifyConfig } from '../../config/src/rectify-config';

// Lazy: the API starts (and /health can say so) while Temporal is still coming up.
export function connectClient(config: RectifyConfig['temporal']): Client {
  const connection = Connection.lazy({ address: config.address, connectTimeout: '10 seconds' });
  return new Client({ connection, namespace: config.namespace });
}

// Registers the Rectify* search attributes on a Temporal namespace (self-hosted cluster). The
// worker and `npm start` do the same at start where the operator service allows it; Temporal
// Cloud registers them in its console.
import type { RectifyConfig } from '../../../libs/config/src/rectify-config';
import { ensureSearchAttributesAt } from '../../../libs/temporal/src/ensure-search-attributes';
import { temporalConnectionOptions } from '../../../libs/temporal/src/temporal-connection-options';

export async function registerSearchAttributesCommand(config: RectifyConfig['temporal']): Promise<number> {
  const { registered } = await ensureSearchAttributesAt(temporalConnectionOptions(config), {
    address: config.address,
    namespace: config.namespace,
    searchAttributes: true,
  });
  console.log(
    registered.length
      ? `registered on ${config.namespace}: ${registered.join(', ')}`
      : `namespace ${config.namespace} has every Rectify search attribute`,
  );
  return 0;
}

// Registers the Rectify* search attributes on a Temporal namespace (self-hosted cluster). The dev
// server started by `npm start` gets them at start; Temporal Cloud registers them in its console.
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { RectifyConfig } from '../../../libs/config/src/rectify-config';
import { MEASURE_SEARCH_ATTRIBUTES } from '../../../workflows/measure/measure.contract';

const INDEXED: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

export async function registerSearchAttributesCommand(config: RectifyConfig['temporal']): Promise<number> {
  const connection = await Connection.connect({ address: config.address });
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace: config.namespace });
    const missing = MEASURE_SEARCH_ATTRIBUTES.filter((k) => !(k.name in (existing.customAttributes ?? {})));
    if (!missing.length) {
      console.log(`namespace ${config.namespace} has every Rectify search attribute`);
      return 0;
    }
    await connection.operatorService.addSearchAttributes({
      namespace: config.namespace,
      searchAttributes: Object.fromEntries(missing.map((k) => [k.name, INDEXED[k.type]])),
    });
    console.log(
      `registered on ${config.namespace}: ${missing.map((k) => `${k.name} (${k.type})`).join(', ')}`,
    );
    return 0;
  } finally {
    await connection.close();
  }
}

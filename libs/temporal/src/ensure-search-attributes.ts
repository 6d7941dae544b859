// Checked at start by `npm start` and by the worker: the namespace exists and has the Rectify*
// search attributes with the right types. Missing ones are registered where the operator service
// allows it; otherwise the process stops with the exact commands to run. Without this, every
// measure's workflow task fails with BadSearchAttributes while everything looks up.
import { Connection, isGrpcServiceError } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import { temporal } from '@temporalio/proto';
import { MEASURE_SEARCH_ATTRIBUTES } from '../../../workflows/measure/measure.contract';

const INDEXED = temporal.api.enums.v1.IndexedValueType;

// Each SDK type: the server's indexed value type and the name the Temporal CLI takes (--type).
export const SEARCH_ATTRIBUTE_TYPES: Record<
  SearchAttributeType,
  { readonly indexed: temporal.api.enums.v1.IndexedValueType; readonly cli: string }
> = {
  TEXT: { indexed: INDEXED.INDEXED_VALUE_TYPE_TEXT, cli: 'Text' },
  KEYWORD: { indexed: INDEXED.INDEXED_VALUE_TYPE_KEYWORD, cli: 'Keyword' },
  INT: { indexed: INDEXED.INDEXED_VALUE_TYPE_INT, cli: 'Int' },
  DOUBLE: { indexed: INDEXED.INDEXED_VALUE_TYPE_DOUBLE, cli: 'Double' },
  BOOL: { indexed: INDEXED.INDEXED_VALUE_TYPE_BOOL, cli: 'Bool' },
  DATETIME: { indexed: INDEXED.INDEXED_VALUE_TYPE_DATETIME, cli: 'Datetime' },
  KEYWORD_LIST: { indexed: INDEXED.INDEXED_VALUE_TYPE_KEYWORD_LIST, cli: 'KeywordList' },
};

// gRPC status of a namespace that does not exist.
const NOT_FOUND = 5;

export type NamespaceConnection = Pick<Connection, 'workflowService' | 'operatorService'>;

export interface NamespaceTarget {
  readonly address: string;
  readonly namespace: string;
  // false (TEMPORAL_SEARCH_ATTRIBUTES=false): measures upsert none, so only the namespace is checked.
  readonly searchAttributes: boolean;
}

export interface SearchAttributesOutcome {
  // Registered by this call, as `Name (Type)`; empty when the namespace had them all.
  readonly registered: readonly string[];
}

export class NamespaceSetupError extends Error {}

export async function ensureSearchAttributes(
  connection: NamespaceConnection,
  target: NamespaceTarget,
  wanted: readonly SearchAttributeKey<SearchAttributeType>[] = MEASURE_SEARCH_ATTRIBUTES,
): Promise<SearchAttributesOutcome> {
  const { address, namespace } = target;
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch (e) {
    if (isGrpcServiceError(e) && e.code === NOT_FOUND) {
      throw new NamespaceSetupError(
        [
          `Temporal namespace ${namespace} does not exist on ${address}. Create it, then start again:`,
          `  temporal operator namespace create --address ${address} --namespace ${namespace}`,
          `or set TEMPORAL_NAMESPACE to an existing namespace.`,
        ].join('\n'),
      );
    }
    throw e;
  }
  if (!target.searchAttributes) return { registered: [] };

  const existing =
    (await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
  const wrong = wanted.filter(
    (k) => k.name in existing && existing[k.name] !== SEARCH_ATTRIBUTE_TYPES[k.type].indexed,
  );
  if (wrong.length) {
    throw new NamespaceSetupError(
      [
        ...wrong.map(
          (k) =>
            `Search attribute ${k.name} on Temporal namespace ${namespace} is registered as ${typeName(existing[k.name])}; Rectify needs ${SEARCH_ATTRIBUTE_TYPES[k.type].cli}.`,
        ),
        `Remove ${wrong.length > 1 ? 'them' : 'it'} and start again (Rectify registers the right type), or use another namespace:`,
        ...wrong.map(
          (k) =>
            `  temporal operator search-attribute remove --address ${address} --namespace ${namespace} --name ${k.name}`,
        ),
      ].join('\n'),
    );
  }

  const missing = wanted.filter((k) => !(k.name in existing));
  if (!missing.length) return { registered: [] };
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(
        missing.map((k) => [k.name, SEARCH_ATTRIBUTE_TYPES[k.type].indexed]),
      ),
    });
  } catch (e) {
    // Another process starting at the same moment may have registered them first.
    if (await hasAll(connection, namespace, missing)) return { registered: [] };
    const reason = isGrpcServiceError(e) ? (e.details ?? e.message) : (e as Error).message;
    throw new NamespaceSetupError(
      [
        `Temporal namespace ${namespace} on ${address} lacks the search attributes ${missing.map(described).join(', ')}, and registering them was refused: ${reason}`,
        `Register them as an operator of the cluster, then start again:`,
        `  TEMPORAL_ADDRESS=${address} TEMPORAL_NAMESPACE=${namespace} node dist/apps/cli/src/main.js register-search-attributes`,
        `or with the Temporal CLI:`,
        `  temporal operator search-attribute create --address ${address} --namespace ${namespace} ${missing
          .map((k) => `--name ${k.name} --type ${SEARCH_ATTRIBUTE_TYPES[k.type].cli}`)
          .join(' ')}`,
        `(Temporal Cloud: add them in the namespace's settings or with tcld.) Or set TEMPORAL_SEARCH_ATTRIBUTES=false to run without them.`,
      ].join('\n'),
    );
  }
  return { registered: missing.map(described) };
}

// Connects with `options`, checks, closes: for callers without a connection of their own (npm start).
export async function ensureSearchAttributesAt(
  options: Parameters<typeof Connection.connect>[0],
  target: NamespaceTarget,
): Promise<SearchAttributesOutcome> {
  const connection = await Connection.connect(options);
  try {
    return await ensureSearchAttributes(connection, target);
  } finally {
    await connection.close();
  }
}

async function hasAll(
  connection: NamespaceConnection,
  namespace: string,
  keys: readonly SearchAttributeKey<SearchAttributeType>[],
): Promise<boolean> {
  const listed =
    (await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
  return keys.every((k) => listed[k.name] === SEARCH_ATTRIBUTE_TYPES[k.type].indexed);
}

function described(k: SearchAttributeKey<SearchAttributeType>): string {
  return `${k.name} (${SEARCH_ATTRIBUTE_TYPES[k.type].cli})`;
}

function typeName(indexed: temporal.api.enums.v1.IndexedValueType): string {
  const found = Object.values(SEARCH_ATTRIBUTE_TYPES).find((t) => t.indexed === indexed);
  return found?.cli ?? String(INDEXED[indexed] ?? indexed);
}

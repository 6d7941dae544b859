import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { parseConfig } from '../../libs/config/src/rectify-config';
import {
  ensureSearchAttributes,
  NamespaceSetupError,
  SEARCH_ATTRIBUTE_TYPES,
} from '../../libs/temporal/src/ensure-search-attributes';
import { MEASURE_SEARCH_ATTRIBUTES } from '../../workflows/measure/measure.contract';
import { devServerAddress, workflowBundlePath } from '../support/temporal-test-env';
import { freshNamespace } from '../support/temporal-namespace';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

// The worker's own JSON log is off here, and nothing is traced.
const QUIET_WORKER = { logger: pino({ level: 'silent' }), tracing: null };

const { IndexedValueType } = temporal.api.enums.v1;

describe(`the namespace and its search attributes, checked at start (${testEngine()})`, () => {
  let connection: Connection;
  let address: string;

  beforeAll(async () => {
    address = devServerAddress();
    connection = await Connection.connect({ address });
  });
  afterAll(() => connection?.close());

  const target = (namespace: string, searchAttributes = true) => ({ address, namespace, searchAttributes });
  const customAttributes = async (namespace: string) =>
    (await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
  const refusal = async (namespace: string): Promise<string> => {
    const outcome = await ensureSearchAttributes(connection, target(namespace)).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(NamespaceSetupError);
    return (outcome as Error).message;
  };

  it('registers the missing ones with their types, then finds nothing to do', async () => {
    const namespace = await freshNamespace(connection);
    expect(await ensureSearchAttributes(connection, target(namespace))).toEqual({
      registered: [
        'RectifyPlan (Keyword)',
        'RectifyUnit (Keyword)',
        'RectifyStatus (Keyword)',
        'RectifyTrack (Keyword)',
        'RectifyOverdueLevel (Int)',
        'RectifyDueAt (Datetime)',
        'RectifyLight (Keyword)',
      ],
    });
    const listed = await customAttributes(namespace);
    for (const k of MEASURE_SEARCH_ATTRIBUTES)
      expect({ name: k.name, type: listed[k.name] }).toEqual({
        name: k.name,
        type: SEARCH_ATTRIBUTE_TYPES[k.type].indexed,
      });
    expect(await ensureSearchAttributes(connection, target(namespace))).toEqual({ registered: [] });
  });

  it('lets processes that start at the same moment all go on', async () => {
    const namespace = await freshNamespace(connection);
    // Each resolves (none stops the process), whoever registered first.
    await Promise.all([1, 2, 3].map(() => ensureSearchAttributes(connection, target(namespace))));
    expect(await ensureSearchAttributes(connection, target(namespace))).toEqual({ registered: [] });
  });

  it('checks only that the namespace exists when measures upsert no search attributes', async () => {
    const namespace = await freshNamespace(connection);
    expect(await ensureSearchAttributes(connection, target(namespace, false))).toEqual({ registered: [] });
    expect(Object.keys(await customAttributes(namespace))).not.toContain('RectifyPlan');
  });

  it('stops with the commands to run when the cluster refuses to register them, registering none', async () => {
    // A real refusal: SQL visibility has three Int slots per namespace, all taken here.
    const namespace = await freshNamespace(connection);
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: {
        OtherCountA: IndexedValueType.INDEXED_VALUE_TYPE_INT,
        OtherCountB: IndexedValueType.INDEXED_VALUE_TYPE_INT,
        OtherCountC: IndexedValueType.INDEXED_VALUE_TYPE_INT,
      },
    });
    const message = await refusal(namespace);
    expect(message).toContain(`Temporal namespace ${namespace} on ${address} lacks the search attributes`);
    expect(message).toContain('cannot have more than 3 search attribute of type');
    expect(message).toContain(
      `TEMPORAL_ADDRESS=${address} TEMPORAL_NAMESPACE=${namespace} node dist/apps/cli/src/main.js register-search-attributes`,
    );
    expect(message).toContain(
      `temporal operator search-attribute create --address ${address} --namespace ${namespace} --name RectifyPlan --type Keyword`,
    );
    expect(message).toContain(
      '--name RectifyOverdueLevel --type Int --name RectifyDueAt --type Datetime --name RectifyLight --type Keyword',
    );
    expect(Object.keys(await customAttributes(namespace))).not.toContain('RectifyPlan');
  });

  it('names a search attribute registered with the wrong type', async () => {
    const namespace = await freshNamespace(connection);
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: { RectifyPlan: IndexedValueType.INDEXED_VALUE_TYPE_INT },
    });
    const message = await refusal(namespace);
    expect(message).toContain(
      `Search attribute RectifyPlan on Temporal namespace ${namespace} is registered as Int; Rectify needs Keyword.`,
    );
    expect(message).toContain(
      `temporal operator search-attribute remove --address ${address} --namespace ${namespace} --name RectifyPlan`,
    );
    expect(Object.keys(await customAttributes(namespace))).not.toContain('RectifyUnit');
  });

  it('names a namespace that does not exist, and how to create it', async () => {
    const namespace = uniqueCode('no-such-namespace');
    const message = await refusal(namespace);
    expect(message).toContain(`Temporal namespace ${namespace} does not exist on ${address}`);
    expect(message).toContain(
      `temporal operator namespace create --address ${address} --namespace ${namespace}`,
    );
  });

  describe('the worker app', () => {
    let db: TestDatabase;

    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(() => db?.close());

    const workerConfig = (namespace: string) => ({
      ...parseConfig({
        TEMPORAL_ADDRESS: address,
        TEMPORAL_NAMESPACE: namespace,
        TEMPORAL_TASK_QUEUE: uniqueCode('worker-start'),
        RECTIFY_WORKFLOW_BUNDLE: workflowBundlePath(),
      }),
      database: db.config,
    });

    it('registers the search attributes before it polls', async () => {
      const namespace = await freshNamespace(connection);
      const app = await NestFactory.createApplicationContext(
        WorkerModule.register(workerConfig(namespace), QUIET_WORKER),
        {
          logger: false,
        },
      );
      try {
        expect(Object.keys(await customAttributes(namespace))).toEqual(
          expect.arrayContaining(MEASURE_SEARCH_ATTRIBUTES.map((k) => k.name)),
        );
      } finally {
        await app.close();
      }
    });

    it('does not start on a namespace that does not exist, and says why', async () => {
      const namespace = uniqueCode('no-such-namespace');
      // Nest runs the worker's bootstrap while it creates the context: creating it fails.
      await expect(
        NestFactory.createApplicationContext(WorkerModule.register(workerConfig(namespace), QUIET_WORKER), {
          logger: false,
          abortOnError: false,
        }),
      ).rejects.toThrow(`Temporal namespace ${namespace} does not exist`);
    });
  });
});

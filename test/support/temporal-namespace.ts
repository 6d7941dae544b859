// A namespace of its own on the shared dev server, made the way an operator makes one: it has
// none of the Rectify* search attributes the global setup gave the default namespace.
import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { uniqueCode } from './unique';

export async function freshNamespace(connection: Connection): Promise<string> {
  const namespace = uniqueCode('rectify-ns');
  await connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: msToTs('1 day'),
  });
  return namespace;
}

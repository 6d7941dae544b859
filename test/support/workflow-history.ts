// Readers of a workflow's history on the server, for tests that check what happened in it rather
// than what the workflow says about itself.
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';

const { EventType, TimeoutType } = temporal.api.enums.v1;

// The workflow's clock in its first workflow task (what Date.now() reads there), from the
// server's history: the started time of the first workflow task that completed.
export async function firstLookAt(client: Client, workflowId: string): Promise<number> {
  const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
  const all = events ?? [];
  const completed = all.findIndex((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  const started = all
    .slice(0, completed)
    .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
  if (completed < 0 || !started.length) throw new Error(`${workflowId} has not completed a workflow task`);
  return tsToMs(started[started.length - 1].eventTime);
}

// One activity of a given type in a workflow's history, in the order they were scheduled: its id
// and input, and, once its started attempt is recorded, whether that attempt was a retry, what
// failed the attempt before it (a timeout's type, else the failure's message) and when it started
// (server time); once completed, what it answered.
export interface ActivityAttempts<I, R> {
  readonly activityId: string;
  readonly input: I;
  readonly retried: boolean | null;
  readonly previousAttempt: string | null;
  readonly startedMs: number | null;
  readonly result: R | null;
}

export async function activityAttempts<I, R>(
  client: Client,
  workflowId: string,
  activityType: string,
): Promise<ActivityAttempts<I, R>[]> {
  const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
  const scheduled = new Map<string, { activityId: string; input: I }>();
  const started = new Map<string, { attempt: number; lastFailure: string | null; at: number }>();
  const completed = new Map<string, R>();
  for (const e of events ?? []) {
    const id = String(e.eventId);
    if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
      const a = e.activityTaskScheduledEventAttributes!;
      if (a.activityType?.name !== activityType) continue;
      const input = defaultPayloadConverter.fromPayload<I>(a.input!.payloads![0]);
      scheduled.set(id, { activityId: a.activityId!, input });
    } else if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
      const a = e.activityTaskStartedEventAttributes!;
      if (!scheduled.has(String(a.scheduledEventId))) continue;
      const timeout = a.lastFailure?.timeoutFailureInfo?.timeoutType;
      started.set(String(a.scheduledEventId), {
        attempt: a.attempt ?? 0,
        lastFailure: a.lastFailure ? (timeout ? TimeoutType[timeout] : (a.lastFailure.message ?? '?')) : null,
        at: tsToMs(e.eventTime),
      });
    } else if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
      const a = e.activityTaskCompletedEventAttributes!;
      if (!scheduled.has(String(a.scheduledEventId))) continue;
      completed.set(
        String(a.scheduledEventId),
        defaultPayloadConverter.fromPayload<R>(a.result!.payloads![0]),
      );
    }
  }
  return [...scheduled].map(([scheduledId, s]) => {
    const attempt = started.get(scheduledId);
    return {
      ...s,
      retried: attempt ? attempt.attempt > 1 : null,
      previousAttempt: attempt?.lastFailure ?? null,
      startedMs: attempt?.at ?? null,
      result: completed.get(scheduledId) ?? null,
    };
  });
}

// The local activities of a given type the history records, in order: each one's marker, written
// in the workflow task that ran it, with its attempt and what it answered. A local activity whose
// workflow task never completed (its worker died) has no marker: the next worker runs it again.
export interface LocalActivityRecord<R> {
  readonly activityId: string;
  readonly attempt: number;
  readonly result: R | null;
}

export async function localActivityMarkers<R>(
  client: Client,
  workflowId: string,
  activityType: string,
): Promise<LocalActivityRecord<R>[]> {
  const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
  const records: LocalActivityRecord<R>[] = [];
  for (const e of events ?? []) {
    if (e.eventType !== EventType.EVENT_TYPE_MARKER_RECORDED) continue;
    const m = e.markerRecordedEventAttributes!;
    if (m.markerName !== LOCAL_ACTIVITY_MARKER) continue;
    const data = defaultPayloadConverter.fromPayload<LocalActivityMarkerData>(m.details!.data.payloads![0]);
    if (data.activity_type !== activityType) continue;
    const result = m.details!.result?.payloads?.[0];
    records.push({
      activityId: data.activity_id,
      attempt: data.attempt,
      result: result ? defaultPayloadConverter.fromPayload<R>(result) : null,
    });
  }
  return records;
}

// The SDK core's name for a local activity's marker and the JSON it puts in the marker's `data`
// (temporal.sdk.core.external_data.LocalActivityMarkerData).
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';
interface LocalActivityMarkerData {
  readonly activity_id: string;
  readonly activity_type: string;
  readonly attempt: number;
}

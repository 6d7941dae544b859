import type { temporal } from '@temporalio/proto';

// The ids of the patches a run's history recorded (each `patched()` that answered true while the
// run was new), in order.
export function patchMarkers(history: temporal.api.history.v1.IHistory): string[] {
  return (history.events ?? [])
    .map((e) => e.markerRecordedEventAttributes)
    .filter((m) => m?.markerName === 'core_patch')
    .flatMap((m) =>
      Object.values(m!.details!).map(
        (p) => (JSON.parse(Buffer.from(p.payloads![0].data!).toString('utf8')) as { id: string }).id,
      ),
    );
}

import { AsyncLocalStorage } from 'node:async_hooks';

// What the audit row of the current request should say beyond what HTTP shows: who (once the
// guard knows), which action, which targets, and the before/after a use case can supply.
export interface AuditNotes {
  principal?: { readonly kind: string; readonly id: string; readonly role: string };
  action?: string;
  targets: Record<string, string>;
  before?: unknown;
  after?: unknown;
  // The intent row written before the handler ran; the outcome row names it.
  intentSeq?: number;
}

const storage = new AsyncLocalStorage<AuditNotes>();

export function withAuditNotes<T>(notes: AuditNotes, run: () => T): T {
  return storage.run(notes, run);
}

export function currentAuditNotes(): AuditNotes | undefined {
  return storage.getStore();
}

// Callable from any use case during a request; outside a request (CLI, worker) it does nothing.
// `after` replaces the request body in the audit row (e.g. an upload's metadata instead of bytes).
export function noteAudit(notes: Partial<AuditNotes>): void {
  const current = storage.getStore();
  if (!current) return;
  const { targets, ...rest } = notes;
  Object.assign(current, rest);
  if (targets) Object.assign(current.targets, targets);
}

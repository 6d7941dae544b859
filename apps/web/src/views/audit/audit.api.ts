// The answers the audit log reads (apps/api/src/audit/list-audit-log.use-case.ts and
// libs/persistence/src/audit-verification.ts).
export interface AuditRow {
  readonly seq: number;
  readonly occurredAt: string;
  readonly principal: { readonly kind: string; readonly id: string; readonly role: string };
  readonly action: string;
  readonly method: string;
  readonly path: string;
  readonly targets: Record<string, string>;
  readonly ip: string | null;
  readonly userAgent: string | null;
  // null: the intent row of a request that was let through; its outcome row names it.
  readonly status: number | null;
  readonly intentSeq: number | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly keyId: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditVerdict {
  readonly ok: boolean;
  readonly rows: number;
  readonly headHash: string;
  readonly lastAnchor: { readonly seq: number; readonly headHash: string; readonly at: string } | null;
  readonly problems: readonly { readonly seq: number | null; readonly reason: string }[];
}

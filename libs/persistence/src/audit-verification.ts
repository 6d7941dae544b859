// The whole check behind GET /audit/verify and `rectify verify-audit`: the anchors' signatures,
// the keyed chain, every anchored row's hash, and whether the chain still reaches the last anchor.
import { anchorSignatureProblem, AuditAnchor, readAnchorFile } from './audit-anchor';
import type { AuditKeyring } from './audit-keyring';
import type { AuditLogRepository } from './repositories/audit-log.repository';

export interface AuditProblem {
  // The row it concerns; null for an anchor file line that names no row.
  readonly seq: number | null;
  readonly reason: string;
}

export interface AuditVerdict {
  readonly ok: boolean;
  // Rows intact from the first, and the hash of the last of them.
  readonly rows: number;
  readonly headHash: string;
  // The last anchor whose signature is good; null when there is none yet.
  readonly lastAnchor: { readonly seq: number; readonly headHash: string; readonly at: string } | null;
  readonly problems: readonly AuditProblem[];
}

export async function verifyAuditLog(
  log: AuditLogRepository,
  keyring: AuditKeyring,
  anchorFile: string,
): Promise<AuditVerdict> {
  const problems: AuditProblem[] = [];
  const anchors: AuditAnchor[] = [];
  for (const entry of readAnchorFile(anchorFile)) {
    if ('unreadable' in entry) {
      problems.push({ seq: null, reason: `line ${entry.line} of ${anchorFile} is ${entry.unreadable}` });
      continue;
    }
    const a = entry.anchor;
    const bad = anchorSignatureProblem(keyring, a);
    if (bad) {
      problems.push({
        seq: a.seq,
        reason: `the anchor on line ${entry.line} of ${anchorFile} (seq ${a.seq}, at ${a.at}) cannot be trusted: ${bad}`,
      });
    } else {
      anchors.push(a);
    }
  }
  const walk = await log.verify(anchors);
  if (walk.broken) problems.push(walk.broken);
  const last = anchors.at(-1) ?? null;
  const end = (await log.head())?.seq ?? 0;
  if (last && end < last.seq) {
    problems.push({
      seq: end + 1,
      reason:
        `the chain ends at seq ${end} but the last anchor (at ${last.at}) says seq ${last.seq} with hash ` +
        `${last.headHash}: rows ${end + 1} to ${last.seq} were deleted`,
    });
  }
  return {
    ok: problems.length === 0,
    rows: walk.rows,
    headHash: walk.headHash,
    lastAnchor: last && { seq: last.seq, headHash: last.headHash, at: last.at },
    problems,
  };
}

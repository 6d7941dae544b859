import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { AuditLogRepository } from '../../../../libs/persistence/src/repositories/audit-log.repository';
import { nestingDepthOver } from '../../../../libs/domain/src/nul-characters';
import { isDatabaseUnavailable } from '../../../../libs/persistence/src/data-errors';
import { canonicalJson, sha256 } from '../../../../libs/persistence/src/stable-id';
import { clientIp } from '../common/client-ip';
import { AuditNotes, currentAuditNotes, withAuditNotes } from './audit-context';

// Reads change nothing; everything else is a command and is recorded.
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Bigger bodies (a whole plan) are recorded by digest: the imported content is kept elsewhere.
const MAX_RECORDED_CHARS = 64 * 1024;
const SECRET_FIELD = /password|token|secret/i;
// A body nested deeper (refused with 400 anyway) would overflow the recursive redaction, and any
// reader's JSON.stringify later: it is recorded by that fact alone.
const MAX_RECORDED_DEPTH = 64;

export function isRead(method: string): boolean {
  return READS.has(method);
}

// Two rows per command (and per audited read): the intent row, appended by AuditGate before the
// handler runs, which refuses the request when it cannot be written; and the outcome row, with
// the status and the body as recorded, appended when the answer leaves. A request refused before
// the handler (body parsers, guards) has the outcome row alone.
@Injectable()
export class AuditTrail {
  private readonly logger = new Logger('Audit');

  constructor(@Inject(AuditLogRepository) private readonly log: AuditLogRepository) {}

  // Express middleware, mounted before the body parsers so that refusals by the parsers (413,
  // malformed JSON) and by the guard (401, 403) are recorded like any other answer. The outcome
  // row is written before a buffered answer leaves; a streamed one (an evidence download) is on
  // its way already, behind its intent row.
  recorder(): RequestHandler {
    return (req, res, next) => {
      const notes: AuditNotes = { targets: {} };
      const end = res.end.bind(res) as (...args: unknown[]) => Response;
      let recorded = false;
      res.end = ((...args: unknown[]) => {
        // A read is recorded only when AuditGate let it through as an audited read.
        if (recorded || (READS.has(req.method) && notes.intentSeq === undefined)) return end(...args);
        recorded = true;
        this.record(req, res.statusCode, notes).then(
          () => end(...args),
          (e: unknown) => {
            // The intent row is in the log; only the outcome is missing, which is an operator's
            // alarm, not the caller's error.
            this.logger.error(`could not record ${req.method} ${req.originalUrl}: ${(e as Error).message}`);
            end(...args);
          },
        );
        return res;
      }) as Response['end'];
      withAuditNotes(notes, () => next());
    };
  }

  // The intent row of the request under way; throws AUDIT_UNAVAILABLE when it cannot be written.
  async begin(req: Request): Promise<void> {
    const notes = currentAuditNotes();
    if (!notes) throw new Error('AuditTrail.recorder() is not mounted before the routes');
    try {
      const row = await this.log.append({
        ...this.entry(req, notes, new Date()),
        status: null,
        before: null,
        after: null,
      });
      notes.intentSeq = row.seq;
    } catch (e) {
      this.logger.error(
        `could not record ${req.method} ${req.originalUrl} before it ran: ${(e as Error).message}`,
      );
      // The database itself away: say so (DATABASE_UNAVAILABLE, from the error filter), as any
      // command would; AUDIT_UNAVAILABLE is for an audit log that refuses while the rest works.
      if (isDatabaseUnavailable(e)) throw e;
      throw new DomainError(
        'AUDIT_UNAVAILABLE',
        isRead(req.method)
          ? 'the audit log cannot be written, so this read is not served; try again later'
          : 'the audit log cannot be written, so the command was not carried out; try again later',
      );
    }
  }

  // Each row is dated when it is written: the intent row when the request was let through, the
  // outcome row when the answer was ready.
  private async record(req: Request, status: number, notes: AuditNotes): Promise<void> {
    const after =
      notes.after !== undefined
        ? notes.after
        : nestingDepthOver(req.body, MAX_RECORDED_DEPTH)
          ? { nestedDeeperThan: MAX_RECORDED_DEPTH }
          : REFUSED.has(status)
            ? bodySummary(req)
            : bodyAsRecorded(req.body);
    await this.log.append({
      ...this.entry(req, notes, new Date()),
      status,
      before: recorded(notes.before),
      after: recorded(after),
      intentSeq: notes.intentSeq,
    });
  }

  private entry(req: Request, notes: AuditNotes, occurredAt: Date) {
    const principal = notes.principal ?? { kind: 'anonymous', id: 'anonymous', role: 'public' };
    return {
      occurredAt,
      principalKind: principal.kind,
      principalId: principal.id,
      role: principal.role,
      action: notes.action ?? null,
      method: req.method,
      path: req.originalUrl.slice(0, 2000),
      targetIds: canonicalJson(notes.targets),
      ip: clientIp(req).slice(0, 64),
      userAgent: req.headers['user-agent']?.slice(0, 300) ?? null,
    };
  }
}

// Answers to callers who may not send the body at all (no credentials, nothing there, too large,
// too many): the log keeps its size and digest, never what an anonymous sender chose to store.
const REFUSED = new Set([401, 404, 413, 429]);

function bodySummary(req: Request): unknown {
  const body: unknown = req.body;
  if (Buffer.isBuffer(body) || typeof body === 'string') return bodyAsRecorded(body);
  if (body !== null && typeof body === 'object' && Object.keys(body).length > 0) {
    // Redacted first: not even a digest of a password or token is kept.
    const text = canonicalJson(redact(body));
    return { digest: { sha256: sha256Bytes(text), bytes: Buffer.byteLength(text) } };
  }
  // Not read (refused before the parsers): what the caller declared.
  const declared = Number(req.headers['content-length']);
  return declared > 0 ? { declaredBytes: declared } : null;
}

// Parsed JSON as it came; a raw body (a plan file, an upload) by its digest.
function bodyAsRecorded(body: unknown): unknown {
  if (Buffer.isBuffer(body) || typeof body === 'string') {
    return body.length ? { digest: { sha256: sha256Bytes(body), bytes: Buffer.byteLength(body) } } : null;
  }
  return body !== null && typeof body === 'object' && Object.keys(body).length > 0 ? body : null;
}

function sha256Bytes(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex');
}

function recorded(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = canonicalJson(redact(value));
  if (text.length <= MAX_RECORDED_CHARS) return text;
  return canonicalJson({ digest: { sha256: sha256(text), chars: text.length } });
}

// Passwords and tokens never reach the log, at any depth.
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_FIELD.test(k) ? '[redacted]' : redact(v),
      ]),
    );
  }
  return value;
}

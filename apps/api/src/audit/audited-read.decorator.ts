import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

export const AUDITED_READ = 'rectify:audited-read';

export type AuditedReadWhen = (req: Request) => boolean;

// A read that discloses what only some may see (the internal bulletin, the ledger, evidence, the
// audit log): recorded as commands are, and not served when it cannot be recorded. `when` narrows
// it to some requests of the route (the internal edition, not the public one).
export const AuditedRead = (when: AuditedReadWhen = () => true) => SetMetadata(AUDITED_READ, when);

// Checks every case change makes inside its serialised transaction, so a refusal writes nothing.
import { DomainError } from '../../../../libs/domain/src/domain-error';
import type { AccountabilityCaseEntity } from '../../../../libs/persistence/src/entities/accountability-case.entity';
import type { DisciplineBodyEntity } from '../../../../libs/persistence/src/entities/discipline-body.entity';

export function assertOpen(c: AccountabilityCaseEntity): void {
  if (c.status !== 'open')
    throw new DomainError(
      'COMMAND_REFUSED',
      `case ${c.id} was concluded on ${c.concludedAt?.toISOString()}; a decision can still be corrected`,
    );
}

// Only the body holding a case works on it.
export function assertHolds(body: DisciplineBodyEntity, c: AccountabilityCaseEntity): void {
  if (c.bodyCode === null)
    throw new DomainError('COMMAND_REFUSED', `case ${c.id} has no body yet: the office assigns one first`);
  if (c.bodyCode !== body.code)
    throw new DomainError('FORBIDDEN', `case ${c.id} is held by ${c.bodyCode}, not by ${body.code}`);
}

import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { ApiTokenRepository } from '../../../../libs/persistence/src/repositories/api-token.repository';

@Injectable()
export class RevokeApiTokenUseCase {
  constructor(@Inject(ApiTokenRepository) private readonly tokens: ApiTokenRepository) {}

  async execute(id: string): Promise<void> {
    const token = await this.tokens.findById(id);
    if (!token) throw new DomainError('NOT_FOUND', `no API token ${id}`);
    // Revoking twice is the same as once.
    await this.tokens.revoke(id, new Date());
  }
}

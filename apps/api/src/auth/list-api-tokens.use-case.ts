import { Inject, Injectable } from '@nestjs/common';
import { ApiTokenRepository } from '../../../../libs/persistence/src/repositories/api-token.repository';
import { apiTokenView } from './create-api-token.use-case';

// Tokens without their secrets: those were shown once, at creation.
@Injectable()
export class ListApiTokensUseCase {
  constructor(@Inject(ApiTokenRepository) private readonly tokens: ApiTokenRepository) {}

  async execute() {
    return { items: (await this.tokens.list()).map(apiTokenView) };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { bodyView } from './case-view';

@Injectable()
export class ListDisciplineBodiesUseCase {
  constructor(@Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository) {}

  async execute() {
    return { items: (await this.cases.bodies()).map(bodyView) };
  }
}

import { Module } from '@nestjs/common';
import { DeliveryRepository } from '../../../../libs/persistence/src/repositories/delivery.repository';
import { PeopleRepository } from '../../../../libs/persistence/src/repositories/people.repository';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { DeliveriesController } from './deliveries.controller';
import { ListDeliveriesUseCase, ListGapsUseCase, RetryDeliveryUseCase } from './delivery.use-cases';
import {
  AddChannelUseCase,
  AssignPostUseCase,
  CreatePersonUseCase,
  ListPersonsUseCase,
  ListPostsUseCase,
  RemoveChannelUseCase,
  UpdatePersonUseCase,
} from './directory.use-cases';
import { InboxController } from './inbox.controller';
import {
  GetOwnSettingsUseCase,
  MarkReadUseCase,
  OwnPerson,
  ReadInboxUseCase,
  UpdateOwnSettingsUseCase,
} from './inbox.use-cases';
import { PeopleController } from './people.controller';

// Who gets told what: persons, posts, channels, deliveries and one's own inbox.
@Module({
  controllers: [PeopleController, DeliveriesController, InboxController],
  providers: [
    repositoryProvider(PeopleRepository),
    repositoryProvider(DeliveryRepository),
    repositoryProvider(UserRepository),
    CreatePersonUseCase,
    UpdatePersonUseCase,
    ListPersonsUseCase,
    AddChannelUseCase,
    RemoveChannelUseCase,
    AssignPostUseCase,
    ListPostsUseCase,
    ListGapsUseCase,
    ListDeliveriesUseCase,
    RetryDeliveryUseCase,
    OwnPerson,
    ReadInboxUseCase,
    MarkReadUseCase,
    GetOwnSettingsUseCase,
    UpdateOwnSettingsUseCase,
  ],
})
export class NotificationsModule {}

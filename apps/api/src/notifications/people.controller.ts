import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/auth.decorators';
import { parseInput } from '../common/parse-input';
import {
  AddChannelUseCase,
  AssignPostUseCase,
  CreatePersonUseCase,
  ListPersonsUseCase,
  ListPostsUseCase,
  RemoveChannelUseCase,
  UpdatePersonUseCase,
} from './directory.use-cases';
import { ListGapsUseCase } from './delivery.use-cases';
import { channelBody, personBody, personPatch, postBody } from './people.schemas';

@ApiTags('notifications')
@Controller()
export class PeopleController {
  constructor(
    @Inject(CreatePersonUseCase) private readonly createPerson: CreatePersonUseCase,
    @Inject(UpdatePersonUseCase) private readonly updatePerson: UpdatePersonUseCase,
    @Inject(ListPersonsUseCase) private readonly listPersons: ListPersonsUseCase,
    @Inject(AddChannelUseCase) private readonly addChannel: AddChannelUseCase,
    @Inject(RemoveChannelUseCase) private readonly removeChannel: RemoveChannelUseCase,
    @Inject(AssignPostUseCase) private readonly assignPost: AssignPostUseCase,
    @Inject(ListPostsUseCase) private readonly listPosts: ListPostsUseCase,
    @Inject(ListGapsUseCase) private readonly listGaps: ListGapsUseCase,
  ) {}

  @Post('persons')
  @ApiOperation({
    summary: 'A person to tell: units, duties, language, time zone, quiet hours, digest, channels',
  })
  @Allow('people:manage')
  create(@Body() body: unknown) {
    return this.createPerson.execute(parseInput(personBody, body, 'body'));
  }

  @Get('persons')
  @ApiOperation({ summary: 'Every person with their channels (webhook secrets are never shown)' })
  @Allow('people:manage')
  list() {
    return this.listPersons.execute();
  }

  @Patch('persons/:id')
  @ApiOperation({ summary: "Change a person's units, duties or settings, or disable them" })
  @Allow('people:manage')
  update(@Param('id') id: string, @Body() body: unknown) {
    return this.updatePerson.execute(id, parseInput(personPatch, body, 'body'));
  }

  @Post('persons/:id/channels')
  @ApiOperation({ summary: 'Add an e-mail address or a signed webhook (allow-listed hosts only)' })
  @Allow('people:manage')
  addOne(@Param('id') id: string, @Body() body: unknown) {
    return this.addChannel.execute(id, parseInput(channelBody, body, 'body'));
  }

  @Delete('persons/:id/channels/:channelId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop sending on a channel' })
  @Allow('people:manage')
  async removeOne(@Param('id') id: string, @Param('channelId') channelId: string) {
    await this.removeChannel.execute(id, channelId);
  }

  @Put('posts')
  @ApiOperation({ summary: '职务: who holds a post such as 分管副省长 (null: nobody, a visible gap)' })
  @Allow('people:manage')
  assign(@Body() body: unknown) {
    return this.assignPost.execute(parseInput(postBody, body, 'body'));
  }

  @Get('posts')
  @ApiOperation({ summary: 'Posts and their holders' })
  @Allow('people:manage')
  posts() {
    return this.listPosts.execute();
  }

  @Get('notifications/gaps')
  @ApiOperation({
    summary: 'Addressees of open measures whom nobody would receive, and notices that reached nobody',
  })
  @Allow('delivery:read')
  gaps() {
    return this.listGaps.execute();
  }
}

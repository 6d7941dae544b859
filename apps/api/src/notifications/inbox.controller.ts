import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { parseInput } from '../common/parse-input';
import {
  GetOwnSettingsUseCase,
  MarkReadUseCase,
  ReadInboxUseCase,
  UpdateOwnSettingsUseCase,
} from './inbox.use-cases';
import { inboxQuery, ownSettingsPatch } from './people.schemas';

@ApiTags('notifications')
@Controller('me')
export class InboxController {
  constructor(
    @Inject(ReadInboxUseCase) private readonly readInbox: ReadInboxUseCase,
    @Inject(MarkReadUseCase) private readonly markRead: MarkReadUseCase,
    @Inject(GetOwnSettingsUseCase) private readonly getSettings: GetOwnSettingsUseCase,
    @Inject(UpdateOwnSettingsUseCase) private readonly updateSettings: UpdateOwnSettingsUseCase,
  ) {}

  @Get('inbox')
  @ApiOperation({ summary: '站内信: what Rectify told me, newest first, with the unread count' })
  @Allow('inbox:self')
  inbox(@Query() query: Record<string, unknown>, @CurrentPrincipal() p: Principal) {
    const q = parseInput(inboxQuery, query, 'query');
    return this.readInbox.execute(p, { unreadOnly: q.unread === 'true', limit: q.limit, offset: q.offset });
  }

  @Post('inbox/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my inbox items read' })
  @Allow('inbox:self')
  read(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.markRead.execute(p, id);
  }

  @Get('notification-settings')
  @ApiOperation({ summary: 'My language, time zone, quiet hours, digest and channels' })
  @Allow('inbox:self')
  settings(@CurrentPrincipal() p: Principal) {
    return this.getSettings.execute(p);
  }

  @Patch('notification-settings')
  @ApiOperation({
    summary: 'Change my language, time zone, quiet hours or digest (escalations always arrive)',
  })
  @Allow('inbox:self')
  update(@Body() body: unknown, @CurrentPrincipal() p: Principal) {
    return this.updateSettings.execute(p, parseInput(ownSettingsPatch, body, 'body'));
  }
}

import { Body, Controller, Get, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { actorOf } from '../measures/run-measure-command.use-case';
import { GetCalendarUseCase } from './get-calendar.use-case';
import { ListCalendarsUseCase } from './list-calendars.use-case';
import { PutCalendarUseCase } from './put-calendar.use-case';

const DATES = { type: 'array', items: { type: 'string', format: 'date' } };
const CALENDAR_BODY: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  required: ['timeZone'],
  properties: {
    code: { type: 'string', description: 'the code in the path; may be left out' },
    timeZone: { type: 'string', example: 'Asia/Shanghai' },
    weekend: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 7 }, default: [6, 7] },
    holidays: { ...DATES, description: 'days off (YYYY-MM-DD), read in timeZone' },
    workdays: { ...DATES, description: '调休: weekend days that are worked' },
    workingHours: {
      type: 'object',
      nullable: true,
      description: 'null or left out: whole days',
      properties: { from: { type: 'string', example: '09:00' }, to: { type: 'string', example: '17:30' } },
    },
  },
};

// 工作日历: what a plan's escalation ladder counts working days on.
@ApiTags('calendars')
@Controller('calendars')
export class CalendarsController {
  constructor(
    @Inject(ListCalendarsUseCase) private readonly listCalendars: ListCalendarsUseCase,
    @Inject(GetCalendarUseCase) private readonly getCalendar: GetCalendarUseCase,
    @Inject(PutCalendarUseCase) private readonly putCalendar: PutCalendarUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Working calendars a plan may name: the built-in CN and the office’s own' })
  @Allow('plan:read')
  list() {
    return this.listCalendars.execute();
  }

  @Get(':code')
  @ApiOperation({ summary: 'One working calendar: weekend, holidays, 调休 days, working hours' })
  @Allow('plan:read')
  get(@Param('code') code: string) {
    return this.getCalendar.execute(code);
  }

  @Put(':code')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Store a working calendar (PUT CN to add a newly published year); every open measure of every plan naming it re-arms its ladder',
  })
  @ApiBody({ schema: CALENDAR_BODY })
  @Allow('calendar:manage')
  put(@Param('code') code: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.putCalendar.execute({ code, body, actor: actorOf(principal, undefined) });
  }
}

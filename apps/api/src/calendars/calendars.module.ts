import { Module } from '@nestjs/common';
import { CalendarRepository } from '../../../../libs/persistence/src/repositories/calendar.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { CalendarsController } from './calendars.controller';
import { GetCalendarUseCase } from './get-calendar.use-case';
import { ListCalendarsUseCase } from './list-calendars.use-case';
import { PutCalendarUseCase } from './put-calendar.use-case';

// Working-day calendars (工作日历) the office keeps, and the measures that run on them.
@Module({
  controllers: [CalendarsController],
  providers: [
    repositoryProvider(CalendarRepository),
    ListCalendarsUseCase,
    GetCalendarUseCase,
    PutCalendarUseCase,
  ],
})
export class CalendarsModule {}

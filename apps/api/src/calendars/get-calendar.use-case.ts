import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { CalendarRepository } from '../../../../libs/persistence/src/repositories/calendar.repository';
import { CalendarView, calendarView } from './calendar-view';

@Injectable()
export class GetCalendarUseCase {
  constructor(@Inject(CalendarRepository) private readonly calendars: CalendarRepository) {}

  async execute(code: string): Promise<CalendarView> {
    const view = calendarView(code, await this.calendars.find(code));
    if (!view) throw new DomainError('NOT_FOUND', `no working calendar ${code}`);
    return view;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { CALENDAR_CODE, CALENDAR_CODE_RULE } from '../../../../libs/domain/src/calendars/calendar-catalogue';
import { DomainError, type ErrorDetail } from '../../../../libs/domain/src/domain-error';
import { isOpen } from '../../../../libs/domain/src/measure-status';
import { validateCalendar, type WorkingCalendar } from '../../../../libs/domain/src/working-calendar';
import { CalendarRepository } from '../../../../libs/persistence/src/repositories/calendar.repository';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { inLanes } from '../../../../libs/temporal/src/in-lanes';
import { MeasureWorkflowGateway } from '../../../../libs/temporal/src/measure-workflow.gateway';
import { validationFailed } from '../common/parse-input';
import { CalendarView, calendarView } from './calendar-view';

export interface PutCalendarCommand {
  readonly code: string;
  readonly body: unknown;
  readonly actor: string;
}

export interface CalendarApplication {
  // Open measures of the plans naming the calendar that now run on it.
  readonly applied: number;
  // Measures whose state refused it (e.g. a measure no workflow follows), each with the reason.
  readonly refused: number;
  // Measures Temporal did not answer for: store the same calendar again to reach them.
  readonly failed: number;
  readonly problems: readonly { readonly plan: string; readonly measure: string; readonly reason: string }[];
}

// Measures told at once; a large plan does not flood the Temporal frontend.
const CONCURRENCY = 8;

// The office stores a working calendar (a new one, or its own version of CN with next year's
// schedule), and every open measure of every plan naming it re-arms its ladder on it.
@Injectable()
export class PutCalendarUseCase {
  constructor(
    @Inject(CalendarRepository) private readonly calendars: CalendarRepository,
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(MeasureRepository) private readonly measures: MeasureRepository,
    @Inject(MeasureWorkflowGateway) private readonly workflows: MeasureWorkflowGateway,
  ) {}

  async execute(c: PutCalendarCommand): Promise<CalendarView & { measures: CalendarApplication }> {
    const calendar = readCalendar(c.code, c.body);
    const { row } = await this.calendars.save(calendar, c.actor);
    // One key per stored version: the same calendar sent again reaches only the measures it
    // missed, while a later change (even back to an earlier content) is a new command.
    const key = `calendar:${row.code}:${row.updatedAt.getTime()}`;
    const measures = await this.apply(row.definition, c.actor, key);
    return { ...calendarView(row.code, row)!, measures };
  }

  private async apply(calendar: WorkingCalendar, actor: string, key: string): Promise<CalendarApplication> {
    const targets = [];
    for (const plan of await this.plans.listByCalendar(calendar.code)) {
      if (plan.closedAt) continue;
      for (const m of await this.measures.listByPlan(plan.id))
        if (isOpen(m.status)) targets.push({ plan: plan.code, measure: m.code, workflowId: m.workflowId });
    }
    let applied = 0;
    let refused = 0;
    const problems: CalendarApplication['problems'][number][] = [];
    await inLanes(targets, CONCURRENCY, async (t) => {
      try {
        await this.workflows.applyCalendar(t.workflowId, { actor, calendar }, key);
        applied++;
      } catch (e) {
        const refusal = e instanceof DomainError && ['COMMAND_REFUSED', 'VALIDATION_FAILED'].includes(e.code);
        if (refusal) refused++;
        problems.push({
          plan: t.plan,
          measure: t.measure,
          reason: e instanceof Error ? e.message : String(e),
        });
      }
    });
    return { applied, refused, failed: problems.length - refused, problems };
  }
}

// The body is the calendar; its code may be left out, and otherwise must be the path's.
function readCalendar(code: string, body: unknown): WorkingCalendar {
  if (!CALENDAR_CODE.test(code)) invalid([{ path: 'params.code', message: CALENDAR_CODE_RULE }]);
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  if (isObject && 'code' in body && body.code !== code)
    invalid([{ path: 'body.code', message: `must be ${code}, the code in the path, or left out` }]);
  const r = validateCalendar(isObject ? { ...body, code } : body);
  if (!r.ok)
    invalid(r.problems.map((p) => ({ path: p.path ? `body.${p.path}` : 'body', message: p.message })));
  return r.calendar;
}

function invalid(details: ErrorDetail[]): never {
  throw validationFailed('calendar', details);
}

// The plan is closed: every command is refused from now on, and the escalation loop ends the run
// where the measure stands. Kept in the state, so a run that continues as new still ends.
import { setHandler } from '@temporalio/workflow';
import { planClosedSignal } from '../measure.contract';
import { changed, MeasureContext } from '../measure-context';

export function registerPlanClosureHandlers(ctx: MeasureContext): void {
  setHandler(planClosedSignal, ({ actor }) => {
    ctx.st.planClosedBy = actor;
    changed(ctx);
  });
}

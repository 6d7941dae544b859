import { Gauge, Registry } from 'prom-client';
import { ESCALATION_LEVEL } from '../../../../libs/domain/src/escalation-ladder';
import { isOpen, MEASURE_STATUSES } from '../../../../libs/domain/src/measure-status';
import { DELIVERY_STATES } from '../../../../libs/persistence/src/entities/notification-delivery.entity';
import { CASE_STATUSES } from '../../../../libs/persistence/src/entities/accountability-case.entity';
import type { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import type { DeliveryRepository } from '../../../../libs/persistence/src/repositories/delivery.repository';
import type { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';

const OPEN_STATUSES = MEASURE_STATUSES.filter(isOpen);
const LEVELS = [...new Set([0, ...Object.values(ESCALATION_LEVEL)])];
const CHANNELS = ['inbox', 'email', 'webhook'] as const;

// Gauges read from the read model when Prometheus scrapes, so every API replica reports the same
// numbers and nothing has to be kept in step with the workflows. Known label values are always
// present (0 included), so a series does not vanish when its count drops to nothing.
export function registerReadModelGauges(
  registry: Registry,
  measures: MeasureRepository,
  deliveries: DeliveryRepository,
  cases: AccountabilityRepository,
): void {
  new Gauge({
    name: 'rectify_measures_open',
    help: 'Open measures (assigned, in_progress, completion_claimed) by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const rows = await measures.countOpen();
      for (const status of OPEN_STATUSES)
        this.set(
          { status },
          rows.filter((r) => r.status === status).reduce((n, r) => n + r.count, 0),
        );
    },
  });
  new Gauge({
    name: 'rectify_measures_open_by_level',
    help: 'Open measures by escalation level (0: no overdue step yet; 4: accountability referral)',
    labelNames: ['level'],
    registers: [registry],
    async collect() {
      const rows = await measures.countOpen();
      const levels = [...new Set([...LEVELS, ...rows.map((r) => r.level)])];
      for (const level of levels)
        this.set(
          { level: String(level) },
          rows.filter((r) => r.level === level).reduce((n, r) => n + r.count, 0),
        );
    },
  });
  new Gauge({
    name: 'rectify_notification_deliveries',
    help: 'Notification deliveries by channel and state',
    labelNames: ['channel', 'state'],
    registers: [registry],
    async collect() {
      const rows = await deliveries.countByChannelAndState();
      for (const channel of CHANNELS)
        for (const state of DELIVERY_STATES)
          this.set(
            { channel, state },
            rows.find((r) => r.channel === channel && r.state === state)?.count ?? 0,
          );
    },
  });
  new Gauge({
    name: 'rectify_accountability_cases',
    help: 'Accountability cases (问责案件) by status; open ones split by whether they are past their deadline',
    labelNames: ['status', 'overdue'],
    registers: [registry],
    async collect() {
      const rows = await cases.countByStatus(new Date());
      for (const status of CASE_STATUSES)
        for (const overdue of status === 'open' ? [false, true] : [false])
          this.set(
            { status, overdue: String(overdue) },
            rows.find((r) => r.status === status && r.overdue === overdue)?.count ?? 0,
          );
    },
  });
}

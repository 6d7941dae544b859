import type { MeasureStatus } from '../../../../../libs/domain/src/measure-status';
import type { Track } from '../../../../../libs/domain/src/track';

type Tr = (zh: string, en: string) => string;

export function statusLabel(tr: Tr, s: MeasureStatus): string {
  const labels: Record<MeasureStatus, [string, string]> = {
    assigned: ['已交办', 'Assigned'],
    in_progress: ['整改中', 'In progress'],
    completion_claimed: ['申请销号', 'Completion claimed'],
    verified: ['已销号', 'Signed off'],
    closed: ['已关闭', 'Closed'],
    withdrawn: ['已调出', 'Withdrawn'],
  };
  return tr(...labels[s]);
}

export function trackLabel(tr: Tr, t: Track): string {
  const labels: Record<Track, [string, string]> = {
    immediate: ['立行立改', 'Immediate'],
    mechanism: ['长效机制', 'Mechanism'],
    long_term: ['攻坚清零', 'Long-term'],
    referral: ['线索移交', 'Referral'],
  };
  return tr(...labels[t]);
}

// Escalation levels as the ladder names them (libs/domain/src/escalation-ladder.ts).
export function levelLabel(tr: Tr, level: number): string {
  const labels: [string, string][] = [
    ['未升级', 'None'],
    ['催办', 'Overdue notice'],
    ['督办', 'Supervision'],
    ['约谈', 'Formal talk'],
    ['问责移送', 'Accountability'],
  ];
  return labels[level] ? tr(...labels[level]) : String(level);
}

export function bucketLabel(tr: Tr, b: { fromDays: number; toDays: number | null }): string {
  return b.toDays === null
    ? tr(`${b.fromDays}天以上`, `${b.fromDays}+ days`)
    : tr(`${b.fromDays}–${b.toDays}天`, `${b.fromDays}–${b.toDays} days`);
}

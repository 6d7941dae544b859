// 目标调整: an indicator's target changes with a reason and an approver (e.g. households moved out
// of a programme by policy), instead of withdrawing the whole measure. The indicator keeps the
// target the plan set beside the one now in force.
export interface TargetAdjustment {
  // The target the plan set (the first one, however often it was adjusted since).
  readonly originalTarget: number;
  readonly reason: string;
  // Who approved the change (批准人/批准单位), as written.
  readonly approvedBy: string;
  // Who recorded it.
  readonly actor: string;
  // ISO-8601 instant of the latest adjustment.
  readonly adjustedAt: string;
}

// The indicator with its new target; the original is kept from an earlier adjustment.
export function adjustedIndicator<I extends { target: number; adjustment?: TargetAdjustment }>(
  indicator: I,
  change: { target: number; reason: string; approvedBy: string; actor: string; at: string },
): I & { adjustment: TargetAdjustment } {
  return {
    ...indicator,
    target: change.target,
    adjustment: {
      originalTarget: indicator.adjustment?.originalTarget ?? indicator.target,
      reason: change.reason,
      approvedBy: change.approvedBy,
      actor: change.actor,
      adjustedAt: change.at,
    },
  };
}

// The note a bulletin and a ledger show: "目标由120户调整为112户：…（…批准）".
export function targetAdjustmentNote(target: number, unit: string, a: TargetAdjustment): string {
  return `目标由${zhNumber(a.originalTarget)}${unit}调整为${zhNumber(target)}${unit}：${a.reason}（${a.approvedBy}批准）`;
}

function zhNumber(n: number): string {
  return n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}

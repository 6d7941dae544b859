// 基本信息 rows of progress as offices report it: the declared totals (方案公布数) and the problem
// status rule (问题整改进度规则), one row each, nested under `plan` as the JSON format has them.
import type { PlanDefinition } from '../../../domain/src/plan-definition';
import { numberOf } from './cell-reading';

export const PROGRESS_INFO_FIELDS = [
  {
    key: 'plan.declared.categories',
    label: '公布问题大类数',
    note: '方案公布的总数，不少于本表录入数；可空',
  },
  { key: 'plan.declared.aspects', label: '公布问题方面数', note: '方案公布的总数，不少于本表录入数；可空' },
  { key: 'plan.declared.problems', label: '公布问题数', note: '方案公布的总数，不少于本表录入数；可空' },
  {
    key: 'plan.declared.measures',
    label: '公布整改措施数',
    note: '如方案写“制定148项整改措施”，填148；可空',
  },
  {
    key: 'plan.problemProgressRule.stageGoalShare',
    label: '阶段目标比例',
    note: '问题的措施完成（销号）比例达到此值且至少1项完成即为阶段目标；默认0',
  },
  {
    key: 'plan.problemProgressRule.basicallyDoneShare',
    label: '基本完成比例',
    note: '问题的措施完成比例达到此值即为基本完成；默认0.8',
  },
  {
    key: 'plan.problemProgressRule.doneNeedsLookBack',
    label: '完成须回头看',
    note: '是：措施须回头看通过（已关闭）才算完成；默认否',
  },
] as const;

const YES = ['是', 'true', 'yes', 'y'];
const NO = ['否', 'false', 'no', 'n'];

// Puts one cell's value where the JSON format has it; false when the key is not one of these rows.
export function readProgressInfo(
  key: string,
  reading: string | number,
  plan: Record<string, unknown>,
): boolean {
  const [, group, name] = key.split('.');
  if (group !== 'declared' && group !== 'problemProgressRule') return false;
  const into = (plan[group] ??= {}) as Record<string, unknown>;
  if (name === 'doneNeedsLookBack') {
    const t = String(reading).trim().toLowerCase();
    into[name] = YES.includes(t) ? true : NO.includes(t) ? false : String(reading);
  } else into[name] = numberOf(reading);
  return true;
}

export function progressInfoValues(
  plan: PlanDefinition['plan'],
): Record<string, string | number | undefined> {
  const rule = plan.problemProgressRule;
  return {
    'plan.declared.categories': plan.declared?.categories,
    'plan.declared.aspects': plan.declared?.aspects,
    'plan.declared.problems': plan.declared?.problems,
    'plan.declared.measures': plan.declared?.measures,
    'plan.problemProgressRule.stageGoalShare': rule?.stageGoalShare,
    'plan.problemProgressRule.basicallyDoneShare': rule?.basicallyDoneShare,
    'plan.problemProgressRule.doneNeedsLookBack':
      rule?.doneNeedsLookBack === undefined ? undefined : rule.doneNeedsLookBack ? '是' : '否',
  };
}

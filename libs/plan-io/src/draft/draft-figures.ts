// Figures a measure sets as goals (解决0.35万户季节性缺水问题, 完成拨付资金1200万元, 减少30%以上) read as
// indicator targets. A figure is a goal only when its clause says what is to be done with a goal
// verb (完成, 解决, 实现, …) and does not report it as done (已, 截至…, 下发了): figures of history
// stay in the measure's text, as in the demo plan.
import type { TextSpan } from './labelled-fields';
import type { DraftConfidence } from './plan-draft';

export interface DraftFigure {
  // A short name from the words around the figure (季节性缺水问题解决).
  readonly name: string;
  readonly unit: string;
  readonly target: number;
  readonly confidence: DraftConfidence;
  readonly paragraph: number;
  // Offsets of the figure as written (0.35万户) in DocumentText.text.
  readonly start: number;
  readonly end: number;
  readonly note?: string;
}

const UNITS = [
  '人次',
  '公里',
  '万元',
  '亿元',
  '户',
  '人',
  '元',
  '个',
  '处',
  '所',
  '家',
  '项',
  '件',
  '份',
  '套',
  '村',
  '座',
  '亩',
  '期',
  '名',
  '部',
  '场',
  '次',
  '条',
  '篇',
  '%',
];
// 0.35万户, 1200万元, 55.84亿元, 30%: the number, a multiplier, the unit (万元/亿元 kept as units).
const FIGURE = new RegExp(`(\\d+(?:\\.\\d+)?)(万|亿)?(${UNITS.join('|')}|％)`, 'g');
export const GOAL_VERBS = [
  '完成',
  '解决',
  '实现',
  '达到',
  '新增',
  '培训',
  '改造',
  '建成',
  '建设',
  '实施',
  '覆盖',
  '减少',
  '压减',
  '拨付',
  '提高',
  '提升',
  '改善',
  '安置',
  '下达',
  '发放',
  '举办',
  '选派',
  '帮扶',
  '惠及',
  '控制在',
  '不低于',
  '不少于',
];
// Words that make a clause a plan rather than a report (确保, 力争, 前, 计划, 将).
const FUTURE = /确保|力争|争取|计划|将|要|底前|日前|年内|以上|不低于|不少于/;
// Words that make a clause a report of things done.
const HISTORY = /已|截至|截止|累计|共计|下发了|召开了|完成了|举办了|目前|去年|上年|此前|先后/;
const CLAUSE_END = /[，。；,;！？!?\n]/;

export function readFigures(span: TextSpan): readonly DraftFigure[] {
  const out: DraftFigure[] = [];
  // Full-width digits as input methods type them (１００％), one character for one: offsets kept.
  const text = span.text.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  for (const m of text.matchAll(FIGURE)) {
    const at = m.index;
    if (at > 0 && /[\d.第]/.test(text[at - 1])) continue;
    const clauseStart = lastIndexOf(text, CLAUSE_END, at) + 1;
    let clauseEnd = text.slice(at).search(CLAUSE_END);
    clauseEnd = clauseEnd < 0 ? text.length : at + clauseEnd;
    const before = text.slice(clauseStart, at);
    const after = text.slice(at + m[0].length, clauseEnd);
    if (HISTORY.test(before) || sentenceIsHistory(text, at)) continue;
    const goal = lastVerb(before) ?? objectOfAction(before, after);
    // 改善了11.4万户: a verb with 了 reports a result.
    if (!goal || before[goal.at + goal.word.length] === '了') continue;
    const verb = goal;
    const unit = m[3] === '％' ? '%' : m[2] && !/元$/.test(m[3]) ? m[3] : `${m[2] ?? ''}${m[3]}`;
    const factor = m[2] && unit === m[3] ? (m[2] === '万' ? 10_000 : 100_000_000) : 1;
    const target = Math.round(Number(m[1]) * factor * 100) / 100;
    const planned = FUTURE.test(before) || FUTURE.test(after);
    out.push({
      name: nameOf(before, verb.at, verb.word, after),
      unit,
      target,
      confidence: planned ? 'medium' : 'low',
      paragraph: span.paragraph,
      start: span.start + at,
      end: span.start + at + m[0].length,
      ...(planned
        ? {}
        : { note: `"${verb.word}" names a goal, but the clause states no deadline or commitment` }),
    });
  }
  return out;
}

// 对75个贫困县开展第三方评估, 选择6个贫困县区开展重点综合整治: the figure counts what an action
// after it is done to. Its word `at` is where the clause says so (对/选择), so a name can be built.
const ACTION_AFTER = /^[^，。；,;]*?(开展|进行|实施|召开|组织)/;
function objectOfAction(before: string, after: string): { word: string; at: number } | undefined {
  const at = Math.max(before.lastIndexOf('对'), before.lastIndexOf('选择'));
  const action = ACTION_AFTER.exec(after);
  if (at < 0 || !action) return undefined;
  const through = action.index + action[0].length;
  // 进行了补充: done. Another figure before the action: that one is what is acted on.
  if (after[through] === '了' || /\d/.test(after.slice(0, through))) return undefined;
  return { word: before.startsWith('选择', at) ? '选择' : '对', at };
}

// A sentence that opens with a past date (3月27日，下发了…) or reports with 已 before the figure.
function sentenceIsHistory(text: string, at: number): boolean {
  const sentenceStart = lastIndexOf(text, /[。！!？?\n]/, at) + 1;
  const sentence = text.slice(sentenceStart, at);
  return /^(\d{4}年)?\d{1,2}月\d{1,2}日[，,]/.test(sentence) || /^(截至|截止|目前)/.test(sentence);
}

function lastVerb(before: string): { word: string; at: number } | undefined {
  let best: { word: string; at: number } | undefined;
  for (const word of GOAL_VERBS) {
    const at = before.lastIndexOf(word);
    if (at >= 0 && (!best || at > best.at || (at === best.at && word.length > best.word.length)))
      best = { word, at };
  }
  return best;
}

// The object after the figure with the verb after it (解决0.35万户季节性缺水问题 → 季节性缺水问题解决);
// else the verb and the words between it and the figure (完成拨付资金1200万元 → 完成拨付资金); else the
// words before the verb (会议数量减少30%以上 → 会议数量减少).
function nameOf(clauseBefore: string, verbAt: number, verb: string, after: string): string {
  const object = after
    .split(/[、\d]/)[0]
    .replace(/^(以上|以下|左右|的|共)+/, '')
    .replace(/^[^\u4e00-\u9fffA-Za-z“"]+/, '');
  // Only the words since the last figure or list mark (实施工程790处、分散工程3012处 → 分散工程).
  const between = clauseBefore
    .slice(verbAt + verb.length)
    .split(/[、]|\d+(?:\.\d+)?[万亿]?[\u4e00-\u9fff%]?/)
    .pop() as string;
  const subject = clauseBefore
    .slice(0, verbAt)
    .replace(/^(\d{4}年|全省|全县|全市|各地|并|同时|对|要|力争|确保|争取)+/, '');
  // An object that carries its own action (贫困县开展第三方评估) is the name by itself.
  const acts = /开展|进行|实施|召开|组织/.test(object) || verb === '对' || verb === '选择';
  const name =
    object.length >= 2
      ? acts
        ? object
        : `${object}${verb}`
      : between.length > 0
        ? `${verb}${between}`
        : `${subject}${verb}`;
  return name.replace(/[“”"‘’]/g, '').slice(0, 40);
}

function lastIndexOf(text: string, re: RegExp, before: number): number {
  for (let i = before - 1; i >= 0; i--) if (re.test(text[i])) return i;
  return -1;
}

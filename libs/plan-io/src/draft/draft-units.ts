// The units (责任单位) a draft names, matched against the units the office already keeps. A document
// writes a unit in its short form (省财政厅 for 甘肃省财政厅, 县委 for 中共临河县委); a name that
// matches no known unit is proposed as a new one, with a code that depends only on the order of
// first mention, so reading the same document twice proposes the same codes.
import type { UNIT_LEVELS } from '../../../domain/src/plan-definition';
import { guessUnitLevel } from '../unit-names';
import type { TextSpan } from './labelled-fields';
import type { DraftConfidence, KnownUnit } from './plan-draft';

export interface UnitResolution {
  readonly code: string;
  readonly known: boolean;
  readonly confidence: DraftConfidence;
}

export interface UnitMention {
  // The name as a unit list would hold it: as written, or the generic unit (各市州) a level names.
  readonly name: string;
  // Offsets in DocumentText.text of the words written.
  readonly start: number;
  readonly end: number;
}

// Generic units: the levels a step sends work to (各市州, 市（州）, 县区 …), one unit each.
const GENERIC: readonly { readonly name: string; readonly re: RegExp }[] = [
  { name: '各市州', re: /各?市[（(]州[)）]|各?市州/y },
  { name: '各县区', re: /各?县[（(]市?、?区[)）]|各?县市?区|各县/y },
  { name: '各乡镇', re: /各?乡[（(]镇[)）]|各乡镇/y },
];

// A government or party organ by its level: 省财政厅, 省发展改革委, 省纪委监委, 县委宣传部, 市委,
// 省脱贫攻坚领导小组. The words between the level and the suffix exclude numerals and function
// characters, so "省十三届八次全委会议" or "省委对…" are not read as units.
const ORGAN_WORD =
  '[^\\s\\d，。、；：,.;:（）()“”"‘’…的与及在对为是了从向到将把被由各全次届第一二三四五六七八九十等个有关已两级省市州县区镇]';
// The level word starts a name: it follows no other Chinese character, or a function word or verb
// that takes a unit as its object (由省财政厅, 督促县纪委监委); so 全省已举办, 贫困县挂任 are no units.
const BEFORE_NAME = '由对和与及在向经将把从是的为请让使促导求织同到';
const ORGAN_START = `(?:(?<![\\u4e00-\\u9fff])|(?<=[${BEFORE_NAME}]))`;
const ORGAN = new RegExp(
  `${ORGAN_START}(?:中共)?(省|市|州|县|区)(?!委(?:书记|副书记|常委|委员))(?:纪委监委|委(?:组织|宣传|统战|政法|社会工作|网信)部|委(?:办公厅|办公室|政法委|党校)|委(?!书记|副书记|常委|委员|员|托)|人民政府|政府(?!工作报告)|${ORGAN_WORD}{1,8}?领导小组|${ORGAN_WORD}{1,6}?(?:厅|局|委(?!员|托|屈)|(?<![举承督创开协主申])办(?!法|理|好|结|公)))`,
  'g',
);
// A place by name: 定西市, 甘南州, 临潭县; two characters, none of them a function word or a
// word offices put before 县/市 without naming one (贫困县, 重点县, 本县).
const PLACE_CHAR =
  '[^\\s\\d，。、；：,.;:（）()“”"‘’…的和与及在对为是了从向到将把被由各全次届第一二三四五六七八九十等个有关省市州县区乡镇村贫困深度重点试点摘帽本该每所同其外内级地]';
// Two-character verbs and words that come before 市/县 without naming a place (组织市县, 部分市州).
const NOT_PLACE = new Set([
  '组织',
  '落实',
  '部分',
  '督促',
  '指导',
  '加强',
  '推动',
  '要求',
  '支持',
  '帮助',
  '全面',
  '所有',
  '其他',
  '压实',
  '推进',
  '完善',
  '健全',
  '建立',
  '开展',
  '实行',
  '实施',
]);
const PLACE = new RegExp(`${ORGAN_START}(${PLACE_CHAR}{2})(市|州|县)(?![长委级里域属城乡镇县州区市])`, 'g');

// Remit (职责): where a step names no acting unit, the department whose remit its subject is leads
// (plans/demo/README.md, units rule 3). Only a unit the office keeps can be read this way: a remit
// never proposes a unit. The table is in order of precedence: specific subjects (危房, 易地扶贫搬迁)
// before the broad ones every step touches (干部, 宣传), so 抽调干部…到易地扶贫搬迁任务重的市州 is
// relocation work.
const REMIT: readonly { readonly subject: RegExp; readonly unit: RegExp }[] = [
  { subject: /危房|危改|住房安全/, unit: /住建|住房和城乡建设/ },
  { subject: /饮水|供水|水窖/, unit: /水利/ },
  { subject: /易地扶贫搬迁|易地搬迁/, unit: /发展改革|发改/ },
  { subject: /控辍保学|义务教育|辍学/, unit: /教育/ },
  { subject: /医保|医疗保障|大病保险/, unit: /医保|医疗保障/ },
  { subject: /纪检|监督执纪|问责|腐败|问题线索/, unit: /纪委|纪律检查/ },
  { subject: /建档立卡|贫困人口识别|贫困户退出|一户一策|东西部扶贫协作|脱贫计划/, unit: /扶贫|乡村振兴/ },
  { subject: /合作社|特色产业|产业扶持/, unit: /农业农村/ },
  { subject: /贷款|扶贫资金|资金监管|债务|拨付/, unit: /财政/ },
  { subject: /健康扶贫|卫生院|卫生室/, unit: /卫生健康|卫健/ },
  { subject: /低保|救助|民政/, unit: /民政/ },
  { subject: /党组织|党支部|干部队伍|领导班子|驻村|第一书记/, unit: /组织部/ },
  { subject: /宣讲|文明实践|意识形态|典型/, unit: /宣传部/ },
  { subject: /帮扶|识别|退出/, unit: /扶贫|乡村振兴/ },
  { subject: /干部|班子/, unit: /组织部/ },
];

export interface RemitReading {
  readonly code: string;
  // The subject words that name the remit, placed in DocumentText.text.
  readonly subject: string;
  readonly start: number;
  readonly end: number;
}

export class DraftUnits {
  private readonly known: readonly KnownUnit[];
  private readonly proposedNames: string[] = [];
  private readonly usedKnown = new Set<string>();

  constructor(known: readonly KnownUnit[]) {
    this.known = known;
  }

  // The unit a written name means: a known unit by its exact name (high) or a short form of it (medium;
  // low when several known units share the short form, the first is taken), else a proposed unit
  // `NEW-nn` with the name as written (medium: the name is read, the unit is new to the office).
  resolve(name: string): UnitResolution {
    const written = compact(name);
    const exact = this.known.find((u) => compact(u.name) === written || u.code === written);
    if (exact) return this.use(exact, 'high');
    const short = shortForm(written);
    const matches = this.known.filter((u) => {
      const k = compact(u.name);
      return k === short || shortForm(k) === short || shortForm(k) === written;
    });
    if (matches.length > 0) return this.use(matches[0], matches.length === 1 ? 'medium' : 'low');
    let index = this.proposedNames.indexOf(written);
    if (index < 0) index = this.proposedNames.push(written) - 1;
    return { code: proposedCode(index), known: false, confidence: 'medium' };
  }

  // Unit names mentioned in free text, in order, without overlaps (the longer reading wins).
  mentions(span: TextSpan): readonly UnitMention[] {
    const found: UnitMention[] = [];
    const add = (name: string, at: number, length: number) =>
      found.push({ name, start: span.start + at, end: span.start + at + length });
    for (const u of this.known) {
      const n = compact(u.name);
      for (let at = span.text.indexOf(n); at >= 0 && n.length > 0; at = span.text.indexOf(n, at + 1))
        add(u.name, at, n.length);
    }
    // 财政部门 for 省财政厅, 农业农村部门 for 省农业农村厅: a department named by its field.
    for (const u of this.known) {
      const field = fieldOf(u.name);
      if (!field) continue;
      const re = new RegExp(`${ORGAN_START}${field}部门`, 'g');
      for (const m of span.text.matchAll(re)) add(u.name, m.index, m[0].length);
    }
    for (let at = 0; at < span.text.length; at++)
      for (const g of GENERIC) {
        g.re.lastIndex = at;
        const m = g.re.exec(span.text);
        if (m) add(g.name, at, m[0].length);
      }
    for (const m of span.text.matchAll(ORGAN)) add(m[0], m.index, m[0].length);
    for (const m of span.text.matchAll(PLACE)) if (!NOT_PLACE.has(m[1])) add(m[0], m.index, m[0].length);
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: UnitMention[] = [];
    for (const m of found) {
      const last = kept[kept.length - 1];
      if (last && m.start < last.end) continue;
      kept.push(m);
    }
    return kept;
  }

  // The known unit whose remit the text's subject is (危房 → 住建厅), by the table's precedence.
  remit(span: TextSpan): RemitReading | undefined {
    for (const r of REMIT) {
      const m = r.subject.exec(span.text);
      const unit = m && this.known.find((u) => r.unit.test(u.name));
      if (!m || !unit) continue;
      this.usedKnown.add(unit.code);
      const start = span.start + m.index;
      return { code: unit.code, subject: m[0], start, end: start + m[0].length };
    }
    return undefined;
  }

  // Every unit the draft uses: known ones first (in the office's order), then the proposed ones in
  // the order they were first mentioned, with the level their names suggest.
  used(): readonly KnownUnit[] {
    const known = this.known
      .filter((u) => this.usedKnown.has(u.code))
      .map((u) => (u.level ? u : { ...u, level: levelOf(u.name) }));
    const proposed = this.proposedNames.map((name, i) => ({
      code: proposedCode(i),
      name,
      level: levelOf(name),
    }));
    return [...known, ...proposed];
  }

  proposed(): readonly string[] {
    return this.proposedNames.map((_n, i) => proposedCode(i));
  }

  // The name of a unit by its code (known or proposed), for rules that read the name (lead leaders).
  nameOf(code: string): string | undefined {
    const k = this.known.find((u) => u.code === code);
    if (k) return k.name;
    const i = this.proposed().indexOf(code);
    return i >= 0 ? this.proposedNames[i] : undefined;
  }

  private use(unit: KnownUnit, confidence: DraftConfidence): UnitResolution {
    this.usedKnown.add(unit.code);
    return { code: unit.code, known: true, confidence };
  }
}

function proposedCode(index: number): string {
  return `NEW-${String(index + 1).padStart(2, '0')}`;
}

function compact(name: string): string {
  return name
    .replace(/[\s\u3000]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

// 甘肃省财政厅 → 省财政厅, 中共临河县委宣传部 → 县委宣传部, 甘肃省人民政府 → 省政府: the place name is
// dropped, the level kept. A name without a place stays as it is.
export function shortForm(name: string): string {
  const m = /^(?:中共)?[\u4e00-\u9fff]{2,4}?(省|自治区|市|州|县|区|旗)(.+)$/.exec(name);
  const short = m && !/^(省|市|州|县|区)/.test(name) ? `${m[1]}${m[2]}` : name.replace(/^中共/, '');
  // 省纪委 is the short form of 省纪委监委 (the commission sits with the discipline committee).
  return short.replace(/人民政府$/, '政府').replace(/纪委监委$/, '纪委');
}

// The field of a department (甘肃省财政厅 → 财政, 省农业农村厅 → 农业农村), by which texts name it as
// 财政部门; none for a unit that is not a department of one field.
function fieldOf(name: string): string | undefined {
  return /^(?:省|市|州|县|区)([\u4e00-\u9fff]{2,8}?)(?:厅|局)$/.exec(shortForm(compact(name)))?.[1];
}

// The level a unit's name suggests: 省 province, 市/州 city, 县/区 county, 乡/镇 township, else other;
// a short form (县委宣传部) by its first character.
export function levelOf(name: string): (typeof UNIT_LEVELS)[number] {
  const guessed = guessUnitLevel(name);
  if (guessed !== 'other') return guessed;
  const m =
    /^(?:中共)?(?:[\u4e00-\u9fff]{2,4}?)?(省|自治区|市|州|县|区|旗|乡|镇)/.exec(name) ??
    /^各(市|县|乡)/.exec(name);
  const level: Record<string, (typeof UNIT_LEVELS)[number]> = {
    省: 'province',
    自治区: 'province',
    市: 'city',
    州: 'city',
    县: 'county',
    区: 'county',
    旗: 'county',
    乡: 'township',
    镇: 'township',
  };
  return m ? level[m[1]] : 'other';
}

// The inspection a document answers: when the inspectors were on site (2018年10月17日至11月30日),
// when they gave feedback (2019年1月18日,…反馈了巡视意见), who inspected (中央第一巡视组), whom
// (甘肃省委), and the plan's own title (《…整改方案》, else the document's first line).
import type { DocumentText } from './plan-draft';

export interface HeaderField {
  readonly value: string;
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
  readonly rule: string;
}

export interface InspectionHeader {
  readonly onSiteFrom?: HeaderField;
  readonly onSiteTo?: HeaderField;
  readonly feedbackDate?: HeaderField;
  readonly inspectingBody?: HeaderField;
  readonly inspectedOrganisation?: HeaderField;
  readonly name?: HeaderField;
  readonly planTitle?: HeaderField;
  // The year deadlines without a year fall in: the feedback's, else the first year written.
  readonly baseYear?: HeaderField;
}

const ON_SITE =
  /(\d{4})年(\d{1,2})月(\d{1,2})日?\s*(?:至|到|—|-|－|~)\s*(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日/;
const FEEDBACK = /(\d{4})年(\d{1,2})月(\d{1,2})日[^。]{0,40}?反馈了?[^。]{0,10}?(?:巡视|巡察)(?:反馈)?意见/;
// Outside the sentence 某巡视组对某单位开展了巡视, only a body named by its level and number.
const BODY =
  /(?:中央|省委|区党委|市委|州委|盟委|县委|区委|旗委)第[一二三四五六七八九十]{1,3}(?:专项)?(?:巡视|巡察)组/;
const INSPECTED_TOLD = /(?:巡视|巡察)组向([\u4e00-\u9fff]{2,20}?)(?:反馈|通报)/;
// The clause starts after punctuation or a date: 2018年10月17日至11月30日,中央第一巡视组对甘肃省开展了….
const INSPECTED_VISITED =
  /([^\s\d，,。；;、：:日]{0,12}?(?:巡视|巡察)组)对([\u4e00-\u9fff]{2,20}?)(?:开展了?|进行了?)([\u4e00-\u9fff]{0,12}?(?:巡视|巡察))/;
const PLAN_TITLE = /《([^《》]{4,100}?(?:整改方案|整改工作方案|实施方案))》/g;

const pad = (n: string) => n.padStart(2, '0');

export function readInspectionHeader(
  doc: DocumentText,
  read: (paragraph: number) => boolean,
): InspectionHeader {
  const out: { -readonly [K in keyof InspectionHeader]: HeaderField } = {};
  const field = (
    p: { index: number; start: number },
    at: number,
    text: string,
    value: string,
    rule: string,
  ) => ({
    value,
    paragraph: p.index,
    start: p.start + at,
    end: p.start + at + text.length,
    rule,
  });
  let longestTitle = '';
  for (const p of doc.paragraphs) {
    if (!read(p.index)) continue;
    const t = p.text;
    const onSite = !out.onSiteFrom && ON_SITE.exec(t);
    if (onSite) {
      const [all, y, m, d, y2, m2, d2] = onSite;
      out.onSiteFrom = field(p, onSite.index, all, `${y}-${pad(m)}-${pad(d)}`, 'date-range:至');
      out.onSiteTo = field(p, onSite.index, all, `${y2 ?? y}-${pad(m2 ?? m)}-${pad(d2)}`, 'date-range:至');
    }
    const feedback = !out.feedbackDate && FEEDBACK.exec(t);
    if (feedback) {
      const [, y, m, d] = feedback;
      const written = `${y}年${m}月${d}日`;
      out.feedbackDate = field(p, feedback.index, written, `${y}-${pad(m)}-${pad(d)}`, 'sentence:反馈意见');
    }
    const told = !out.inspectedOrganisation && INSPECTED_TOLD.exec(t);
    if (told) {
      const at = told.index + told[0].indexOf(told[1]);
      out.inspectedOrganisation = field(p, at, told[1], partyCommittee(told[1]), 'sentence:向…反馈');
    }
    const visited = !out.name && INSPECTED_VISITED.exec(t);
    if (visited) {
      const [all, body, inspected, kind] = visited;
      out.inspectingBody = field(p, visited.index, body, body, 'sentence:对…开展');
      out.name = field(p, visited.index, all, `${body}对${inspected}${kind}`, 'sentence:对…开展');
      if (!out.inspectedOrganisation && !told) {
        const at = visited.index + body.length + 1;
        out.inspectedOrganisation = field(p, at, inspected, partyCommittee(inspected), 'sentence:对…开展');
      }
    }
    for (const m of t.matchAll(PLAN_TITLE))
      if (m[1].length > longestTitle.length) {
        longestTitle = m[1];
        out.planTitle = field(p, m.index + 1, m[1], m[1], 'quoted:《…方案》');
      }
  }
  if (!out.inspectingBody)
    for (const p of doc.paragraphs) {
      const body = read(p.index) && BODY.exec(p.text);
      if (body) {
        out.inspectingBody = field(p, body.index, body[0], body[0], 'name:巡视组');
        break;
      }
    }
  const first = doc.paragraphs.find((p) => read(p.index) && p.text.trim());
  if (!out.planTitle && first) {
    const lead = /^[\s\u3000]*/.exec(first.text)![0].length;
    const text = first.text.slice(lead).replace(/[\s\u3000]+$/, '');
    out.planTitle = field(first, lead, text, text, 'first-line');
  }
  if (out.feedbackDate)
    out.baseYear = { ...out.feedbackDate, value: out.feedbackDate.value.slice(0, 4), rule: 'feedback-year' };
  else
    for (const p of doc.paragraphs) {
      const y = read(p.index) && /(19|20)\d{2}(?=年)/.exec(p.text);
      if (y) {
        out.baseYear = field(p, y.index, y[0], y[0], 'first-year');
        break;
      }
    }
  return out;
}

// “甘肃省委” is the committee of the Communist Party (中共甘肃省委), as plans name the inspected.
function partyCommittee(name: string): string {
  return /^[\u4e00-\u9fff]{2,8}[省市州县区]委$/.test(name) && !name.startsWith('中共') ? `中共${name}` : name;
}

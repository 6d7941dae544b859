// The outline of a rectification document: which paragraphs are categories (大类), aspects (方面),
// problems (问题) and measures (整改措施), read from the numbering of official documents and the
// words around it. Everything here is placed by paragraph and offset so the draft can say where
// each title came from.
import { LABEL_WORDS } from './labelled-fields';
import type { DocumentText } from './plan-draft';
import { enumeratorsIn, numberingOf, type Enumerator, type Numbering } from './outline-numbering';

// A slice of one paragraph; `start` is its offset in DocumentText.text.
export interface OutlineSpan {
  readonly paragraph: number;
  readonly start: number;
  readonly text: string;
}

// A title and the rule that found it (`quoted`, `heading`, `first-sentence`, …).
export interface OutlineTitle extends OutlineSpan {
  readonly rule: string;
}

export interface OutlineMeasure {
  readonly title: OutlineTitle;
  // The step's text without its enumerator, one span per paragraph.
  readonly method: readonly OutlineSpan[];
  // The field lines (牵头领导：… 完成时限：…) written under this measure.
  readonly fieldLines: readonly OutlineSpan[];
  // `numbering:（1）`, `enumeration:一是`, `enumeration:一方面`, `paragraph`.
  readonly rule: string;
}

export interface OutlineProblem {
  readonly title: OutlineTitle;
  // The problem's own text before its first step (intro, 整改目标 …), heading included.
  readonly own: readonly OutlineSpan[];
  // The intro when it analyses causes (see ROOT_CAUSE), else undefined.
  readonly rootCause?: OutlineSpan;
  // Field lines that apply to every measure of the problem.
  readonly fieldLines: readonly OutlineSpan[];
  // Empty: the problem is listed without steps (a feedback opinion); the draft holds a placeholder.
  readonly measures: readonly OutlineMeasure[];
}

export interface OutlineAspect {
  readonly title: OutlineTitle;
  readonly problems: OutlineProblem[];
}

export interface OutlineCategory {
  // null: the document has no level above its problems; the draft holds a placeholder.
  readonly title: OutlineTitle | null;
  // false: the category holds its problems directly (one aspect, its own title).
  readonly hasAspects: boolean;
  readonly aspects: OutlineAspect[];
}

export interface Outline {
  readonly categories: readonly OutlineCategory[];
  // Paragraph indices of a body repeated later in the document (read once).
  readonly repeated: { readonly from: number; readonly to: number; readonly of: number } | null;
}

interface Node {
  readonly numbering: Numbering;
  readonly paragraph: number;
  readonly parent: Node | null;
  readonly children: Node[];
  // Paragraphs without a number that follow this heading, before its first child.
  readonly body: number[];
  // Paragraphs after children started (rare: text after the last child).
  readonly after: number[];
}

// Field lines, recognised so they are kept apart from the steps' text: the field reader's labels
// (labelled-fields.ts), which also reads their values. `整改措施：` opens steps and is not a field line.
const FIELD_WORDS = Object.entries(LABEL_WORDS)
  .filter(([label]) => label !== 'method')
  .flatMap(([, words]) => words)
  .sort((a, b) => b.length - a.length);
const FIELD_LINE = new RegExp(`^[\\s\\u3000]*(?:${FIELD_WORDS.join('|')})\\s*[：:]`);
const MEASURES_LABEL = /^[\s\u3000]*(?:整改措施|具体措施|措施)\s*[：:]\s*/;

// Sections of a plan or bulletin that hold no problems (指导思想, 组织领导, 保障措施, 下一步打算 …).
const NOT_PROBLEMS =
  /指导思想|总体要求|基本原则|工作原则|组织领导|保障措施|工作要求|下一步|工作目标|整改目标|主要目标|工作安排|步骤安排|进度安排/;
// A heading over the problem list itself (问题清单及整改措施): a container, not a category.
const PROBLEM_LIST = /问题清单|主要问题|存在的问题|反馈(?:的)?问题|问题及|具体问题|整改任务|整改事项/;
// `关于“…”的问题`, `针对“…”的问题`: a heading that names a problem (or, above 问题N, an aspect).
const ABOUT_PROBLEM = /^(?:关于|针对)?[“"「『]([^]+)[”"」』]的?问题/;
// An intro that analyses causes (原因, 根源, a shortfall admitted: 还不够, 有待加强) is the root cause;
// one that only says who handles the problem (省委高度重视…直接抓) is not.
const ROOT_CAUSE =
  /原因|根源|根子|症结|究其|深层次|(?:还|仍)(?:不够|不足|有待|存在)|有待(?:加强|提高|改进|提升)|差距/;

// `declaredCategories`: the number of categories the document says it has (4大类), if it says.
export function readOutline(doc: DocumentText, declaredCategories?: number): Outline | null {
  const repeated = repeatedBody(doc);
  const skip = (i: number) => repeated !== null && i >= repeated.from && i <= repeated.to;
  const roots = outlineTree(doc, skip);
  const all = walk(roots);
  const sectionOf = (n: Node): Node => (n.parent ? sectionOf(n.parent) : n);
  const heading = (n: Node) => doc.paragraphs[n.paragraph].text.slice(n.numbering.length);
  const inProblemPart = (n: Node) => !NOT_PROBLEMS.test(firstSentence(heading(sectionOf(n))));

  let problems = all.filter((n) => n.numbering.style === 'problem');
  if (!problems.length) {
    problems = all.filter((n) => ABOUT_PROBLEM.test(heading(n).trim()) && inProblemPart(n));
  }
  if (!problems.length) {
    const sections = roots.filter((n) => /问题/.test(heading(n)) && inProblemPart(n));
    // The items of a problem list are its leaves; （1） and ① under an item number its measures.
    problems = sections.flatMap((s) =>
      walk(s.children)
        .filter((n) => !n.children.length)
        .map((n) =>
          n.parent !== s && ['arabic-paren', 'circled'].includes(n.numbering.style) ? n.parent! : n,
        )
        .filter((n, i, all) => all.indexOf(n) === i),
    );
  }
  if (!problems.length) return null;

  // Two headings above the problems are a category and an aspect, unless the upper one is a
  // section of the document over the whole list: named so (问题清单及整改措施), or the one heading
  // over several, when the document does not declare a single category (or declares as many
  // categories as there are headings below it).
  const chains = problems.map(ancestors);
  const distinct = (nodes: Node[]) => nodes.filter((n, i) => nodes.indexOf(n) === i);
  const twoAbove = chains.every((c) => c.length === 2);
  const uppers = twoAbove ? distinct(chains.map((c) => c[0])).length : 0;
  const lowers = twoAbove ? distinct(chains.map((c) => c[1])).length : 0;
  const overAll =
    twoAbove &&
    declaredCategories !== uppers &&
    (declaredCategories === lowers || (uppers === 1 && lowers > 1));
  const isSection = (chain: Node[]) =>
    chain.length === 2 && (overAll || PROBLEM_LIST.test(heading(chain[0])));

  const categories: OutlineCategory[] = [];
  const byNode = new Map<Node | null, OutlineCategory>();
  const aspectsByNode = new Map<Node, OutlineAspect>();
  for (const [k, node] of problems.entries()) {
    const chain = chains[k];
    let categoryNode: Node | null = null;
    let aspectNode: Node | null = null;
    if (chain.length >= 2 && !isSection(chain)) {
      categoryNode = chain[chain.length - 2];
      aspectNode = chain[chain.length - 1];
    } else if (chain.length >= 1) categoryNode = chain[chain.length - 1];
    let category = byNode.get(categoryNode);
    if (!category) {
      category = {
        title: categoryNode ? titleOf(doc, categoryNode) : null,
        hasAspects: aspectNode !== null,
        aspects: [],
      };
      byNode.set(categoryNode, category);
      categories.push(category);
    }
    const aspectKey = aspectNode ?? categoryNode ?? node;
    let aspect = aspectsByNode.get(aspectKey);
    if (!aspect) {
      aspect = {
        title: aspectNode ? titleOf(doc, aspectNode) : (category.title ?? titleOf(doc, node)),
        problems: [],
      };
      aspectsByNode.set(aspectKey, aspect);
      category.aspects.push(aspect);
    }
    aspect.problems.push(problemOf(doc, node));
  }
  return { categories, repeated };
}

// A body repeated later in the document (a web page scraped twice): the first run of at least
// three paragraphs and REPEATED_BODY_CHARS characters equal to earlier ones (spaces around them
// aside), in the same order and starting with one of 20 characters or more, is read once. Shorter
// runs repeat by design: two measures may carry the very same field lines (牵头领导…完成时限…).
const REPEATED_BODY_CHARS = 500;
function repeatedBody(doc: DocumentText): Outline['repeated'] {
  const first = new Map<string, number>();
  // Compared without surrounding spaces: a copy may be indented differently.
  const ps = doc.paragraphs.map((p) => p.text.trim());
  for (let i = 0; i < ps.length; i++) {
    const j = first.get(ps[i]);
    if (j !== undefined && ps[i].length >= 20) {
      let k = 0;
      let chars = 0;
      while (i + k < ps.length && j + k < i && ps[i + k] === ps[j + k]) chars += ps[i + k++].length;
      if (k >= 3 && chars >= REPEATED_BODY_CHARS) return { from: i, to: i + k - 1, of: j };
    }
    if (!first.has(ps[i])) first.set(ps[i], i);
  }
  return null;
}

// Headings nest by style: a style already open is a sibling (closing what was opened under it),
// a new style opens a level below. This is how official documents are read by eye.
function outlineTree(doc: DocumentText, skip: (i: number) => boolean): Node[] {
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const p of doc.paragraphs) {
    if (skip(p.index)) continue;
    let numbering = numberingOf(p.text);
    // ①…②… in one paragraph is an enumeration of steps, not a heading.
    if (numbering?.style === 'circled' && /[①-⑳]/.test(p.text.slice(numbering.length))) numbering = null;
    if (!numbering) {
      const top = stack[stack.length - 1];
      if (top) (top.children.length ? top.after : top.body).push(p.index);
      continue;
    }
    const open = stack.findIndex((n) => n.numbering.style === numbering.style);
    if (open >= 0) stack.length = open;
    const parent = stack[stack.length - 1] ?? null;
    const node: Node = { numbering, paragraph: p.index, parent, children: [], body: [], after: [] };
    (parent ? parent.children : roots).push(node);
    stack.push(node);
  }
  return roots;
}

function walk(nodes: readonly Node[]): Node[] {
  return nodes.flatMap((n) => [n, ...walk(n.children)]);
}

function ancestors(n: Node): Node[] {
  return n.parent ? [...ancestors(n.parent), n.parent] : [];
}

function firstSentence(text: string): string {
  const end = text.search(/[。；;！!？?]/);
  return end >= 0 ? text.slice(0, end) : text;
}

// A heading's title: the quoted words of `关于“…”的问题` / `问题1“…”整改情况`, else the heading's
// first sentence without its number and closing punctuation.
function titleOf(doc: DocumentText, node: Node): OutlineTitle {
  const p = doc.paragraphs[node.paragraph];
  const text = p.text.slice(node.numbering.length);
  const base = p.start + node.numbering.length;
  const quoted = /^(?:关于|针对)?[“"「『]([^]+)[”"」』](?:的?问题|整改情况|整改落实情况|方面)/.exec(text);
  if (quoted) {
    const at = text.indexOf(quoted[1]);
    return {
      paragraph: p.index,
      start: base + at,
      text: quoted[1],
      rule: `quoted:${node.numbering.written}`,
    };
  }
  const lead = /^[\s\u3000：:]*/.exec(text)![0].length;
  const sentence = firstSentence(text.slice(lead)).replace(/[\s\u3000：:，,]+$/, '');
  return {
    paragraph: p.index,
    start: base + lead,
    text: sentence,
    rule: `heading:${node.numbering.written}`,
  };
}

function span(doc: DocumentText, paragraph: number, from = 0, to?: number): OutlineSpan {
  const p = doc.paragraphs[paragraph];
  return { paragraph, start: p.start + from, text: p.text.slice(from, to) };
}

function isFieldLine(doc: DocumentText, i: number): boolean {
  return FIELD_LINE.test(doc.paragraphs[i].text);
}

function problemOf(doc: DocumentText, node: Node): OutlineProblem {
  const title = titleOf(doc, node);
  const headingRest = span(doc, node.paragraph, node.numbering.length);
  const body = [...node.body, ...node.after];
  if (node.children.length) {
    // Numbered steps under the problem: （1）（2）… Field lines written once, after the last step
    // only, apply to all the steps.
    const measures = node.children.map((c) => measureOfNode(doc, c));
    const withFields = measures.filter((m) => m.fieldLines.length);
    const shared =
      withFields.length === 1 && measures.length > 1 && measures[measures.length - 1].fieldLines.length;
    const fieldLines = [
      ...node.body.filter((i) => isFieldLine(doc, i)).map((i) => span(doc, i)),
      ...(shared ? measures[measures.length - 1].fieldLines : []),
    ];
    return {
      title,
      own: [headingRest, ...node.body.filter((i) => !isFieldLine(doc, i)).map((i) => span(doc, i))],
      fieldLines,
      measures: shared ? measures.map((m) => ({ ...m, fieldLines: [] })) : measures,
      rootCause: rootCause(
        doc,
        node.body.filter((i) => !isFieldLine(doc, i)),
      ),
    };
  }
  const fieldLines = body.filter((i) => isFieldLine(doc, i)).map((i) => span(doc, i));
  const text = body.filter((i) => !isFieldLine(doc, i)).map((i) => stepText(doc, i));
  const steps = stepsOf(text);
  const intro = steps.intro;
  return {
    title,
    own: [headingRest, ...intro],
    fieldLines,
    measures: steps.measures,
    rootCause: intro.length === 1 && ROOT_CAUSE.test(intro[0].text) ? intro[0] : undefined,
  };
}

function rootCause(doc: DocumentText, paragraphs: readonly number[]): OutlineSpan | undefined {
  const intro = paragraphs.map((i) => stepText(doc, i)).filter((s) => s.text.trim());
  return intro.length === 1 && ROOT_CAUSE.test(intro[0].text) ? intro[0] : undefined;
}

// A paragraph's text without a leading `整改措施：`.
function stepText(doc: DocumentText, i: number): OutlineSpan {
  const m = MEASURES_LABEL.exec(doc.paragraphs[i].text);
  return span(doc, i, m ? m[0].length : 0);
}

function measureOfNode(doc: DocumentText, node: Node): OutlineMeasure {
  const paragraphs = [
    node.paragraph,
    ...node.body,
    ...walk(node.children).flatMap((c) => [c.paragraph, ...c.body]),
    ...node.after,
  ];
  const method = paragraphs
    .filter((i) => i === node.paragraph || !isFieldLine(doc, i))
    .map((i) => (i === node.paragraph ? span(doc, i, node.numbering.length) : span(doc, i)))
    .filter((s) => s.text.trim());
  return {
    title: sentenceTitle(
      method[0] ?? span(doc, node.paragraph, node.numbering.length),
      `first-sentence:${node.numbering.written}`,
    ),
    method,
    fieldLines: paragraphs
      .filter((i) => i !== node.paragraph && isFieldLine(doc, i))
      .map((i) => span(doc, i)),
    rule: `numbering:${node.numbering.written}`,
  };
}

// What a step answers, written before what it does (针对巡视指出的“…”问题，): not the title.
const ANSWERING = /^[\s\u3000]*针对(?:巡视|巡察)[^。；;]{0,200}?问题[”"]?[，,]\s*/;

// A measure's title: its first sentence, at most 200 characters, without the clause naming the
// finding it answers (the problem's title says that already).
function sentenceTitle(s: OutlineSpan, rule: string): OutlineTitle {
  const answering = ANSWERING.exec(s.text);
  const lead =
    answering && answering[0].length < firstSentence(s.text).length
      ? answering[0].length
      : /^[\s\u3000]*/.exec(s.text)![0].length;
  const text = firstSentence(s.text.slice(lead))
    .replace(/[\s\u3000，,：:]+$/, '')
    .slice(0, 200);
  return { paragraph: s.paragraph, start: s.start + lead, text, rule };
}

// Steps of a problem written in its paragraphs: 一是…二是… (each at a paragraph's or sentence's
// start, in order), else ①②…, else 一方面…另一方面…, else each paragraph one step. Text before the
// first step is the problem's intro.
function stepsOf(paragraphs: readonly OutlineSpan[]): { intro: OutlineSpan[]; measures: OutlineMeasure[] } {
  for (const kind of ['shi', 'circled', 'paren', 'fangmian'] as const) {
    const found = paragraphs.flatMap((s) => enumeratorsIn(s.text, kind).map((e) => ({ s, e })));
    const ordered = found.filter((f, i) => f.e.ordinal === (kind === 'fangmian' ? (i % 2) + 1 : i + 1));
    if (ordered.length < 2 || ordered.length !== found.length) continue;
    const intro: OutlineSpan[] = [];
    const measures: { method: OutlineSpan[]; e: Enumerator }[] = [];
    for (const s of paragraphs) {
      const here = ordered.filter((f) => f.s === s);
      const firstAt = here.length ? here[0].e.at : s.text.length;
      const before = s.text.slice(0, firstAt);
      if (before.trim()) {
        const piece = { paragraph: s.paragraph, start: s.start, text: before };
        if (measures.length && !here.length) measures[measures.length - 1].method.push(piece);
        else if (!measures.length) intro.push(piece);
        else measures[measures.length - 1].method.push(piece);
      }
      here.forEach((f, k) => {
        const end = k + 1 < here.length ? here[k + 1].e.at : s.text.length;
        measures.push({
          e: f.e,
          method: [
            { paragraph: s.paragraph, start: s.start + f.e.textAt, text: s.text.slice(f.e.textAt, end) },
          ],
        });
      });
    }
    return {
      intro,
      measures: measures.map(({ method, e }) => ({
        title: sentenceTitle(method[0], `first-sentence:${e.written}`),
        method,
        fieldLines: [],
        rule: `enumeration:${e.written.replace(/[，,：:]$/, '')}`,
      })),
    };
  }
  const kept = paragraphs.filter((s) => s.text.trim());
  return {
    intro: [],
    measures: kept.map((s) => ({
      title: sentenceTitle(s, 'first-sentence'),
      method: [s],
      fieldLines: [],
      rule: 'paragraph',
    })),
  };
}

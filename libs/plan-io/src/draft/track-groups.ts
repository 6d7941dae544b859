// Group sentences that give problems their tracks, as bulletins write them: “针对巡视指出的、能够当下改的,
// 如……等7个问题,立行立改” / “需要健全完善常态化工作机制的,如……等12个问题” / “针对……等11个问题,…实施固强补弱
// 冲刺清零行动”. The words outside the list say the track; the listed phrases are matched to problem
// and aspect titles (a listed aspect covers its problems); the count is a declared total.
import type { Track } from '../../../domain/src/track';
import type { OutlineSpan } from './outline-reader';
import type { DocumentText } from './plan-draft';

export interface TrackGroup {
  readonly track: Track;
  readonly count: number;
  // The words that decided the track, e.g. `当下改`.
  readonly qualifier: string;
  // `等7个问题`, placed: the declared count.
  readonly counted: OutlineSpan;
  // The listed phrases, each placed.
  readonly phrases: readonly OutlineSpan[];
}

// Words that qualify a group, by track. The words before the list decide; else the first after it.
// 攻坚 alone is not one of them: 脱贫攻坚 is a subject, not a way of working.
const QUALIFIERS: readonly (readonly [Track, RegExp])[] = [
  ['immediate', /当下改|立行立改|即知即改|立即整改|马上就改|立改立行/],
  ['mechanism', /常态化|长效机制|长效化|工作机制|制度机制|建章立制/],
  ['long_term', /长期改|需要长期|长期坚持|久久为功|固强补弱|冲刺清零|攻坚行动|持续整改|分阶段/],
  ['referral', /移交|问题线索/],
];

const COUNTED = /等\s*(\d+)\s*个(?:问题|方面)/g;
// Where the list starts: after `如`, else after `针对巡视指出的`.
const LIST_START = /[，,、]\s*如|针对(?:巡视|巡察)?(?:组)?(?:反馈|指出|发现)?(?:的)?[、，,]?/g;

export function readTrackGroups(doc: DocumentText, read: (paragraph: number) => boolean): TrackGroup[] {
  const groups: TrackGroup[] = [];
  for (const p of doc.paragraphs) {
    if (!read(p.index)) continue;
    for (const sentence of sentences(p.text)) {
      for (const m of sentence.text.matchAll(COUNTED)) {
        const countAt = m.index;
        const prefix = sentence.text.slice(0, countAt);
        let listFrom = 0;
        for (const s of prefix.matchAll(LIST_START)) listFrom = s.index + s[0].length;
        const before = prefix.slice(0, listFrom);
        const after = sentence.text.slice(countAt + m[0].length);
        const qualifier = firstQualifier(before) ?? firstQualifier(after);
        if (!qualifier) continue;
        const listStart = p.start + sentence.at + listFrom;
        groups.push({
          track: qualifier.track,
          count: Number(m[1]),
          qualifier: qualifier.words,
          counted: { paragraph: p.index, start: p.start + sentence.at + countAt, text: m[0] },
          phrases: phrasesOf({ paragraph: p.index, start: listStart, text: prefix.slice(listFrom) }),
        });
      }
    }
  }
  return groups;
}

function sentences(text: string): { at: number; text: string }[] {
  return [...text.matchAll(/[^。；;！!？?]+[。；;！!？?]?/g)].map((m) => ({ at: m.index, text: m[0] }));
}

function firstQualifier(text: string): { track: Track; words: string } | null {
  let best: { track: Track; words: string; at: number } | null = null;
  for (const [track, re] of QUALIFIERS) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.at)) best = { track, words: m[0], at: m.index };
  }
  return best && { track: best.track, words: best.words };
}

// The list split at commas and `以及`; `、` stays inside a phrase (titles use it themselves).
function phrasesOf(list: OutlineSpan): OutlineSpan[] {
  const out: OutlineSpan[] = [];
  for (const m of list.text.matchAll(/[^，,；;]+/g)) {
    const lead = /^\s*(?:以及|及|和)?/.exec(m[0])![0].length;
    const text = m[0].slice(lead);
    if (normaliseTitle(text).length >= 2)
      out.push({ paragraph: list.paragraph, start: list.start + m.index + lead, text });
  }
  return out;
}

// Titles compared without punctuation, spaces, quotes and brackets of any width.
export function normaliseTitle(text: string): string {
  return text.replace(/[\s\p{P}\p{S}]/gu, '');
}

// A text's character bigrams, counted, for Dice coefficients.
export interface Bigrams {
  readonly count: number;
  readonly grams: ReadonlyMap<string, number>;
}
export function bigramsOf(normalised: string): Bigrams {
  const grams = new Map<string, number>();
  for (let i = 0; i + 1 < normalised.length; i++) {
    const g = normalised.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return { count: Math.max(normalised.length - 1, 0), grams };
}

function dice(a: Bigrams, b: Bigrams): number {
  if (a.count + b.count === 0) return 0;
  let common = 0;
  for (const [g, n] of a.grams) common += Math.min(n, b.grams.get(g) ?? 0);
  return (2 * common) / (a.count + b.count);
}

// Character-bigram Dice coefficient of two normalised texts.
export function bigramDice(a: string, b: string): number {
  if (a === b) return 1;
  return dice(bigramsOf(a), bigramsOf(b));
}

// A title as phrases are matched against it: the whole title and each clause of four characters
// or more (a list often quotes only the first clause of a long title). Prepared once per title.
export function titleForms(title: string): readonly Bigrams[] {
  const clauses = title
    .split(/[，,；;]/)
    .map(normaliseTitle)
    .filter((c) => c.length >= 4);
  return [normaliseTitle(title), ...clauses].map(bigramsOf);
}

// How well a listed phrase names a title: the best Dice coefficient with one of its forms.
export function formsMatch(phrase: Bigrams, forms: readonly Bigrams[]): number {
  return Math.max(0, ...forms.map((f) => dice(phrase, f)));
}

export function phraseMatch(phrase: string, title: string): number {
  return formsMatch(bigramsOf(normaliseTitle(phrase)), titleForms(title));
}

// A phrase names a title when the match reaches this: half the bigrams shared.
export const PHRASE_MATCH = 0.5;

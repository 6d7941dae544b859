// Each problem's track, in order of evidence: a group sentence that names it (or its aspect), then
// the phrases of its own text, then, when the declared group counts leave room, the count itself.
import type { Track } from '../../../domain/src/track';
import type { DraftConfidence } from './plan-draft';
import {
  bigramsOf,
  formsMatch,
  normaliseTitle,
  PHRASE_MATCH,
  titleForms,
  type Bigrams,
  type TrackGroup,
} from './track-groups';

// Where a reading was made: offsets in DocumentText.text.
export interface Placed {
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
}

export interface TrackedProblem {
  readonly title: string;
  readonly aspectTitle: string | null;
  // The track the problem's own words suggest (the field reader's `track`), if any.
  readonly byText?: { readonly track: Track; readonly at: Placed; readonly confidence: DraftConfidence };
}

export interface TrackReading {
  readonly track: Track;
  readonly confidence: DraftConfidence;
  readonly rule: string;
  readonly at: Placed | null;
  readonly note?: string;
}

// Without any evidence: the mechanism track, whose default deadline is the base year's end.
export const DEFAULT_TRACK: Track = 'mechanism';

export function assignTracks(
  problems: readonly TrackedProblem[],
  groups: readonly TrackGroup[],
): { readings: TrackReading[]; warnings: string[] } {
  const readings: (TrackReading | null)[] = problems.map(() => null);
  const titles = problems.map((p) => titleForms(p.title));
  const aspects = problems.map((p) => (p.aspectTitle === null ? [] : titleForms(p.aspectTitle)));
  const matched = new Map<string, ReturnType<typeof namedBy>>();
  const warnings: string[] = [];
  for (const group of groups)
    for (const phrase of group.phrases) {
      const key = normaliseTitle(phrase.text);
      // A phrase repeated (a body read twice elsewhere, a list quoted again) is matched once.
      const named = matched.get(key) ?? namedBy(titles, aspects, bigramsOf(key));
      matched.set(key, named);
      for (const i of named.indices) {
        const r = readings[i];
        if (r && r.track !== group.track) {
          warnings.push(
            `problem “${problems[i].title}” is named by the ${r.track} and the ${group.track} groups; the first is kept`,
          );
          continue;
        }
        if (r) continue;
        readings[i] = {
          track: group.track,
          confidence: named.score === 1 ? 'high' : 'medium',
          rule: named.viaAspect ? 'track-group:aspect' : 'track-group:phrase',
          at: { paragraph: phrase.paragraph, start: phrase.start, end: phrase.start + phrase.text.length },
          note: `listed in the group “${group.qualifier}…${group.counted.text}”`,
        };
      }
    }
  if (groups.length) {
    const room = new Map<Track, number>();
    for (const g of groups) room.set(g.track, (room.get(g.track) ?? 0) + g.count);
    for (const r of readings) if (r) room.set(r.track, (room.get(r.track) ?? 0) - 1);
    const left = () => [...room].filter(([, n]) => n > 0).map(([t]) => t);
    // Problems no list names: by their own words where that track has room …
    problems.forEach((p, i) => {
      if (readings[i] || !p.byText || (room.get(p.byText.track) ?? 0) <= 0) return;
      readings[i] = {
        track: p.byText.track,
        confidence: 'low',
        rule: 'track-group:leftover-by-text',
        at: p.byText.at,
        note: 'named by no group list; its own words, and the group counts leave room',
      };
      room.set(p.byText.track, room.get(p.byText.track)! - 1);
    });
    // … then to the one group the counts leave room in.
    problems.forEach((_p, i) => {
      const open = left();
      if (readings[i] || open.length !== 1) return;
      readings[i] = {
        track: open[0],
        confidence: 'low',
        rule: 'track-group:leftover-by-count',
        at: null,
        note: `named by no group list; the declared counts leave room only in ${open[0]}`,
      };
      room.set(open[0], room.get(open[0])! - 1);
    });
  }
  return {
    readings: readings.map(
      (r, i) =>
        r ??
        (problems[i].byText
          ? {
              track: problems[i].byText!.track,
              confidence: problems[i].byText!.confidence,
              rule: 'track-phrase',
              at: problems[i].byText!.at,
            }
          : {
              track: DEFAULT_TRACK,
              confidence: 'low',
              rule: 'default:track',
              at: null,
              note: 'the document says nothing of this problem’s track',
            }),
    ),
    warnings,
  };
}

// Problems a phrase names: those whose title it matches, else all problems of an aspect whose
// title it matches.
function namedBy(
  titles: readonly (readonly Bigrams[])[],
  aspects: readonly (readonly Bigrams[])[],
  phrase: Bigrams,
): { indices: number[]; score: number; viaAspect: boolean } {
  const scored = titles.map((t) => formsMatch(phrase, t));
  const indices = scored.flatMap((s, i) => (s >= PHRASE_MATCH ? [i] : []));
  if (indices.length) return { indices, score: Math.max(...indices.map((i) => scored[i])), viaAspect: false };
  const byAspect = aspects.map((a) => formsMatch(phrase, a));
  const viaAspect = byAspect.flatMap((s, i) => (s >= PHRASE_MATCH ? [i] : []));
  return { indices: viaAspect, score: Math.max(0, ...viaAspect.map((i) => byAspect[i])), viaAspect: true };
}

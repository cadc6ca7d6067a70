/**
 * Anchors for timeline entries and action items, so that runbooks and tickets can deep-link to one
 * line of a postmortem (`/postmortems/<id>/#t-1415-engineers-hypothesize`).
 *
 * An anchor is derived from the item's own content, never from its position: inserting, removing
 * or editing another entry leaves it unchanged. Timeline entries: `t-` + the wall-clock time in
 * the incident's zone (`HHMM`) + a slug of the first words of the event; an untimed entry gets the
 * slug alone (with more words). Action items: `a-` + a slug of the title. When two items of one
 * postmortem would get the same anchor, the later ones get `-2`, `-3`… in document order.
 *
 * Pure: no Astro imports.
 */
import { wallClockParts } from './time.ts';

/** Words that carry no meaning in a slug. */
const STOP_WORDS = new Set(
  'a an and are as at be been but by for from has have in into is it its of on or our so that the their then this to via was we were which with'.split(' '),
);

/** Words used in the slug of a timed entry, an untimed entry and an action item. */
export const SLUG_WORDS = { timed: 2, untimed: 4, action: 4 } as const;
const MAX_SLUG_LENGTH = 40;

/** 32-bit FNV-1a of a string, in base 36: a short stable fallback for text without latin words. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0');
}

/**
 * A short slug of the first meaningful words of `text`: lowercase ASCII letters and digits joined
 * by hyphens (accents dropped, stop words skipped unless there is nothing else). Text with no
 * latin letters or digits at all gets a hash of the text instead, so the slug is never empty.
 */
export function slugOf(text: string, maxWords: number): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (!words.length) return `x${shortHash(text.trim())}`;
  const meaningful = words.filter((w) => !STOP_WORDS.has(w));
  let slug = '';
  for (const word of (meaningful.length ? meaningful : words).slice(0, maxWords)) {
    const next = slug ? `${slug}-${word}` : word;
    if (slug && next.length > MAX_SLUG_LENGTH) break;
    slug = next.slice(0, MAX_SLUG_LENGTH);
  }
  return slug;
}

/** Makes every anchor unique: the first keeps its form, later copies get `-2`, `-3`… */
export function dedupeAnchors(anchors: readonly string[]): string[] {
  const used = new Set<string>();
  return anchors.map((anchor) => {
    let candidate = anchor;
    for (let n = 2; used.has(candidate); n++) candidate = `${anchor}-${n}`;
    used.add(candidate);
    return candidate;
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The anchor of one timeline entry before de-duplication. */
export function timelineAnchor(entry: { at?: Date; event: string }, zone: string): string {
  if (!entry.at) return `t-${slugOf(entry.event, SLUG_WORDS.untimed)}`;
  const { hour, minute } = wallClockParts(entry.at, zone);
  return `t-${pad(hour)}${pad(minute)}-${slugOf(entry.event, SLUG_WORDS.timed)}`;
}

/** Anchors for a whole timeline, in order, unique within it. */
export function timelineAnchors(timeline: readonly { at?: Date; event: string }[], zone: string): string[] {
  return dedupeAnchors(timeline.map((entry) => timelineAnchor(entry, zone)));
}

/** Anchors for a postmortem's action items, in order, unique among them. */
export function actionAnchors(actions: readonly { title: string }[]): string[] {
  return dedupeAnchors(actions.map((action) => `a-${slugOf(action.title, SLUG_WORDS.action)}`));
}

/** The fixed section anchors of the format (docs/format.md): stable whatever the heading text. */
export const SECTION_ANCHORS = ['summary', 'impact', 'timeline', 'root-cause', 'resolution', 'actions', 'lessons'] as const;

/**
 * Text helpers shared by the importer: source normalisation, Markdown to plain text for
 * front-matter fields, sentences, slugs.
 */
import { slugify as siteSlug } from '../site/catalog.ts';

/**
 * Normalises a legacy document before parsing: BOM, CRLF, no-break spaces, the Unicode hyphens
 * and minus signs word processors put into dates and offsets (`2025‑05‑20`, `UTC−4`).
 */
export function normalizeSource(source: string): string {
  return source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00A0\u202F\u2007]/g, ' ')
    .replace(/[\u2010\u2011\u2212]/g, '-')
    .replace(/[\u200B\u2060]/g, '');
}

/** Emoji, with their variation selectors, joiners and skin tones. */
export const EMOJI = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{20E3}\u{1F3FB}-\u{1F3FF}\u{1F1E6}-\u{1F1FF}]/gu;

export const stripEmoji = (text: string) => text.replace(EMOJI, '').replace(/\s{2,}/g, ' ').trim();

/** Collapses runs of whitespace to one space. */
export const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Inline Markdown to plain text, for front-matter strings (which the page shows as text):
 * emphasis and code markers go, links keep their text and address, `<br>` becomes a space,
 * backslash escapes are undone. Everything else (including `<script>` and `{}`) stays as written.
 */
export function plainText(markdown: string): string {
  let text = markdown
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g, (_, alt: string, src: string) => (alt ? `${alt} (${src})` : src))
    .replace(/\[([^\]]+)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g, (_, label: string, url: string) =>
      !url || label.trim() === url.trim() ? label : `${label} (${url})`,
    )
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
    .replace(/`+([^`]+?)`+/g, '$1');
  // Emphasis, innermost first; `snake_case` and `2 * 3` survive because delimiters must hug text.
  for (let i = 0; i < 2; i++) {
    text = text
      .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
      .replace(/(?<![\w*\\])\*(?=[^\s*])([^*\n]*?[^\s*\\])\*(?![\w*])/g, '$1')
      .replace(/(?<![\w_\\])_(?=[^\s_])([^_\n]*?[^\s_\\])_(?![\w_])/g, '$1')
      .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1');
  }
  return squash(text.replace(/\\([!-/:-@[-`{-~])/g, '$1'));
}

/** Ends a sentence-like fragment with a full stop when it has no closing punctuation. */
export function asSentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  return /[.!?…:;)"'”’\]]$/.test(t) || /\p{Extended_Pictographic}$/u.test(t) ? t : `${t}.`;
}

/** Splits prose into sentences (good enough for summaries: it never drops text). */
export function sentences(text: string): string[] {
  const parts = squash(text).split(/(?<=[.!?…]["'”’)\]]*)\s+(?=[\p{Lu}\p{N}"“'‘(\[\p{Extended_Pictographic}])/u);
  const out: string[] = [];
  for (const part of parts) {
    const s = part.trim();
    if (!s) continue;
    // Re-join splits after abbreviations ("approx. 80%", "e.g. The", "Jun. 5").
    const prev = out[out.length - 1];
    if (prev && /\b(?:approx|e\.g|i\.e|vs|etc|ca|no|dr|mr|ms|st|inc|ltd|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.$/i.test(prev)) {
      out[out.length - 1] = `${prev} ${s}`;
    } else out.push(s);
  }
  return out;
}

/** The first sentence, or the first `max` characters cut at a word boundary. */
export function firstSentence(text: string): string {
  return sentences(text)[0] ?? squash(text);
}

/** A short line cut at a word boundary. */
export function clip(text: string, max: number): string {
  const t = squash(text);
  if (t.length <= max) return t;
  const cut = t.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut.slice(0, max)).replace(/[\s,;:–—-]+$/, '');
}

/** An id fragment: the site's slug (catalog.ts), without emoji, cut at a hyphen to `maxLength`. */
export function slugify(text: string, maxLength = 60): string {
  const words = stripEmoji(text).replace(/&/g, ' and ');
  if (!/[\p{L}\p{N}]/u.test(words)) return '';
  const slug = siteSlug(words);
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength + 1);
  const dash = cut.lastIndexOf('-');
  return (dash > maxLength / 2 ? cut.slice(0, dash) : cut.slice(0, maxLength)).replace(/-+$/, '');
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), capped. Not
 * references.ts's levenshtein: heading typos are mostly swapped letters ("Cuase"), which cost
 * one here and two there.
 */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Nothing is lost: every word of every fixture's text appears in the imported file (front matter
 * or body). Exempt are the words that the format replaces by structure: section headings and
 * labels (the field is the heading), table headers, and date, time, zone, duration and severity
 * notation (the parsed value stands for it: "June 5, 2024, 14:00 UTC" → 2024-06-05T14:00:00Z), and
 * action status words (`DONE`, `won't fix` → `status`).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EXPECTED, HOSTILE } from '../../fixtures/import/expected.ts';
import { parseSections, walk } from '../../../src/lib/import/sections.ts';
import { normalizeSource } from '../../../src/lib/import/text.ts';
import { FIXTURES, importFixture, readFixture } from './helpers.ts';

const MONTHS = 'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec';
const DAYS = 'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun';
const ZONES = 'utc gmt ut z eat wat cat sast ist jst kst pst pdt pt est edt et cst cdt ct mst mdt mt cet cest eet eest wet west bst aest aedt hst akst msk sgt hkt';
const TIME_WORDS = 'am pm a m p h hrs hr hours hour min mins minutes minute days day th st nd rd sev p0 p1 p2 p3 p4 all times time are is in zone timezone';
// Status words of action items are replaced by their `status` field, like a date by its value.
const STATUS_WORDS = 'done fixed complete completed closed todo wontfix won t fix wip on';
const NOTATION = new Set(`${MONTHS} ${DAYS} ${ZONES} ${TIME_WORDS} ${STATUS_WORDS}`.split(' '));

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const decode = (text: string) =>
  text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\\"/g, '"');

/** Words of the source that must survive, with the line they are on. */
function wordsToKeep(source: string): { word: string; line: number }[] {
  const text = normalizeSource(source);
  const structure = new Set<string>();
  // Section headings and labels: their words are the structure the fields replace.
  const headingLines = new Set<number>();
  for (const s of walk(parseSections(text))) {
    for (const w of words(s.heading)) structure.add(`${s.line}:${w}`);
    if (s.shape !== 'label') headingLines.add(s.line);
    if (s.kind === 'timezone' && s.inline) for (const w of words(s.inline)) structure.add(`${s.line}:${w}`);
  }
  const lines = text.split('\n');
  const keep: { word: string; line: number }[] = [];
  lines.forEach((raw, i) => {
    const n = i + 1;
    // Table header rows and separators, front-matter keys and fences are structure too.
    if (/^\s*\|?\s*:?-{2,}/.test(raw) || /^\s*(?:---|```|~~~)/.test(raw) || headingLines.has(n)) return;
    if (lines[i + 1] && /^\s*\|?\s*:?-{3,}:?\s*\|/.test(lines[i + 1]!)) return;
    let line = raw.replace(/^\s*[\w-]+:(?=\s|$)/, (m) => (/^\s*(?:title|date|slug|author|authors|tags|severity|services|ticket|draft)\s*:/i.test(m) ? '' : m));
    // Markup: line breaks and checkboxes; entities mean their character, as in the output.
    line = decode(line.replace(/<br\s*\/?>/gi, ' ').replace(/^(\s*(?:[-*+]|\d+[.)])\s+)\[[ xX]\]/, '$1'));
    for (const word of words(line)) {
      if (NOTATION.has(word) || /^\d+(?:h\d+)?$/.test(word) || /^\d+(?:st|nd|rd|th|am|pm|h|m|z)$/.test(word) || /^sev\d$/.test(word)) continue;
      if (structure.has(`${n}:${word}`)) continue;
      keep.push({ word, line: n });
    }
  });
  return keep;
}

const fixtures = [
  ...Object.entries(EXPECTED).map(([name, e]) => ({ name, options: e.options })),
  ...Object.keys(HOSTILE).map((name) => ({ name: `hostile/${name}`, options: undefined })),
];

describe('nothing is lost', () => {
  it('checks every fixture', () => {
    expect(fixtures.length).toBe(readdirSync(FIXTURES).filter((f) => f.endsWith('.md')).length + readdirSync(join(FIXTURES, 'hostile')).length);
  });

  it('would notice a lost sentence', () => {
    const result = importFixture('01-seed-checkout-db.md');
    if (!result.ok) throw new Error(result.reason);
    const output = new Set(words(decode(result.mdx.replace('Remember, a little bit of humor', ''))));
    const missing = wordsToKeep(readFixture('01-seed-checkout-db.md')).filter(({ word }) => !output.has(word));
    expect(missing.map((m) => m.word)).toEqual(['remember', 'little', 'bit', 'humor']);
  });

  for (const { name, options } of fixtures) {
    it(`every word of ${name} is in the output`, () => {
      const result = importFixture(name, options);
      if (!result.ok) throw new Error(result.reason);
      const output = new Set(words(decode(result.mdx)));
      const missing = wordsToKeep(readFixture(name)).filter(({ word }) => !output.has(word));
      expect(missing.map(({ word, line }) => `${name}:${line}: ${word}`)).toEqual([]);
    });
  }
});

/**
 * Converts one legacy Markdown postmortem into a Hindsight postmortem (front matter + MDX body).
 *
 * Nothing is lost: what maps to a field goes there, everything else (a preamble, sections the
 * importer does not understand, notes in a timeline, tables in prose sections, front-matter keys
 * the format has no place for) is kept in the body under its own heading, escaped so that it
 * stays text. Values the importer had to guess are listed in `review` and make the status
 * `review`. Files that are not postmortems are refused with a reason.
 */
import { ALIAS_PATTERN, type PostmortemInput, type Severity, type CauseCategory } from '../format/schema.ts';
import { isoInZone } from '../format/time.ts';
import { splitBlocks, blockText, type SourceLine } from './markdown.ts';
import { addDays, findDates, findDurationInProse, findMoments, findProseRange, isoDate, parseDuration, toInstant, type CalendarDate, type Moment } from './dates.ts';
import { parseActions, type ParsedAction } from './actions.ts';
import {
  cleanTitle,
  GENERIC_TITLE,
  detectionMethod,
  findSeverityToken,
  guessCategory,
  guessServices,
  guessSeverity,
  impactFigures,
  mentionedServices,
  parseCategory,
  parseServices,
  parseSeverity,
  postmortemId,
  resolveServices,
  titleFromSummary,
} from './facts.ts';
import { refusalReason, shapeRefusal } from './refuse.ts';
import { blankComments, hiddenComments } from './comments.ts';
import { FACT_KINDS, parseSections, walk, type Section, type SectionKind } from './sections.ts';
import { asSentence, firstSentence, normalizeSource, plainText, sentences, squash } from './text.ts';
import { MARKERS, parseTimeline, resolveTimeline, sortEntries, zoneHint, type RawEntry } from './timeline.ts';
import { dstMismatch, parseZoneName, type ZoneRef } from './zones.ts';
import { renderPostmortem, type BodyPart } from './render.ts';
import { readLegacyFrontMatter } from './frontmatter.ts';

export interface ImportOptions {
  /** The source file's name: used for messages and as a last source of the date. */
  fileName?: string;
  /** Zone for times that state none (IANA name, abbreviation or offset). */
  timezone?: string;
  /** Read `05/06/2024` as 5 June. */
  dayFirst?: boolean;
  /** Service ids to use when the document names none. */
  services?: string[];
  /** The services `content/services/` defines: service names are matched against them. */
  knownServices?: { id: string; name?: string }[];
  /** "Now", for the year of dates written without one when nothing else says it. */
  now?: Date;
  /** Whether a relative image the document shows exists (next to the source file); without it, none does. */
  imageExists?: (src: string) => boolean;
  /** Service ids to rename (`--service-map old=new`), applied before they are checked. */
  serviceMap?: Record<string, string>;
}

export type ImportResult =
  | { ok: false; reason: string }
  | {
      ok: true;
      /** The postmortem id (file name without `.mdx`). */
      id: string;
      data: PostmortemInput & { review?: string[] };
      body: string;
      /** The whole file. */
      mdx: string;
      /** What to check before publishing (empty when nothing was guessed). */
      review: string[];
      /** Relative images the body now shows from `<id>/<name>` next to the postmortem: copy `src` there. */
      images: { src: string; name: string }[];
      /** Services that content/services/ does not define (empty when it defines none). */
      unknownServices: string[];
    };

const NOT_STATED = 'Not stated in the imported document.';
/** The fields a section holding both cause and fix ("Root cause and resolution") feeds. */
const COMBINED_PARTS: SectionKind[] = ['cause', 'resolution'];
/** Paragraphs of such a section that tell the fix. */
const FIXLIKE = /\b(?:fix(?:ed)?|resolv\w*|restor\w*|roll(?:ed)? ?back|revert\w*|correct\w*|restart\w*|patch\w*|mitigat\w*|recover\w*|redeploy\w*|adjust\w*)\b/i;
const PROSE_KINDS = new Set<SectionKind>(['summary', 'impact', 'cause', 'causeResolution', 'trigger', 'factors', 'resolution', 'detection', 'lessons', 'wentWell', 'wentWrong', 'lucky']);
/** Anchors the incident page already uses: body headings must not take them. */
const RESERVED_ANCHORS = new Set(['summary', 'impact', 'timeline', 'root-cause', 'resolution', 'actions', 'lessons', 'narrative', 'related', 'sources', 'incident-title']);

interface Prose {
  kind: SectionKind;
  /** Paragraphs and list items as plain text. */
  texts: string[];
  line: number;
  /** Under a summary section (`**Root cause:**` inside "Issue Summary"): a short version. */
  inSummary: boolean;
  section: Section;
  /** Heading depth in the body, should the section go there. */
  depth: number;
  /** Tables and code of the section, which go to the body. */
  rest: SourceLine[];
}

interface Fact {
  kind: SectionKind;
  heading: string;
  text: string;
  line: number;
  zone?: ZoneRef;
}

export function convertPostmortem(input: string, options: ImportOptions = {}): ImportResult {
  const source = normalizeSource(input);
  const shape = shapeRefusal(source);
  if (shape) return { ok: false, reason: shape };
  const review: string[] = [];
  const note = (text: string) => {
    if (!review.includes(text)) review.push(text);
  };
  const bodyParts: BodyPart[] = [];

  // Front matter the legacy file already has (Jekyll, Hugo, wiki exports).
  const fm = readLegacyFrontMatter(source);
  const { body, firstLine } = fm;
  if (fm.unparsed !== undefined) bodyParts.push({ line: 1, heading: 'Original front matter', code: fm.unparsed, lang: 'yaml' });
  const fmText = fm.text;
  const fmList = fm.list;
  const dateOptions = { dayFirst: Boolean(options.dayFirst) };

  // Facts that decide whether this is a postmortem at all.
  const textLines = body.split('\n');
  const allMoments = textLines.flatMap((l) => findMoments(l, dateOptions));
  const fileDate = options.fileName ? findDates(options.fileName.replace(/\.[^.]+$/, ''), dateOptions).find((d) => d.date.year) : undefined;
  const fmDateText = fmText('started', 'start', 'date', 'incidentdate');
  const fmMoments = fmDateText ? findMoments(fmDateText, dateOptions) : [];
  const hasDate = allMoments.some((m) => m.date) || fmMoments.some((m) => m.date) || Boolean(fileDate);
  const hasTime = allMoments.some((m) => m.time) || fmMoments.some((m) => m.time);
  const hasFullDate = allMoments.some((m) => m.date?.year) || fmMoments.some((m) => m.date?.year) || Boolean(fileDate);
  const refusal = refusalReason(body, { hasTime, hasDate, hasFullDate });
  if (refusal) return { ok: false, reason: refusal };

  // Sections, title and routing. Comments are hidden when the source is rendered and often
  // internal: they leave the text the fields are read from and stay in the body as MDX comments.
  const comments = hiddenComments(body);
  for (const c of comments) bodyParts.push({ line: c.line + firstLine - 1, comment: c.text });
  if (comments.length) note('body: the source has hidden comments (<!-- … -->), kept as MDX comments in the body; check them before publishing');
  const root = parseSections(comments.length ? blankComments(body, comments) : body, firstLine);
  const { title: headingTitle, sections: topSections } = leadingTitle(root);

  const prose: Prose[] = [];
  const facts: Fact[] = [];
  const timelineSections: Section[] = [];
  const actionSections: Section[] = [];
  const preamble = root.lines;

  const route = (section: Section, parentKind: SectionKind, depth: number) => {
    let kind = section.kind;
    if ((kind === 'unknown' || kind === 'title') && PROSE_KINDS.has(parentKind) && parentKind !== 'lessons') kind = parentKind;
    if (kind === 'timeline' || kind === 'actions') {
      // Facts inside a timeline or action list ("All times CET.") are facts, not entries.
      const pullFacts = (s: Section) => {
        s.children = s.children.filter((c) => (FACT_KINDS.has(c.kind) ? (route(c, kind, depth + 1), false) : (pullFacts(c), true)));
      };
      pullFacts(section);
      (kind === 'timeline' ? timelineSections : actionSections).push(section);
      return;
    }
    if (FACT_KINDS.has(kind)) {
      const text = [section.inline ?? '', ...section.lines.filter((l) => !l.code).map((l) => l.text)].join('\n').trim();
      facts.push({ kind, heading: section.heading, text, line: section.line });
      for (const child of section.children) route(child, parentKind, depth);
      return;
    }
    if (kind === 'unknown' || kind === 'title' || kind === 'lessons') {
      // Kept in the body under its own heading; known sections inside it still map to fields.
      bodyParts.push({ line: section.line, heading: section.heading, depth, markdown: linesText(section.lines, section.inline) });
      for (const child of section.children) route(child, 'unknown', depth + 1);
      return;
    }
    const { texts, rest } = proseOf(section.lines, section.inline);
    prose.push({ kind, texts, line: section.line, inSummary: parentKind === 'summary', section, depth, rest });
    for (const child of section.children) route(child, kind, depth + 1);
  };
  for (const section of topSections) route(section, 'root', 0);
  // A labelled paragraph in the summary ("Root cause: …", "**Impact**: …") feeds its field, like a
  // section with that heading. When the document also has that section, both are kept: the
  // section (the document's full statement) is the field, the summary's line stays in the body.
  const sectionKinds = new Set(prose.filter((p) => !p.inSummary && p.texts.length).map((p) => p.kind));
  const hasSection = (kind: SectionKind) => sectionKinds.has(kind) || (COMBINED_PARTS.includes(kind) && sectionKinds.has('causeResolution'));
  for (const p of prose) {
    const { section } = p;
    if (p.inSummary && p.kind !== 'summary' && hasSection(p.kind)) {
      bodyParts.push({ line: section.line, heading: `${section.heading} (from the summary)`, depth: 0, markdown: linesText(section.lines, section.inline) });
      p.texts = [];
    } else if (p.rest.length) bodyParts.push({ line: section.line, heading: section.heading, depth: p.depth, markdown: linesText(p.rest) });
  }

  // Zones: front matter, start/end lines, the timeline's heading and notes, entries, hints, option.
  const timelineParses = timelineSections.map((s) => parseTimeline(s, dateOptions));
  const rawEntries: RawEntry[] = timelineParses.flatMap((t) => t.entries);
  const factMoments = new Map<Fact, Moment[]>(facts.map((f) => [f, findMoments(f.text, dateOptions)]));
  const optionZone = options.timezone ? parseZoneName(options.timezone) : undefined;
  if (options.timezone && !optionZone) note(`--timezone ${options.timezone} is not a zone this importer knows; used UTC`);
  const fmZone = fmText('timezone', 'tz') ? parseZoneName(fmText('timezone', 'tz')!) : undefined;
  const hintZone = textLines.map((l) => (/\btimes?\b|\btime ?zone\b/i.test(l) ? zoneHint(l) : undefined)).find(Boolean);
  const zoneCandidates: (ZoneRef | undefined)[] = [
    fmZone,
    ...facts.filter((f) => ['start', 'end', 'duration', 'date', 'detectedAt', 'timezone'].includes(f.kind)).flatMap((f) => factMoments.get(f)!.map((m) => m.zone).concat(f.kind === 'timezone' ? [parseZoneName(f.text) ?? zoneHint(f.text)] : [])),
    ...timelineParses.map((t) => t.zone),
    ...rawEntries.map((e) => e.moment?.zone ?? e.zone),
    hintZone,
    ...allMoments.map((m) => m.zone),
    optionZone,
  ];
  const found = zoneCandidates.find((z): z is ZoneRef => Boolean(z));
  let zone: ZoneRef = found ?? { zone: 'UTC', fixedOffset: 0, label: 'UTC' };
  if (!found) {
    note('timezone: the document names no time zone; times were read as UTC (pass --timezone if they are not)');
  }
  if (zone.ambiguous) note(`timezone: ${zone.ambiguous}`);
  if (zone.fixedOffset && zone.fixedOffset % 60 !== 0) note(`timezone: the offset ${zone.label} was shown as ${zone.zone}; check the zone`);

  // Dates: the incident's first day, and a year for dates written without one.
  const now = options.now ?? new Date();
  const factDate = (kinds: SectionKind[]) => facts.filter((f) => kinds.includes(f.kind)).flatMap((f) => factMoments.get(f)!).find((m) => m.date)?.date;
  const titleDates = [fmText('title'), headingTitle].filter(Boolean).flatMap((t) => findDates(t!, dateOptions));
  const proseDates = preamble.concat(prose.filter((p) => p.kind === 'summary' || p.kind === 'impact').map((p) => ({ text: p.texts.join(' '), line: p.line }))).flatMap((l) => findDates(l.text, dateOptions));
  const entryDates = rawEntries.map((e) => e.moment?.date ?? e.groupDate).filter((d): d is CalendarDate => Boolean(d));
  const dateSources: (CalendarDate | undefined)[] = [
    fmMoments.find((m) => m.date && fmText('started', 'start'))?.date,
    factDate(['start']),
    factDate(['date']),
    factDate(['duration']),
    factDate(['end', 'detectedAt']),
    titleDates[0]?.date,
    proseDates[0]?.date,
    entryDates[0],
    fmMoments.find((m) => m.date)?.date,
    fileDate?.date,
    ...allMoments.map((m) => m.date),
  ];
  const yearSource = [...dateSources, ...allMoments.map((m) => m.date)].find((d) => d?.year)?.year;
  const year = yearSource ?? now.getUTCFullYear();
  if (!yearSource) note(`dates: no year is written anywhere; ${year} was assumed`);
  const firstDate = dateSources.find(Boolean);
  let incidentDate: Required<CalendarDate> | undefined = firstDate ? { year: firstDate.year ?? year, month: firstDate.month, day: firstDate.day } : undefined;
  if (!incidentDate && hasTime) {
    // Times but no date anywhere: a real report all the same. The import day stands in for it.
    incidentDate = { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
    note(`dates: the document states no date; the incident was put on the import day (${isoDate(incidentDate)}); write the day it happened`);
  }
  for (const m of [...allMoments, ...fmMoments]) if (m.ambiguous) note(`dates: ${m.ambiguous}`);

  const instantOf = (m: Moment, day: Required<CalendarDate> | undefined) => {
    const date = m.date ? { year: m.date.year ?? day?.year ?? year, month: m.date.month, day: m.date.day } : day;
    if (!date || !m.time) return undefined;
    const at = toInstant(date, m.time, m.zone ?? zone);
    const mismatch = dstMismatch(m.zone ?? zone, at);
    if (mismatch) note(`timezone: ${mismatch}`);
    return at;
  };

  // Start, end, duration: labels, a range line, front matter, prose, then the timeline.
  const timedFact = (kind: SectionKind, index = 0) => facts.filter((f) => f.kind === kind).map((f) => factMoments.get(f)!.filter((m) => m.time)[index]).find(Boolean);
  const durationFact = facts.find((f) => f.kind === 'duration');
  const durationMoments = durationFact ? factMoments.get(durationFact)!.filter((m) => m.time) : [];
  const proseText = [...preamble.map((l) => l.text), ...prose.filter((p) => ['summary', 'impact', 'resolution'].includes(p.kind)).flatMap((p) => p.texts)].join('\n');
  // Prose in the summary comes first; any other prose outside the timeline is the fallback.
  const timelineLines = new Set(timelineSections.flatMap((t) => [...walk(t)].concat(t)).flatMap((t) => t.lines.map((l) => l.line)));
  const otherProse = textLines.filter((_, i) => !timelineLines.has(i + firstLine)).join('\n');
  const summaryRange = findProseRange(proseText, dateOptions);
  const proseRange = summaryRange.start ? summaryRange : { ...findProseRange(otherProse, dateOptions), ...(summaryRange.end ? { end: summaryRange.end } : {}) };
  const startMoment = timedFact('start') ?? durationMoments[0] ?? fmMoments.find((m) => m.time && fmText('started', 'start')) ?? proseRange.start;
  const endMoment = timedFact('end') ?? durationMoments[1] ?? (fmText('resolved', 'end', 'ended') ? findMoments(fmText('resolved', 'end', 'ended')!, dateOptions).find((m) => m.time) : undefined) ?? proseRange.end;
  // "Duration: 90 minutes", "Duration: 14:00 – 15:30 (1 h 30 m)", or "lasted 37 minutes" in prose.
  const durationText = facts.filter((f) => f.kind === 'duration').map((f) => f.text.replace(/\d{1,2}:\d{2}/g, '')).join(' ');
  const durationMinutes = parseDuration(durationText) ?? findDurationInProse(proseText);

  const startDay = startMoment?.date ? { year: startMoment.date.year ?? year, month: startMoment.date.month, day: startMoment.date.day } : incidentDate;
  let started = startMoment ? instantOf(startMoment, startDay) : undefined;
  let resolvedAt = endMoment ? instantOf(endMoment, endMoment.date ? undefined : startDay) : undefined;
  if (started && resolvedAt && resolvedAt < started && !endMoment?.date) resolvedAt = instantOf(endMoment!, addDays(startDay!, 1));
  if (started && resolvedAt && durationMinutes !== undefined) {
    const span = Math.round((resolvedAt.getTime() - started.getTime()) / 60000);
    if (Math.abs(span - durationMinutes) > Math.max(5, durationMinutes * 0.1)) {
      note(`duration: the document says ${durationMinutes} minutes but its start and end are ${span} minutes apart; check started and resolved`);
    }
  }

  // Timeline.
  const timelineZone = timelineParses.find((t) => t.zone)?.zone ?? zone;
  const timelineDay = startDay ?? incidentDate;
  const timelineContext = { ...(timelineDay ? { date: timelineDay } : {}), year, zone: timelineZone };
  let entries = resolveTimeline(rawEntries, timelineContext);
  const timedCount = (list: typeof entries, test: (d: Date) => boolean) => list.filter((e) => e.at && test(e.at)).length;
  // Two stated zones that disagree (`5:00 PM to 7:00 PM EET` above, "all times Pacific" on the
  // timeline): the reading that puts the timeline inside the stated start and end wins.
  const windowZone = startMoment?.zone ?? endMoment?.zone;
  if (started && resolvedAt && windowZone && windowZone.zone !== timelineZone.zone) {
    const hour = 3600_000;
    const inWindow = (d: Date) => d.getTime() >= started!.getTime() - hour && d.getTime() <= resolvedAt!.getTime() + hour;
    const statedZone = timelineZone;
    const alternative = resolveTimeline(
      rawEntries.map((e) => (e.zone && e.zone.zone === statedZone.zone ? { ...e, zone: windowZone } : e)),
      { ...timelineContext, zone: windowZone },
    );
    const now = timedCount(entries, inWindow);
    const other = timedCount(alternative, inWindow);
    if (other > now) {
      entries = alternative;
      zone = windowZone;
      note(`timezone: the document gives the incident window in ${windowZone.label} but the timeline in ${statedZone.label}; the timeline was read in ${windowZone.label}, which puts it inside the stated start and end (in ${statedZone.label} it would not be); check the times`);
    } else if (now < timedCount(entries, () => true)) {
      note(`timezone: the document gives the incident window in ${windowZone.label} and the timeline in ${statedZone.label}, and some entries fall outside the stated start and end; check the times`);
    }
  }
  // 24-hour-looking times in a timeline of an evening incident ("started at 07:30 pm", entries
  // "07:30 - detected"): twelve hours later puts them inside the stated start and end.
  if (started && resolvedAt) {
    const inWindow = (d: Date) => d >= started! && d <= resolvedAt!;
    const timedEntries = entries.filter((e) => e.at);
    const later = (d: Date) => new Date(d.getTime() + 12 * 3600_000);
    if (timedEntries.length && !timedEntries.some((e) => inWindow(e.at!)) && timedEntries.every((e) => inWindow(later(e.at!)))) {
      for (const e of timedEntries) {
        e.at = later(e.at!);
        if (e.until) e.until = later(e.until);
      }
      note('timeline: the entries were read twelve hours later (as p.m.), which puts them inside the stated start and end; check the times');
    }
  }
  // A timeline that begins the evening before the stated date (a nightly job at 23:50): the
  // day that keeps the entries in order and puts most of them on the stated date.
  const undated = rawEntries.every((e) => !e.moment?.date && !e.groupDate && e.dayOffset === undefined && e.weekday === undefined && e.daysAfterPrevious === undefined);
  if (!startMoment?.time && timelineDay && undated && entries.some((e) => e.at)) {
    const stated = isoDate(timelineDay);
    const onStated = (list: typeof entries) => timedCount(list, (d) => isoInZone(d, timelineZone.zone).slice(0, 10) === stated);
    const eveningBefore = resolveTimeline(rawEntries, { ...timelineContext, date: addDays(timelineDay, -1) });
    if (onStated(eveningBefore) > onStated(entries)) {
      entries = eveningBefore;
      const first = eveningBefore.find((e) => e.at)!;
      note(`timeline: the entries before midnight (from ${fmtTime(first.at!, timelineZone)}) were read as the evening before the stated date ${stated}, which keeps them in order and puts most of them on that date; check the dates`);
    }
  }
  for (const e of entries) if (e.at && e.zone) {
    const mismatch = dstMismatch(e.zone, e.at);
    if (mismatch) note(`timezone: ${mismatch}`);
  }
  const sorted = sortEntries(entries);
  if (sorted.reordered) note('timeline: entries were not in time order and were sorted; check the times');
  entries = sorted.entries;
  for (const p of timelineParses) for (const l of p.leftover) bodyParts.push({ line: l.lines[0]?.line ?? timelineSections[0]!.line, heading: l.heading ?? `${timelineSections[0]!.heading} notes`, depth: 0, markdown: linesText(l.lines) });
  const timed = entries.filter((e) => e.at);
  const startWritten = Boolean(started);
  const marked = (re: RegExp) => timed.find((e) => re.test(e.event));
  if (!started && marked(MARKERS.begins)) started = marked(MARKERS.begins)!.at;
  if (!resolvedAt && marked(MARKERS.ends)) resolvedAt = marked(MARKERS.ends)!.at;
  if (!started && timed.length) {
    const firstEntry = timed[0]!;
    started = firstEntry.at;
    note(`started: taken from the first timeline entry (${fmtTime(firstEntry.at!, zone)}); check when impact began`);
  }
  if (!started && incidentDate) {
    started = toInstant(incidentDate, { hour: 0, minute: 0, second: 0 }, zone);
    note('started: no start time found; set to midnight of the incident day');
  }
  if (!started) return { ok: false, reason: 'no incident start could be found (add a line like "Start: 2024-06-05 14:00 UTC")' };
  // The end: written; or a written start plus a written duration; or the timeline.
  const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60000);
  const endOf = (start: Date): Date => {
    if (resolvedAt) return resolvedAt;
    if (durationMinutes !== undefined && startWritten) return plus(start, durationMinutes);
    const resolveEntry = [...timed].reverse().find((e) => e.kind === 'resolve');
    const last = resolveEntry ?? timed[timed.length - 1];
    if (last?.at && last.at > start) {
      note(`resolved: taken from the ${resolveEntry ? 'last "resolved" timeline entry' : 'last timeline entry'} (${fmtTime(last.at, zone)}); check when the incident ended`);
      return last.at;
    }
    if (durationMinutes !== undefined) {
      note(`resolved: the start plus the stated duration (${durationMinutes} minutes); check when the incident ended`);
      return plus(start, durationMinutes);
    }
    note('resolved: no end time found; set to the start time');
    return start;
  };
  let resolved = endOf(started);
  if (resolved < started) {
    note(`resolved: the end (${fmtTime(resolved, zone)}) is before the start; set to the start time`);
    resolved = started;
  }
  const startedAt = started; // a const: closures do not see the narrowing of `started`
  const inRange = (d: Date | undefined) => (d && d >= startedAt && d <= resolved ? d : undefined);
  const detectedFact = timedFact('detectedAt');
  const detectEntry = entries.find((e) => e.kind === 'detect' && e.at);
  const detected = inRange(detectedFact ? instantOf(detectedFact, startDay) : undefined) ?? inRange(detectEntry?.at);
  const mitigateEntry = entries.find((e) => MARKERS.mitigated.test(e.event) && e.at) ?? entries.find((e) => e.kind === 'mitigate' && e.at);
  const mitigated = inRange(mitigateEntry?.until ?? mitigateEntry?.at);

  const documentEntries = entries;
  if (!entries.length) {
    note('timeline: the document has no timeline; entries were made from the start and end times');
    entries = [
      { event: 'Impact began.', line: 0, at: started, kind: 'trigger', misleading: false, approximate: false },
      { event: 'Incident resolved.', line: 0, at: resolved, kind: 'resolve', misleading: false, approximate: false },
    ];
  }

  // Prose fields.
  const textsOf = (kind: SectionKind, inSummary?: boolean) =>
    prose.filter((p) => p.kind === kind && (inSummary === undefined || p.inSummary === inSummary)).flatMap((p) => p.texts);
  const join = (texts: string[]) => capitalize(squash(dedupe(texts).join(' ')));

  // Sections that hold both cause and fix, without labels: fix-like paragraphs are the resolution.
  const combined = textsOf('causeResolution');
  const combinedCause = combined.filter((t) => !FIXLIKE.test(t));
  const combinedFix = combined.filter((t) => FIXLIKE.test(t));

  const summaryTexts = textsOf('summary');
  const impactTexts = [...textsOf('impact', false), ...textsOf('impact', true)];
  const shortCause = textsOf('cause', true);
  const longCause = textsOf('cause', false);
  const preambleText = plainParagraphs(preamble);
  let summary = join(summaryTexts);
  if (!summary && impactTexts[0]) {
    // A copy, not a move: the impact keeps its text. Labelled lines are never merged into it.
    summary = capitalize(asSentence(firstSentence(impactTexts[0])));
    note('summary: the document has no summary text of its own; made from the first sentence of the impact; check it');
  }
  if (!summary) summary = preambleText.find((p) => p.split(/\s+/).length >= 8) ?? '';
  const triggerText = join(textsOf('trigger'));
  const factors = dedupe(textsOf('factors'));
  let causeSummary = join([...longCause, ...combinedCause, ...shortCause]);
  if (!causeSummary && combined.length) causeSummary = join(combined);
  if (!causeSummary) {
    // No root cause section: a causal sentence of the summary, or the trigger and factors.
    const causal = sentences([summary, ...impactTexts].join(' ')).find((t) => /\b(?:because|caused by|due to|root cause|as a result of|after (?:a|an|the) [\w-]+ (?:change|deploy|update|rotation|upgrade))\b/i.test(t));
    const made = causal ?? join([triggerText ? asSentence(triggerText) : '', ...factors.map(asSentence)]);
    causeSummary = made || NOT_STATED;
    note(made ? `cause.summary: the document has no root cause section; made from ${causal ? 'the summary' : 'the trigger and contributing factors'}; check it` : 'cause.summary: the document has no root cause section; write the root cause');
  }
  let resolution = join([...textsOf('resolution'), ...combinedFix]);
  if (!resolution) {
    const fixes = documentEntries.filter((e) => e.kind === 'mitigate' || e.kind === 'resolve').map((e) => asSentence(plainText(e.event)));
    resolution = fixes.length ? fixes.join(' ') : NOT_STATED;
    note(fixes.length ? 'resolution: made from the timeline entries that mitigated and resolved the incident; check it' : 'resolution: the document has no resolution section; write what fixed it');
  }
  let impactSummary = join(impactTexts);
  if (!impactSummary) {
    impactSummary = summary || NOT_STATED;
    note(summary ? 'impact.summary: the document has no impact section; the summary was used' : 'impact.summary: the document states no impact; write it');
  }
  if (!summary) {
    summary = asSentence(firstSentence(impactSummary !== NOT_STATED ? impactSummary : causeSummary));
    note('summary: made from the first sentence of the impact or cause; check it');
  }
  const figures = impactFigures(impactSummary + ' ' + summary);

  // Title and id. A ticket key in the title ("Order backlog (INC-2291)") is an alias.
  const nameFact = facts.find((f) => f.kind === 'name' && f.text && !/^[A-Z][A-Z0-9]{1,9}-\d{1,7}$/.test(f.text.trim()));
  let title = fmText('title') ?? (headingTitle ? cleanTitle(headingTitle) : undefined) ?? (nameFact ? plainText(nameFact.text) : undefined);
  const nameUsed = Boolean(nameFact && !fmText('title') && !(headingTitle && cleanTitle(headingTitle)));
  const titleKey = title ? /\s*[([]\s*([A-Z][A-Z0-9]{1,9}-\d{1,7})\s*[)\]]\s*/.exec(title) : null;
  if (title && titleKey) title = squash(title.replace(titleKey[0], ' '));
  if (!title) {
    title = titleFromSummary(summary);
    note(`title: made from the summary ("${title}"); write a short title`);
  }

  // Severity, category, services.
  const severityFact = facts.find((f) => f.kind === 'severity');
  let severity: Severity;
  const parsedSeverity = parseSeverity(fmText('severity', 'sev', 'priority') ?? severityFact?.text ?? '');
  const tokenSeverity = findSeverityToken([title, headingTitle ?? '', summary].join(' '));
  if (parsedSeverity) {
    severity = parsedSeverity.severity;
    if (parsedSeverity.note) note(parsedSeverity.note);
  } else if (tokenSeverity) severity = tokenSeverity;
  else {
    const guess = guessSeverity(impactSummary + ' ' + summary, figures.usersAffectedPercent);
    severity = guess.severity;
    note(`severity: guessed ${severity} (${guess.reason}); check it`);
  }
  if (severityFact && !parsedSeverity) bodyParts.push({ line: severityFact.line, heading: 'Incident details', depth: 0, markdown: `${severityFact.heading}: ${severityFact.text}` });

  const categoryFact = facts.find((f) => f.kind === 'category');
  let category: CauseCategory | undefined = parseCategory(fmText('category', 'causecategory') ?? categoryFact?.text ?? '');
  if (categoryFact && !category) bodyParts.push({ line: categoryFact.line, heading: 'Incident details', depth: 0, markdown: `${categoryFact.heading}: ${categoryFact.text}` });
  if (!category) {
    const guess = guessCategory([causeSummary, triggerText, ...factors].join(' '));
    category = guess.category;
    note(`cause.category: guessed "${category}" (${guess.reason}); check it`);
  }

  const servicesFact = facts.filter((f) => f.kind === 'services');
  let services = [...fmList('services', 'service', 'affectedservices', 'servicesaffected', 'systems'), ...servicesFact.map((f) => f.text)].flatMap(parseServices);
  if (!services.length && options.services?.length) services = options.services.flatMap(parseServices);
  if (!services.length) {
    const known = options.knownServices ?? [];
    const mentioned = mentionedServices([title, summary, impactSummary].join(' '), known);
    services = (mentioned.length ? mentioned : guessServices([title, firstSentence(summary), firstSentence(impactSummary)].join('. '))).slice(0, 3);
    if (!services.length) services = ['unknown'];
    note(`services: guessed [${services.join(', ')}] from the text; replace with service ids`);
  }
  services = services.map((s) => options.serviceMap?.[s] ?? s);
  services = dedupe(resolveServices(services, options.knownServices ?? [], note));
  const unknownServices = options.knownServices?.length ? services.filter((s) => !options.knownServices!.some((k) => k.id === s)) : [];

  // Timeline entries, actions, lessons, detection.
  const timeline: NonNullable<PostmortemInput['timeline']> = entries.map((e) => {
    const event = plainText(e.event) || (e.unknownTime ? 'Unknown time entry.' : 'Entry.');
    return {
      ...(e.at ? { at: isoInZone(e.at, zone.zone) } : {}),
      event,
      kind: e.kind,
      ...(e.misleading ? { misleading: true } : {}),
      ...(e.approximate ? { approximate: true } : {}),
      ...(e.until && e.at && e.until >= e.at ? { until: isoInZone(e.until, zone.zone) } : {}),
    };
  });
  if (entries.some((e) => e.unknownTime)) note('timeline: some entries have no time (written as ??:??); they are kept untimed');
  if (entries.some((e) => e.approximate)) note('timeline: some times are approximate (~); they are marked approximate');

  const actionContext = { ...dateOptions, year };
  const parsedActions: ParsedAction[] = [];
  for (const section of actionSections) {
    const parsed = parseActions(section, actionContext);
    parsedActions.push(...parsed.actions);
    for (const l of parsed.leftover) bodyParts.push({ line: l.lines[0]?.line ?? section.line, heading: l.heading ?? `${section.heading} notes`, depth: 0, markdown: linesText(l.lines) });
  }
  const actions: NonNullable<PostmortemInput['actions']> = parsedActions.map((a) => ({
    title: a.title,
    ...(a.type ? { type: a.type } : {}),
    ...(a.owner ? { owner: a.owner } : {}),
    ...(a.status ? { status: a.status } : {}),
    ...(a.priority ? { priority: a.priority } : {}),
    ...(a.due ? { due: a.due } : {}),
    ...(a.closed ? { closed: a.closed } : {}),
    ...(a.ticket ? { ticket: a.ticket } : {}),
  }));

  // A closed date before the incident started is a misreading (the format refuses it).
  const startDayText = isoInZone(started, zone.zone).slice(0, 10);
  for (const a of actions) {
    if (a.closed && a.closed < startDayText) {
      note(`actions: "${a.title}" says it was closed on ${a.closed}, before the incident; the date was left out`);
      delete a.closed;
    }
  }

  const lessonsOf = (kind: SectionKind) => prose.filter((p) => p.kind === kind).flatMap((p) => p.texts);
  const lessons = { wentWell: lessonsOf('wentWell'), wentWrong: lessonsOf('wentWrong'), lucky: lessonsOf('lucky') };

  const detectionTexts = textsOf('detection');
  const detectedFactText = facts.filter((f) => f.kind === 'detectedAt').map((f) => f.text);
  let detection: PostmortemInput['detection'];
  if (detectionTexts.length) detection = { method: detectionMethod(detectionTexts.join(' ')), details: join(detectionTexts) };
  else if (detectEntry && detectionMethod(detectEntry.event) !== 'other') detection = { method: detectionMethod(detectEntry.event), details: asSentence(plainText(detectEntry.event)) };

  // Facts that did not become fields stay in the body.
  for (const f of facts) {
    if (!f.text.trim()) continue;
    const used =
      (f.kind === 'start' && timedFact('start')) ||
      (f.kind === 'end' && timedFact('end')) ||
      (f.kind === 'duration' && (durationMoments.length || durationMinutes !== undefined)) ||
      (f.kind === 'date' && factMoments.get(f)!.some((m) => m.date)) ||
      (f.kind === 'detectedAt' && factMoments.get(f)!.some((m) => m.time)) ||
      ['severity', 'category', 'services', 'authors', 'tags', 'aliases', 'name'].includes(f.kind) ||
      (f.kind === 'timezone' && (parseZoneName(f.text) || zoneHint(f.text)));
    const rest = f.kind === 'detectedAt' ? f.text.replace(/^[^]*?\d{1,2}:\d{2}\s*(?:[AP]\.?M\.?)?\s*(?:[A-Z]{2,5}\b)?/i, '').trim() : '';
    if (!used) bodyParts.push({ line: f.line, heading: 'Incident details', depth: 0, markdown: `${f.heading}: ${f.text}` });
    else if (rest && /[\p{L}]{3}/u.test(rest) && !/^[\s\p{P}]*$/u.test(rest)) bodyParts.push({ line: f.line, heading: 'Incident details', depth: 0, markdown: `${f.heading}: ${f.text}` });
  }
  if (detectedFactText.length && !detection) {
    const method = detectionMethod(detectedFactText.join(' '));
    if (method !== 'other') detection = { method, details: join(detectedFactText.map(plainText)) };
  }

  const authors = dedupe([...fmList('authors', 'author', 'writtenby', 'owner'), ...facts.filter((f) => f.kind === 'authors').flatMap((f) => f.text.split(/\s*(?:,|;|\band\b|&|\n)\s*/))].map((a) => plainText(a)).filter(Boolean));
  const tags = dedupe([...fmList('tags', 'keywords', 'labels', 'categories'), ...facts.filter((f) => f.kind === 'tags').flatMap((f) => f.text.split(/\s*[,;\n]\s*/))].map((t) => plainText(t).replace(/^#/, '')).filter(Boolean));
  const id = postmortemId(started, zone.zone, title);
  const aliasFacts = facts.filter((f) => f.kind === 'aliases' || (f.kind === 'name' && /^[A-Z][A-Z0-9]{1,9}-\d{1,7}$/.test(f.text.trim())));
  for (const f of facts.filter((f) => f.kind === 'name' && !aliasFacts.includes(f) && !(nameUsed && f === nameFact))) {
    bodyParts.push({ line: f.line, heading: 'Incident details', depth: 0, markdown: `${f.heading}: ${f.text}` });
  }
  const aliasCandidates = dedupe([...fmList('aliases', 'incidentid', 'incident', 'ticket', 'id'), ...(titleKey ? [titleKey[1]!] : []), ...aliasFacts.flatMap((f) => f.text.split(/\s*[,;\n]\s*/))].map((t) => plainText(t)).filter(Boolean));
  const aliases = aliasCandidates.filter((a) => ALIAS_PATTERN.test(a) && a !== id);
  for (const a of aliasCandidates.filter((a) => !aliases.includes(a) && a !== id)) bodyParts.push({ line: 0, heading: 'Incident details', depth: 0, markdown: `Reference: ${a}` });

  // Front-matter keys the format has no place for.
  const KNOWN_FM = new Set(['title', 'date', 'started', 'start', 'resolved', 'end', 'ended', 'incidentdate', 'timezone', 'tz', 'authors', 'author', 'writtenby', 'owner', 'tags', 'keywords', 'labels', 'categories', 'severity', 'sev', 'priority', 'services', 'service', 'affectedservices', 'servicesaffected', 'systems', 'category', 'causecategory', 'aliases', 'incidentid', 'incident', 'ticket', 'id']);
  const extraFm = fm.extras(KNOWN_FM);
  if (Object.keys(extraFm).length) {
    bodyParts.push({ line: 0, heading: 'Original front matter', code: stringifyExtra(extraFm), lang: 'yaml' });
  }
  if (fmText('date') && fmDateText && !fmText('started', 'start')) {
    const d = fmMoments.find((m) => m.date)?.date;
    if (d && incidentDate && isoDate(d) !== isoDate(incidentDate)) bodyParts.push({ line: 0, heading: 'Original front matter', code: `date: ${fmText('date')}`, lang: 'yaml' });
  }

  if (preamble.some((l) => l.text.trim())) bodyParts.push({ line: preamble[0]!.line, depth: 0, markdown: linesText(preamble) });

  // Images next to the legacy document come along into a folder named after the postmortem;
  // one that is missing is named in the body and in the review list.
  const images: { src: string; name: string }[] = [];
  for (const part of bodyParts) {
    if (!part.markdown) continue;
    part.markdown = part.markdown.replace(/!\[([^\]\n]{0,500})\]\(\s*<?([^)\s>]{1,2000})>?(?:\s+"[^"\n]{0,500}")?\s*\)/g, (all, alt: string, src: string) => {
      if (/^https?:\/\//.test(src)) return all;
      const local = !/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith('/');
      if (local && options.imageExists?.(src)) {
        const existing = images.find((i) => i.src === src);
        const base = (src.split(/[\\/]/).pop() ?? 'image').replace(/[^\w.-]+/g, '-') || 'image';
        const name = existing?.name ?? (images.some((i) => i.name === base) ? `${images.length + 1}-${base}` : base);
        if (!existing) images.push({ src, name });
        return `![${alt}](./${id}/${name})`;
      }
      note(`body: the image ${src} was not found next to the document; copy it next to the postmortem and link it, or remove the mention`);
      return `*Image not imported: ${alt ? `${alt} ` : ''}(\`${src.replace(/`/g, '')}\`)*`;
    });
  }

  const data: PostmortemInput & { review?: string[] } = {
    title,
    summary,
    status: review.length ? 'review' : 'published',
    ...(review.length ? { review } : {}),
    severity,
    services,
    ...(tags.length ? { tags } : {}),
    ...(authors.length ? { authors } : {}),
    timezone: zone.zone,
    started: isoInZone(started, zone.zone),
    ...(detected ? { detected: isoInZone(detected, zone.zone) } : {}),
    ...(mitigated ? { mitigated: isoInZone(mitigated, zone.zone) } : {}),
    resolved: isoInZone(resolved, zone.zone),
    ...(aliases.length ? { aliases } : {}),
    impact: { summary: impactSummary, ...figures },
    cause: { category, summary: causeSummary, ...(triggerText ? { trigger: triggerText } : {}), ...(factors.length ? { factors } : {}) },
    resolution,
    ...(detection ? { detection } : {}),
    timeline,
    ...(actions.length ? { actions } : {}),
    ...(lessons.wentWell.length || lessons.wentWrong.length || lessons.lucky.length
      ? { lessons: Object.fromEntries(Object.entries(lessons).filter(([, v]) => v.length)) as PostmortemInput['lessons'] }
      : {}),
  };
  const { mdx, body: mdxBody } = renderPostmortem(data, bodyParts, { source: options.fileName, reserved: RESERVED_ANCHORS });
  return { ok: true, id, data, body: mdxBody, mdx, review, images, unknownServices };
}

/** Paragraph and item texts of a section as plain text; tables and code go back as lines for the body. */
function proseOf(lines: SourceLine[], inline?: string): { texts: string[]; rest: SourceLine[] } {
  const texts = inline ? [plainText(inline)] : [];
  const rest: SourceLine[] = [];
  for (const block of splitBlocks(lines)) {
    if (block.type === 'table' || block.type === 'code') rest.push(...(rest.length ? [{ text: '', line: block.lines[0]!.line }] : []), ...block.lines);
    else {
      const text = plainText(blockText(block).replace(/<br\s*\/?>/gi, ' '));
      if (!text) continue;
      texts.push(block.type === 'item' ? asSentence(text) : text);
    }
  }
  return { texts, rest };
}

const plainParagraphs = (lines: SourceLine[]) =>
  splitBlocks(lines)
    .filter((b) => b.type === 'paragraph' || b.type === 'item')
    .map((b) => plainText(blockText(b)))
    .filter((t) => t && !/^Image not imported/.test(t) && !/^!\[/.test(t));

const linesText = (lines: SourceLine[], inline?: string) => [...(inline ? [inline] : []), ...lines.map((l) => l.text)].join('\n');

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function dedupe<T>(items: T[]): T[] {
  return [...new Set(items)];
}

const fmtTime = (d: Date, zone: ZoneRef) => isoInZone(d, zone.zone).slice(0, 16).replace('T', ' ');

function stringifyExtra(extra: Record<string, unknown>): string {
  return Object.entries(extra)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v instanceof Date ? v.toISOString() : v)}`)
    .join('\n');
}


/** Headings that name a kind of document, not an incident, and folder or project codes (`0x19-postmortem`). */
const isGenericHeading = (heading: string) => !cleanTitle(heading) || /^[\w.]*(?:\d[\w.]*[-_]|[-_][\w.]*\d)[\w.-]*$|^[a-z0-9]+(?:[-_][a-z0-9]+)+$/.test(plainText(heading).trim());

/**
 * The title: the most specific heading that names the incident among the headings that open the
 * document (before its first known section), at any level; generic headings ("Postmortem
 * Report", a folder code) are not titles. The opening headings are unwrapped: what they hold
 * belongs to the document, not to a section of the body.
 */
function leadingTitle(root: Section): { title?: string; sections: Section[] } {
  const chain: Section[] = [];
  let sections = root.children;
  // Pictures and bare HTML under a heading are not its text.
  const hasText = (s: Section) => s.lines.some((l) => /[\p{L}\p{N}]/u.test(l.text.replace(/<[^>]{0,2000}>|!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)/g, '')));
  for (let node = sections[0]; node; node = node.children[0]) {
    const titleLike = (node.kind === 'title' || node.kind === 'unknown') && node.shape !== 'label';
    if (!titleLike) break;
    if (hasText(node) && chain.length && !isGenericHeading(node.heading)) {
      chain.push(node);
      break;
    }
    chain.push(node);
    if (hasText(node)) break;
  }
  // Text before the first heading: the headings after it are sections of that text, not its title.
  const preambleWords = root.lines.map((l) => l.text).join(' ').match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  if (preambleWords > 12) chain.length = 0;
  const named = chain.filter((s) => !isGenericHeading(s.heading));
  // No heading names it, but a first line does: "Postmortem: Website outage on 2024-07-22".
  if (!named.length) {
    const opening = [...root.lines, ...chain.flatMap((s) => s.lines)].filter((l) => l.text.trim()).slice(0, 3);
    const line = opening.find((l) => GENERIC_TITLE.test(plainText(l.text)) && cleanTitle(l.text) && plainText(l.text).split(/\s+/).length <= 16 && !/[.!?]$/.test(l.text.trim()));
    if (line && !chain.length) return { title: line.text, sections };
    if (line) return { title: line.text, sections: unwrap(root, chain) };
  }
  if (!chain.length || (!named.length && !chain.every((s) => s.kind === 'title' || isGenericHeading(s.heading)))) return { sections };
  const title = named.reduce<Section | undefined>((best, s) => (!best || cleanTitle(s.heading)!.split(/\s+/).length > cleanTitle(best.heading)!.split(/\s+/).length ? s : best), undefined);
  return { ...(title ? { title: title.heading } : {}), sections: unwrap(root, chain) };
}

/** The opening headings unwrapped: their lines go to the preamble, their children take their place. */
function unwrap(root: Section, chain: Section[]): Section[] {
  for (const s of chain) root.lines.push(...s.lines);
  const last = chain[chain.length - 1]!;
  const rest = (s: Section): Section[] => (s === last ? s.children : [...rest(s.children[0]!), ...s.children.slice(1)]);
  return [...rest(chain[0]!), ...root.children.slice(1)];
}

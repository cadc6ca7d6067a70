/**
 * Timelines as legacy postmortems write them: bullets (`-`, `*`, `+`, numbered), plain lines,
 * `<br>`-separated lines, tables (`| Time | Event |`), entries grouped under date headings, one
 * heading per time, full datetimes per entry. Times without a date take the group's or the
 * incident's date and roll over midnight; `??:??` entries are kept untimed and `~01:30` ones are
 * approximate. Kinds are read from the wording, misleading leads from what the text says about
 * them ("ruled out", "turned out to be unrelated", "wrong lead").
 */
import * as chrono from 'chrono-node';
import type { TimelineKind } from '../format/schema.ts';
import { splitBlocks, type Block, type SourceLine } from './markdown.ts';
import { addDays, findDates, findMoments, toInstant, UNKNOWN_TIME, type CalendarDate, type DateOptions, type Moment } from './dates.ts';
import { findZones, type ZoneRef } from './zones.ts';
import type { Section } from './sections.ts';
import { squash } from './text.ts';

export interface RawEntry {
  /** The event as written (inline Markdown), without its leading time. */
  text: string;
  line: number;
  moment?: Moment;
  /** The end of a range written at the lead (`14:15–14:30`). */
  until?: Moment;
  /** Written as `??:??` or similar. */
  unknownTime?: boolean;
  /** The date of the group the entry is in (a date heading). */
  groupDate?: CalendarDate;
  /** `Day 2` groups: days after the incident's first day. */
  dayOffset?: number;
  /** The zone stated for the group (`Timeline (all times PT)`). */
  zone?: ZoneRef;
  /** Under a "misleading paths" label. */
  misleadingGroup?: boolean;
  /** Written with only a weekday (`Tue 09:30`): 0 is Sunday. */
  weekday?: number;
  /** Written with a relative day (`The next day 01:00`): days after the previous entry's day. */
  daysAfterPrevious?: number;
  /** The phase a label states (`Detection: …`). */
  kind?: TimelineKind;
}

export interface TimelineParse {
  entries: RawEntry[];
  /** Lines that are not entries (notes such as "All times in UTC"), for the body. */
  leftover: { heading?: string; lines: SourceLine[] }[];
  /** A zone stated for the whole timeline. */
  zone?: ZoneRef;
}

interface Group {
  date?: CalendarDate;
  dayOffset?: number;
  zone?: ZoneRef;
}

const DAY_HEADING = /^(?:day|d)\s*(\d{1,2})\b/i;
const LEAD_PREFIX = /^[\s*_`[(~≈>]*(?:(?:at|around|about|by|on|approx\.?|approximately|circa|~)\s+)?[\s*_`[(~≈]*$/i;
const LEAD_PREFIX_WORDS = /[a-z]{2,}/i;
const RANGE_JOIN = /^\s*(?:\*\*|__|\*|_)?\s*(?:-|–|—|to|until|till|through|->|→)\s*(?:\*\*|__|\*|_)?\s*$/i;
const AFTER_LEAD = /^(?:\s*(?:\*\*|__|\*|_|`|\]|\)))*[\s:;|,.\-–—>→)\]]*(?:\*\*|__)?\s*/;

/** A zone stated for a block of times: "All times in PT", "(UTC)", "Timezone: EAT". */
export function zoneHint(text: string): ZoneRef | undefined {
  const zones = findZones(text);
  if (!zones.length) return undefined;
  const first = zones[0]!;
  if (/\btimes?\b|\btime ?zone\b|\btz\b/i.test(text) || /\(\s*[^()]*\)/.test(text.slice(Math.max(0, first.index - 2), first.end + 2)) || text.trim().length <= 40) {
    return first.zone;
  }
  return undefined;
}

/** Phase labels of the common template's timelines: `- Detection: The issue was first detected at 10:00 AM…`. */
const PHASE_LABELS: [RegExp, TimelineKind][] = [
  [/^(?:trigger|cause|onset|start|incident start|outage start)$/, 'trigger'],
  [/^(?:detection|detected|discovery|alert|alerting|identification)$/, 'detect'],
  [/^(?:investigation|diagnosis|debugging|analysis|triage)$/, 'investigate'],
  [/^(?:escalation|escalated|response|engagement)$/, 'escalate'],
  [/^(?:fix|mitigation|workaround|remediation|action|actions taken)$/, 'mitigate'],
  [/^(?:resolution|resolved|recovery|restoration|closure|end)$/, 'resolve'],
  [/^(?:communication|status update|announcement)$/, 'communicate'],
];
const PHASE_LINE = /^[\s*_]*([A-Za-z][A-Za-z ]{1,24}?)[\s*_]*:[\s*_]*(\S.*)$/;

/** A weekday written before a time (`Mon 14:05`, `Tuesday 09:00`), read with chrono-node. */
function leadingWeekday(text: string): { weekday: number; rest: string } | undefined {
  const m = /^\s*([A-Za-z]{3,9})\.?,?\s+(?=\d)/.exec(text);
  if (!m) return undefined;
  const [found] = chrono.en.casual.parse(m[1]!);
  if (!found || found.index !== 0 || found.text.length !== m[1]!.length || !found.start.isCertain('weekday') || found.start.isCertain('day')) return undefined;
  return { weekday: found.start.get('weekday')!, rest: text.slice(m[0].length) };
}

/**
 * chrono-node's casual English, which reads "the next day" and "tomorrow", taught the relative
 * days of written timelines it lacks ("the following morning", "next evening").
 */
const relativeDays = chrono.casual.clone();
relativeDays.parsers.push({
  pattern: () => /\b(?:following|next)\s+(?:day|morning|afternoon|evening|night)\b/i,
  extract: (context) => {
    const next = new Date(context.refDate.getTime());
    next.setDate(next.getDate() + 1);
    return context.createParsingComponents({ year: next.getFullYear(), month: next.getMonth() + 1, day: next.getDate() });
  },
});
/** Any day: only the difference in days from it matters. */
const RELATIVE_REFERENCE = new Date(2000, 0, 1, 12);

/** A relative day written before a time (`The next day 01:00`, `The following morning, 09:20`), read with chrono-node. */
function leadingRelativeDay(text: string): { days: number; phrase: string; rest: string } | undefined {
  const m = /^\s*((?:the\s+)?[A-Za-z][A-Za-z ]{2,30}?)[.,:]?\s+(?:at\s+)?(?=\d)/i.exec(text);
  if (!m) return undefined;
  const phrase = m[1]!;
  const [found] = relativeDays.parse(phrase, RELATIVE_REFERENCE);
  if (!found || !/^(?:the\s+)?$/i.test(phrase.slice(0, found.index)) || phrase.slice(found.index + found.text.length).trim() || !found.start.isCertain('day') || found.start.isCertain('hour')) return undefined;
  const days = Math.round((Date.UTC(found.start.get('year')!, found.start.get('month')! - 1, found.start.get('day')!) - Date.UTC(2000, 0, 1)) / 86400_000);
  // A day or two later ("next day", "the day after tomorrow"); "next week" names no day.
  return days > 0 && days <= 2 ? { days, phrase, rest: text.slice(m[0].length) } : undefined;
}

type Lead = Pick<RawEntry, 'moment' | 'until' | 'unknownTime' | 'weekday' | 'daysAfterPrevious' | 'kind'> & { event: string };

/** The time at the start of an entry's text, and the event after it (empty when the text is only a time). */
export function parseLead(text: string, options: DateOptions = {}): Lead {
  const phase = PHASE_LINE.exec(text);
  const phaseKind = phase ? PHASE_LABELS.find(([re]) => re.test(phase[1]!.trim().toLowerCase()))?.[1] : undefined;
  if (phase && phaseKind && phase[2]!.split(/\s+/).length >= 3) {
    // The sentence is the event; a time in it (at 10:00 AM) is the entry's time.
    const moment = findMoments(phase[2]!, options).find((m) => m.time);
    return { ...(moment ? { moment } : {}), kind: phaseKind, event: text.trim() };
  }
  const weekday = leadingWeekday(text);
  if (weekday) {
    const rest = parseLead(weekday.rest, options);
    if (rest.moment && !rest.moment.date) return { ...rest, weekday: weekday.weekday };
  }
  const relative = leadingRelativeDay(text);
  if (relative) {
    const rest = parseLead(relative.rest, options);
    // The phrase stays in the event: it is the only place the source's words for the day remain.
    if (rest.moment && !rest.moment.date) return { ...rest, daysAfterPrevious: relative.days, event: [relative.phrase, rest.event].filter(Boolean).join(': ') };
  }
  const lead = /^[\s*_`[(>]*/.exec(text)![0];
  const rest = text.slice(lead.length);
  const unknown = UNKNOWN_TIME.exec(rest);
  if (unknown) {
    const after = rest.slice(unknown[0].length).replace(/^\s*(?:UTC|GMT|[A-Z]{2,4}T)?\b/, '');
    return { unknownTime: true, event: after.replace(AFTER_LEAD, '').trim() };
  }
  const moments = findMoments(text, options);
  const first = moments.find((m) => m.time);
  if (!first) return { event: text.trim() };
  const prefix = text.slice(0, first.index);
  if (!LEAD_PREFIX.test(prefix)) return { event: text.trim() };
  let end = first.end;
  let until: Moment | undefined;
  const second = moments[moments.indexOf(first) + 1];
  if (second?.time && RANGE_JOIN.test(text.slice(first.end, second.index))) {
    until = second;
    end = second.end;
  }
  // "At 14:00, the alert fired": the words before the time stay with the event.
  const event = LEAD_PREFIX_WORDS.test(prefix) ? text.trim() : text.slice(end).replace(AFTER_LEAD, '').trim();
  return { moment: first, ...(until ? { until } : {}), event };
}

const splitBreaks = (text: string) => text.split(/\s*<br\s*\/?>\s*/i);

/** Reads the timeline section, its sub-headings (dates, times, phases) and their lines. */
export function parseTimeline(section: Section, options: DateOptions = {}): TimelineParse {
  const entries: RawEntry[] = [];
  const leftover: TimelineParse['leftover'] = [];
  const zone = zoneHint(section.heading);
  visit(section, { ...(zone ? { zone } : {}) }, true);
  return { entries, leftover, ...(zone ? { zone } : {}) };

  function visit(node: Section, group: Group, top: boolean) {
    let current = group;
    if (!top) {
      const heading = node.heading;
      const lead = parseLead(heading, options);
      const dates = findDates(heading, options);
      const day = DAY_HEADING.exec(heading);
      const hint = zoneHint(heading);
      if (hint) current = { ...current, zone: hint };
      if (lead.moment || lead.unknownTime) {
        // One heading per time: the heading is the entry, its paragraphs its details.
        const details = node.lines.filter((l) => !l.code && l.text.trim()).map((l) => l.text.trim());
        const event = [lead.event, ...details].filter(Boolean).join(lead.event && !/[.!?:;]$/.test(lead.event) ? ': ' : ' ');
        entries.push({ ...lead, text: event || heading, line: node.line, ...groupFields(current) });
        for (const child of node.children) visit(child, current, false);
        return;
      }
      if (dates.length || day) {
        current = { ...current, ...(dates.length ? { date: dates[0]!.date } : {}), ...(day ? { dayOffset: Number(day[1]) - 1 } : {}) };
        const remainder = squash(heading.replace(/[^\p{L}\p{N}]+/gu, ' '));
        if (remainder && !dates.length && !day) leftover.push({ heading, lines: [] });
      } else if (!looksLikeEntries(node.lines)) {
        // A sub-heading that is not a group of entries (notes, a diagram) goes to the body.
        leftover.push({ heading, lines: node.lines });
        for (const child of node.children) visit(child, current, false);
        return;
      } else {
        // A phase heading ("Phase 1: Detection"): an untimed entry keeps its words.
        entries.push({ text: heading, line: node.line, ...groupFields(current) });
      }
    }
    readLines(node.lines, current, top);
    for (const child of node.children) visit(child, current, false);
  }

  function groupFields(group: Group): Partial<RawEntry> {
    return {
      ...(group.date ? { groupDate: group.date } : {}),
      ...(group.dayOffset !== undefined ? { dayOffset: group.dayOffset } : {}),
      ...(group.zone ? { zone: group.zone } : {}),
    };
  }

  function readLines(lines: SourceLine[], group: Group, top: boolean) {
    const notes: SourceLine[] = [];
    let last: RawEntry | undefined;
    let misleadingIndent: number | undefined;
    for (const block of splitBlocks(lines)) {
      if (block.type === 'code') {
        notes.push(...block.lines);
        continue;
      }
      if (block.type === 'table') {
        const read = readTable(block, group);
        if (read) {
          entries.push(...read);
          last = read[read.length - 1];
        } else notes.push(...block.lines);
        continue;
      }
      if (block.type === 'item') {
        if (misleadingIndent !== undefined && block.indent <= misleadingIndent) misleadingIndent = undefined;
        const pieces = splitBreaks(block.text.replace(/\s*\n\s*/g, (m) => (/\n\s*\n/.test(m) ? ' ' : '\n')))
          .flatMap((p) => p.split('\n'))
          .filter((p) => p.trim());
        let first = true;
        for (const piece of pieces) {
          const lead = parseLead(piece, options);
          if (!first && !lead.moment && !lead.unknownTime && last) {
            last.text = joinEvent(last.text, piece.trim());
            continue;
          }
          last = { ...lead, text: lead.event || piece.trim(), line: block.lines[0]!.line, ...groupFields(group) };
          if (misleadingIndent !== undefined) last.misleadingGroup = true;
          entries.push(last);
          first = false;
        }
        if (pieces.length && isMisleadingLabel(pieces[0]!)) misleadingIndent = block.indent;
        continue;
      }
      // Paragraph lines: each line that starts with a time (or `<br>` piece) is an entry; other
      // lines continue the entry above them, or are notes when no entry came yet.
      for (const line of block.lines) {
        for (const piece of splitBreaks(line.text.replace(/\\$/, ''))) {
          if (!piece.trim()) continue;
          const dateOnly = findDates(piece, options);
          const lead = parseLead(piece, options);
          if (lead.moment || lead.unknownTime) {
            last = { ...lead, text: lead.event || piece.trim(), line: line.line, ...groupFields(group) };
            entries.push(last);
          } else if (dateOnly.length === 1 && dateOnly[0]!.index <= 4 && squash(piece.replace(/[^\p{L}\p{N}]+/gu, ' ')).split(' ').length <= 6) {
            // A date line inside the timeline ("**June 6**", "Tuesday 2024-03-12:") starts a group.
            group = { ...group, date: dateOnly[0]!.date };
            last = undefined;
          } else if (last && block.lines.indexOf(line) > 0) {
            last.text = joinEvent(last.text, piece.trim());
          } else if (top && !entries.length) {
            notes.push({ ...line, text: piece });
          } else {
            last = { text: piece.trim(), line: line.line, ...groupFields(group) };
            entries.push(last);
          }
        }
      }
      last = undefined;
    }
    if (notes.length) leftover.push({ lines: notes });
  }

  function readTable(block: Extract<Block, { type: 'table' }>, group: Group): RawEntry[] | undefined {
    const header = block.header.map((h) => h.toLowerCase().replace(/[^a-z ]/g, ' ').trim());
    let timeCol = header.findIndex((h) => /\b(?:time|when|timestamp|hour|at)\b/.test(h));
    const dateCol = header.findIndex((h, i) => i !== timeCol && /\bdate\b|\bday\b/.test(h));
    if (timeCol < 0 && dateCol >= 0) timeCol = dateCol;
    if (timeCol < 0) {
      // No header says "time": the first column whose cells start with times.
      timeCol = block.header.findIndex((_, i) => block.rows.filter((r) => parseLead(r[i] ?? '', options).moment).length >= block.rows.length / 2);
    }
    if (timeCol < 0) return undefined;
    const zone = zoneHint(block.header[timeCol] ?? '') ?? group.zone;
    const out: RawEntry[] = [];
    for (const [r, row] of block.rows.entries()) {
      const timeText = [dateCol >= 0 && dateCol !== timeCol ? row[dateCol] : '', row[timeCol]].filter(Boolean).join(' ');
      const lead = parseLead(`${timeText} `, options);
      const others = row
        .map((cell, i) => ({ cell: cell.trim(), i }))
        .filter(({ cell, i }) => i !== timeCol && i !== dateCol && cell);
      const event = others
        .map(({ cell, i }, k) => (k === 0 || !block.header[i]?.trim() ? cell : `(${block.header[i]!.trim()}: ${cell})`))
        .join(' ');
      const leftoverTime = lead.moment || lead.unknownTime ? lead.event : timeText;
      const text = [leftoverTime, event].filter(Boolean).join(' ').trim();
      if (!text && !lead.moment) continue;
      out.push({
        ...(lead.moment ? { moment: lead.moment } : {}),
        ...(lead.until ? { until: lead.until } : {}),
        ...(lead.unknownTime ? { unknownTime: true } : {}),
        text: text || timeText,
        line: block.lines[r + 2]?.line ?? block.lines[0]!.line,
        ...groupFields({ ...group, ...(zone ? { zone } : {}) }),
      });
    }
    return out;
  }
}

function joinEvent(a: string, b: string): string {
  if (!a) return b;
  // "🚨 **Issue Detected**" followed by its details reads as "Issue Detected: details".
  return /[.!?:;…]$/.test(a.trim()) ? `${a} ${b}` : `${a}: ${b}`;
}

function looksLikeEntries(lines: SourceLine[]): boolean {
  const texts = lines.filter((l) => !l.code && l.text.trim()).map((l) => l.text.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, ''));
  if (!texts.length) return true;
  const timed = texts.filter((t) => parseLead(t).moment || UNKNOWN_TIME.test(t.replace(/^[\s*_`[(]*/, ''))).length;
  return timed > 0 && timed >= texts.length / 3;
}

const isMisleadingLabel = (text: string) => SELF_MISLEADING.test(text) && text.replace(/[^\p{L} ]/gu, '').trim().split(/\s+/).length <= 4;

/** An entry that says it was a wrong lead. */
const SELF_MISLEADING =
  /\bmislead|\bred herring\b|\bwrong (?:lead|path|track|direction|hypothesis|assumption|turn)\b|\bfalse (?:lead|trail|hypothesis|assumption)\b|\bdead[- ]end\b|\bwild goose\b|\brabbit hole\b|\b(?:turned|proved|proven) (?:out )?(?:to be )?(?:wrong|false|a red herring|unrelated|irrelevant|incorrect|a dead end|a distraction)\b|\bdistraction\b|\bunnecessary\b/i;

/** An entry that dismisses an earlier lead: the lead is the misleading one. */
const DISMISSES =
  /\bruled out\b|\brules? out\b|\bexcluded\b|\beliminated\b|\b(?:turned|proved|proven) out (?:to be )?(?:fine|healthy|normal|ok|okay|unrelated|irrelevant|innocent|not (?:the (?:cause|issue|problem|culprit)|related|involved|it)|wrong|a red herring|a dead end)\b|\b(?:was|were|is|are) not (?:the (?:root )?(?:cause|issue|problem|culprit)|related|involved)\b|\bnot the (?:root )?cause\b|\bfound no (?:issues?|problems?|errors?|anomal\w*)\b|\bno (?:issues?|problems?|anomal\w*) (?:were |was )?found\b|\b(?:looked|look|seemed|appeared) (?:fine|normal|healthy|ok)\b|\b(?:was|were) (?:fine|healthy|normal)\b|\bnothing (?:wrong|abnormal|unusual)\b|\bback to the drawing board\b/i;

const STOPWORDS = new Set(
  'the a an and or of to in on at for with by from as is was were be been being it its this that these those our we they their there then than but not no into onto via after before during while issue issues problem problems cause causes root still also all any some initial again back attention shifted team engineers engineer found looked checked check suspected suspect hypothesized hypothesis lead leads investigated investigation investigating turned out ruled rules fine healthy normal unrelated wrong potential possible likely being began started initiated completed'.split(
    ' ',
  ),
);
const keyWords = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !STOPWORDS.has(w))
      .map((w) => w.slice(0, 6)),
  );
/** The clause of `text` that contains the match of `re` (split at `;`, `,`, `.` and "but"). */
const clauseOf = (text: string, re: RegExp) =>
  text.split(/[;.,]|\bbut\b|\bso\b/i).find((c) => re.test(c)) ?? text;

export interface ResolvedEntry {
  event: string;
  line: number;
  at?: Date;
  until?: Date;
  kind: TimelineKind;
  misleading: boolean;
  approximate: boolean;
  /** The entry's time was written `??:??`. */
  unknownTime?: boolean;
  zone?: ZoneRef;
}

const RESOLVE_RULE: [RegExp, TimelineKind] = [
  /\bresolved\b|\b(?:service|services|site|website|functionality|access|connectivity|traffic|everything|systems?|apis?|apps?|logins?|payments?|operations?|search|checkout|uploads?)\s+(?:(?:was|were|is|are|fully|has|have|been|now|completely)\s+)*(?:restored|recovered|back)\b|\brestored (?:to normal|service|functionality|full|access)|\brecovered\b|\brecovery (?:complete|confirmed)|\bback to normal\b|\bback online\b|\bfully operational\b|\ball clear\b|\bincident (?:closed|resolved|over)\b|\bclosed the incident\b|\breturn(?:s|ed)? to normal\b|\bnormal again\b|\b(?:errors?|latency|alerts?|lag) (?:stopped|subsided|cleared|recovered|back to)\b|\b(?:stable again|all regions stable|stabili[sz]ed)\b|\bconfirmed (?:the )?fix\b|\bnormal (?:operations?|service|functionality) resumed\b|\b(?:backlog|queue|buffers?) (?:drained|cleared|empty)\b|\bup to date\b|\bback to (?:zero|100 ?%)|\bcorrect everywhere\b/i,
  'resolve',
];

/** The Google SRE book's markers, in any case: `OUTAGE BEGINS`, `INCIDENT MITIGATED`, `OUTAGE ENDS`. */
export const MARKERS = {
  begins: /\b(?:outage|incident) (?:begins|began|starts|started)\b/i,
  mitigated: /\b(?:outage|incident) mitigated\b/i,
  ends: /\b(?:outage|incident) (?:ends|ended|over)\b/i,
};

const KIND_RULES: [RegExp, TimelineKind][] = [
  [MARKERS.begins, 'trigger'],
  [MARKERS.mitigated, 'mitigate'],
  [MARKERS.ends, 'resolve'],
  // "Pager fires", "paged", "alert fires": how the incident was noticed, not what caused it.
  [/\b(?:pager|page|alert|alarm|pagerduty|opsgenie)s? (?:fires?|fired|goes off|went off|triggered|received)\b|^\s*(?:on-?call )?(?:was )?paged\b/i, 'detect'],
  RESOLVE_RULE,
  [/\bstatus ?page (?:updated|update|post(?:ed)?|notice|entry)\b|\b(?:updated?|posted (?:to|on)|post(?:ed)? an? (?:\w+ )?(?:update|notice) (?:to|on)) (?:the )?status ?page\b|\bannounc|\bcommunicat|\bnotif(?:y|ied|ication)s? (?:to )?(?:all )?(?:customers|users|stakeholders|clients|the public)\b|\b(?:customers|users|clients) (?:were |was )?(?:notified|informed|updated|emailed)\b|\btweet|\bpost(?:ed)? (?:an? |the )?(?:public )?update\b|\bupdate (?:was )?posted\b|\bemail(?:ed)? (?:to )?(?:all )?customers\b|\bincident (?:channel|room|bridge) (?:opened|created)\b/i, 'communicate'],
  [/\bescalat|\bpaged (?:the|in|a|an)\b|\bengaged (?:the |a |an )?[\w-]+ (?:team|engineers?|on-?call)\b|\bcalled in\b|\bbrought in\b|\bpulled in\b|\bhanded (?:over|off) to\b|\bincident commander\b|\bdeclared (?:a |an )?(?:sev|incident|major|outage)|\b(?:team|engineers?|on-?call|sre|devops|staff)\w* (?:was |were )?(?:notified|alerted|paged|called|contacted|engaged|looped in|brought in|involved)\b|\bnotified (?:the )?(?:team|on-?call|engineers?|sre|devops)\b/i, 'escalate'],
  [/\broll(?:ed|ing)? ?back\b|\brollback\b|\brevert|\brestart|\breboot|\bfail(?:ed)? ?over\b|\bfailover\b|\bmitigat|\bscal(?:ed|ing) (?:up|out|from|to)\b|\bdisabl|\bblock(?:ed|ing)\b|\bdrain|\bhotfix|\bpatch(?:ed|ing)\b|\bfix (?:deployed|applied|released|rolled out)\b|\b(?:deployed|applied|shipped|released) (?:a |the )?(?:fix|patch)\b|\bworkaround\b|\bkilled\b|\bflush|\bcorrected\b|\bincreased (?:the )?(?:limit|capacity|pool|memory|replicas?)|\bturned off\b|\bswitched (?:off|over|back)\b|\bre-?enabled\b|\bclear(?:ed)? (?:the )?cache|\breplaced\b|\bfixed\b|\badjusted\b|\bredeploy|\badded (?:to|the)\b|\braised (?:the )?\w+ (?:limit|count|capacity)|\bset (?:to|back to) \d|\berrors? (?:drop|fall|decrease)|\breloaded\b|\brestored (?:the )?(?:previous|old|backup)/i, 'mitigate'],
  [/\balert|\bdetected\b|\breports?\b|\breported\b|\breporting\b|\bnoticed\b|\bpage (?:fired|received)|\bpagerduty\b|\bopsgenie\b|\bmonitoring (?:system )?(?:detected|flagged|showed|reported|fired)|\b(?:users?|customers?|clients?) (?:reported|complained|started reporting)|\breports? (?:from|of) (?:users|customers)\b|\bsupport tickets?\b|\bfirst (?:report|sign|error|alarm)s?\b|\bdiscovered\b|\bspotted\b|\bobserved\b|\balarm/i, 'detect'],
  [/\binvestigat|\bhypothe|\bsuspect|\blook(?:ed|ing)? (?:at|into)\b|\bcheck(?:ed|ing)?\b|\bdebug|\bdiagnos|\bidentif|\bfound\b|\bruled out\b|\banaly[sz]|\bexamin|\btriag|\bassum|\bfocus|\bexplor|\bblam|\breview(?:ed|ing)?\b|\bcode review\b|\broot cause\b|\btraced\b|\bnarrowed\b|\bdug\b|\bshifted\b|\bconfirm|\bverif/i, 'investigate'],
  [/\bdeploy|\breleased?\b|\brolled out\b|\brollout\b|\bmerged\b|\bpushed\b|\bconfig(?:uration)? (?:change|update|push)\b|\bchange (?:was )?(?:made|applied|shipped)\b|\bmigration\b|\bupgraded?\b|\bspike[ds]?\b|\bexpired\b|\b(?:outage|incident|impact|errors?|problems?) (?:began|started|begins|starts)\b|\bwent down\b|\bcrash(?:ed|es)?\b|\bfail(?:ed|ure|ing)\b|\bdegrad|\bbegan\b|\bstarted\b|\bstarts\b|\bapplied\b|\bswitched to\b|\bmoved to\b|\bran out of\b|\bevict|\bout of memory\b|\boom\b|\bkicks? in\b/i, 'trigger'],
];

/** The phase an event belongs to, from its wording. */
export function inferKind(event: string): TimelineKind {
  for (const [re, kind] of KIND_RULES) if (re.test(event)) return kind;
  return 'note';
}

export interface ResolveContext {
  /** The incident's first day (from the start line, front matter, the title…). */
  date?: Required<CalendarDate>;
  /** The year for dates written without one. */
  year: number;
  zone: ZoneRef;
}

/**
 * Turns raw entries into timed entries: dates from the entry, its group or the incident,
 * midnight rollovers, zones, then kinds, misleading leads and `until` for work that was
 * started in one entry and completed in a later one.
 */
export function resolveTimeline(raw: RawEntry[], ctx: ResolveContext): ResolvedEntry[] {
  const out: ResolvedEntry[] = [];
  let running = ctx.date;
  let previous: Date | undefined;
  let lastGroup: CalendarDate | undefined;
  let lastOffset: number | undefined;
  for (const entry of raw) {
    const resolved: ResolvedEntry = {
      event: entry.text,
      line: entry.line,
      kind: 'note',
      misleading: false,
      approximate: Boolean(entry.moment?.approximate),
      ...(entry.unknownTime ? { unknownTime: true } : {}),
    };
    const zone = entry.moment?.zone ?? entry.zone ?? ctx.zone;
    if (entry.moment?.time) {
      let date: Required<CalendarDate> | undefined;
      let explicit = true;
      const withYear = (d: CalendarDate): Required<CalendarDate> => ({ year: d.year ?? running?.year ?? ctx.year, month: d.month, day: d.day });
      if (entry.moment.date) date = withYear(entry.moment.date);
      else if (entry.weekday !== undefined && (running ?? ctx.date)) {
        // The first day on or after the incident's (or the group's) day with that weekday.
        const from = running ?? ctx.date!;
        const weekdayOf = new Date(Date.UTC(from.year, from.month - 1, from.day)).getUTCDay();
        date = addDays(from, (entry.weekday - weekdayOf + 7) % 7);
      } else if (entry.daysAfterPrevious !== undefined && (running ?? ctx.date)) date = addDays(running ?? ctx.date!, entry.daysAfterPrevious);
      else if (entry.groupDate && entry.groupDate !== lastGroup) date = withYear(entry.groupDate);
      else if (entry.dayOffset !== undefined && entry.dayOffset !== lastOffset && ctx.date) date = addDays(ctx.date, entry.dayOffset);
      else {
        date = running;
        explicit = false;
      }
      lastGroup = entry.groupDate;
      lastOffset = entry.dayOffset;
      if (date) {
        let at = toInstant(date, entry.moment.time, zone);
        // Midnight rollover: a time more than six hours before the previous one is the next day.
        while (!explicit && previous && previous.getTime() - at.getTime() > 6 * 3600_000) {
          date = addDays(date, 1);
          at = toInstant(date, entry.moment.time, zone);
        }
        resolved.at = at;
        resolved.zone = zone;
        running = date;
        previous = at;
        if (entry.until?.time) {
          const untilDate = entry.until.date ? withYear(entry.until.date) : date;
          let until = toInstant(untilDate, entry.until.time, entry.until.zone ?? zone);
          if (until < at && !entry.until.date) until = toInstant(addDays(untilDate, 1), entry.until.time, entry.until.zone ?? zone);
          resolved.until = until;
        }
      }
    }
    resolved.kind = entry.kind ?? inferKind(resolved.event);
    if (SELF_MISLEADING.test(resolved.event) || entry.misleadingGroup) resolved.misleading = true;
    out.push(resolved);
  }
  markDismissedLeads(out);
  markCompletions(out);
  return out;
}

/** "Network issues ruled out" marks the latest earlier entry about the network as misleading. */
function markDismissedLeads(entries: ResolvedEntry[]) {
  for (const [i, entry] of entries.entries()) {
    if (!DISMISSES.test(entry.event)) continue;
    // The subject is in the clause that dismisses ("Network issues ruled out"), or elsewhere in
    // the entry when that clause has none ("Checked database logs, found no issues").
    let subject = keyWords(clauseOf(entry.event, DISMISSES));
    if (!subject.size) subject = keyWords(entry.event);
    let found = false;
    for (let j = i - 1; j >= 0 && j >= i - 6 && subject.size; j--) {
      const earlier = entries[j]!;
      if ([...keyWords(earlier.event)].some((w) => subject.has(w))) {
        earlier.misleading = true;
        if (!earlier.until && earlier.at && entry.at && entry.at > earlier.at) earlier.until = entry.at;
        found = true;
        break;
      }
    }
    // "We checked the database, it turned out to be fine": the entry is its own dead end.
    if (!found && /\b(?:turned|proved|proven) out\b/i.test(entry.event)) entry.misleading = true;
  }
}

/** "Rollback initiated" … "after rollback completed": the first lasts until the second. */
function markCompletions(entries: ResolvedEntry[]) {
  const STARTS = /\b(?:initiated|started|began|begun|kicked off|underway|under way|in progress|starting|beginning)\b/i;
  const ENDS = /\b(?:completed?|finished|done|complete)\b/i;
  for (const [i, entry] of entries.entries()) {
    if (!entry.at || entry.until || !STARTS.test(entry.event)) continue;
    const subject = keyWords(clauseOf(entry.event, STARTS));
    for (const later of entries.slice(i + 1)) {
      if (!later.at || !ENDS.test(later.event)) continue;
      if ([...keyWords(clauseOf(later.event, ENDS))].some((w) => subject.has(w))) {
        if (later.at > entry.at) entry.until = later.at;
        break;
      }
    }
  }
}

/** Entries in time order: timed ones sorted (stably), untimed ones kept after their predecessor. */
export function sortEntries(entries: ResolvedEntry[]): { entries: ResolvedEntry[]; reordered: boolean } {
  const groups: ResolvedEntry[][] = [];
  for (const e of entries) {
    if (e.at || !groups.length) groups.push([e]);
    else groups[groups.length - 1]!.push(e);
  }
  // Only the first group can start untimed (notes before the first time): it stays first.
  const head = groups[0] && !groups[0][0]!.at ? groups.shift()! : [];
  const sorted = groups.map((g, i) => ({ g, i })).sort((a, b) => a.g[0]!.at!.getTime() - b.g[0]!.at!.getTime() || a.i - b.i);
  const reordered = sorted.some((s, i) => s.i !== i);
  return { entries: [...head, ...sorted.flatMap((s) => s.g)], reordered };
}

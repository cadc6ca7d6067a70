/**
 * A new postmortem as a draft file that passes `npm run check` as it is: every required field
 * holds a placeholder, every section of the page has a one-line hint (YAML comments next to its
 * fields), and the body has headings that do not collide with the page's fixed sections.
 */
import { CAUSE_CATEGORIES, SEVERITIES, type CauseCategory, type Severity } from './schema.ts';
import { isoInZone } from './time.ts';
import { postmortemId } from '../import/facts.ts';

export interface ScaffoldInput {
  title: string;
  severity: Severity;
  services: string[];
  started: Date;
  timezone: string;
  category?: CauseCategory;
  summary?: string;
  authors?: string[];
}

const q = (text: string) => JSON.stringify(text);
const list = (items: string[]) => `[${items.map(q).join(', ')}]`;

export function scaffoldPostmortem(input: ScaffoldInput): { id: string; mdx: string } {
  const started = isoInZone(input.started, input.timezone);
  const id = postmortemId(input.started, input.timezone, input.title);
  const mdx = `---
# Draft made by \`npm run new\`. Replace every TODO, run \`npm run check\`, then set status: review.
title: ${q(input.title)}
# Summary: one or two sentences for lists, feeds and search results.
summary: ${q(input.summary ?? 'TODO: what happened and what it did to users, in one or two sentences.')}
status: draft # draft | review | published; drafts are left out of production builds
visibility: internal # internal | public
severity: ${input.severity} # ${SEVERITIES.join(' | ')} (SEV1 is the worst)
services: ${list(input.services)} # affected service ids (content/services/)
tags: []
authors: ${list(input.authors ?? [])}
timezone: ${q(input.timezone)} # IANA zone; datetimes without an offset are read in it
started: ${q(started)} # impact began
# detected: "${started}" # someone or something noticed
# mitigated: "${started}" # impact stopped or was contained
resolved: ${q(started)} # incident over; TODO: set the real end (not before started)
# Impact: who was affected, how, how many.
impact:
  summary: "TODO: who was affected and what they saw."
  # usersAffectedPercent: 0
  # requestsFailedPercent: 0
  # customers: 0
  # dataLoss: false
# Root cause: why it happened, in a paragraph, with its category.
cause:
  category: ${input.category ?? 'unknown'} # ${CAUSE_CATEGORIES.join(' | ')}
  summary: "TODO: the root cause, in a paragraph."
  # trigger: "The change or event that set it off."
  factors: [] # contributing factors, one string each
# Resolution: what fixed it, in a paragraph.
resolution: "TODO: what fixed it."
# detection:
#   method: monitoring # monitoring | customer | employee | test | vendor | other
#   details: "Which alert or report."
# Timeline: one entry per event, in time order. kind: trigger | detect | investigate | escalate |
# mitigate | resolve | communicate | note; misleading: true for a lead that turned out wrong;
# approximate: true for a guessed time; an entry without at is an untimed note.
timeline:
  - at: ${q(started)}
    event: "TODO: the first thing that happened."
    kind: trigger
# Action items: one actionable sentence each. type: prevent | mitigate | detect | process;
# status: open | in-progress | done | wont-do; priority: P0–P3; due: YYYY-MM-DD; ticket: key or URL;
# closed: YYYY-MM-DD, when it was done or dropped (not before the incident started).
actions: []
#  - title: "TODO: what we will change."
#    type: prevent
#    owner: team-name
#    priority: P2
#    status: open
#    due: "YYYY-MM-DD"
#    closed: "YYYY-MM-DD"
# Lessons: what went well, what went wrong, where we got lucky.
lessons:
  wentWell: []
  wentWrong: []
  lucky: []
related: [] # ids of related postmortems
---

## Background

{/* One line: what a reader needs to know first (what the system does, what had just changed). */}

## What happened

{/* One line: the story in prose; summary, impact, timeline, root cause, resolution, action items and lessons come from the fields above. */}
`;
  return { id, mdx };
}

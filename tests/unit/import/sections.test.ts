import { describe, expect, it } from 'vitest';
import { classifyHeading, parseSections, walk, type Section } from '../../../src/lib/import/sections.ts';

const outline = (source: string) => [...walk(parseSections(source))].map((s: Section) => `${s.kind}:${s.heading}${s.inline ? `=${s.inline}` : ''}`);

describe('section meaning', () => {
  it.each([
    ['Issue Summary', 'summary'],
    ['Summary of the outage', 'summary'],
    ['Overview', 'summary'],
    ['TL;DR', 'summary'],
    ['🔴 INCIDENT SUMMARY', 'summary'],
    ['1  Summary', 'summary'],
    ['Root Causes', 'cause'],
    ['Cause', 'cause'],
    ['Root Cuase', 'cause'],
    ['Why it happened', 'cause'],
    ['Root Cause and Resolution', 'causeResolution'],
    ['Corrective and Preventative Measures', 'actions'],
    ['Corective and Preventive Meassures', 'actions'],
    ['Action Items', 'actions'],
    ['Follow-up', 'actions'],
    ['Next steps', 'actions'],
    ['Lessons learned', 'lessons'],
    ['What went well', 'wentWell'],
    ['What went wrong', 'wentWrong'],
    ['Where we got lucky', 'lucky'],
    ['Trigger', 'trigger'],
    ['Detection', 'detection'],
    ['Impact', 'impact'],
    ['Customer impact', 'impact'],
    ['⏱️ Timline', 'timeline'],
    ['Timeline (all times in PT)', 'timeline'],
    ['Resolution and recovery', 'resolution'],
    ['Resoultion', 'resolution'],
    ['Duration of the Outage', 'duration'],
    ['Start Time', 'start'],
    ['End', 'end'],
    ['Severity', 'severity'],
    ['Affected services', 'services'],
    ['Postmortem', 'title'],
    ['Fun Fact', 'unknown'],
    ['Background', 'unknown'],
  ])('%s → %s', (heading, kind) => {
    expect(classifyHeading(heading)).toBe(kind);
  });
});

describe('section shapes', () => {
  it('finds # headings, bold lines and Label: lines, nested', () => {
    expect(outline('## Issue Summary\n\n**Duration of the Outage:**\nStart: June 5, 14:00 UTC\nEnd: June 5, 15:30 UTC\n\n**Impact:**\nSlow.\n')).toEqual([
      'summary:Issue Summary',
      'duration:Duration of the Outage',
      'start:Start=June 5, 14:00 UTC',
      'end:End=June 5, 15:30 UTC',
      'impact:Impact',
    ]);
  });

  it('finds underlined titles and ALL CAPS lines', () => {
    expect(outline('Login outage\n============\n\nSummary\n-------\nText.\n\nROOT CAUSE\n\nA bug.\n')).toEqual(['unknown:Login outage', 'summary:Summary', 'cause:ROOT CAUSE']);
  });

  it('finds bold labels with text after them, in bullets too', () => {
    expect(outline('- **Duration:** 02:30 - 05:45 UTC\n- **Impact:** Everything down.\n- **Root Cause:** Bad config.\n')).toEqual([
      'duration:Duration=02:30 - 05:45 UTC',
      'impact:Impact=Everything down.',
      'cause:Root Cause=Bad config.',
    ]);
  });

  it('keeps labels inside a timeline as entries, but ends the timeline at a section name', () => {
    const root = parseSections('**Timeline**\n- **Detection Time:** 10:30 UTC\n- **Resolution:** restarted\nRoot cause: a bad flag\n');
    expect(root.children.map((s) => s.kind)).toEqual(['timeline', 'cause']);
    expect(root.children[0]!.lines.map((l) => l.text)).toEqual(['- **Detection Time:** 10:30 UTC', '- **Resolution:** restarted']);
  });

  it('splits wiki lines joined with <br>', () => {
    const root = parseSections('**Timeline (EAT)**<br>09:00 switch<br>09:05 errors');
    expect(root.children[0]!.kind).toBe('timeline');
    expect(root.children[0]!.lines.map((l) => [l.text, l.line])).toEqual([['09:00 switch', 1], ['09:05 errors', 1]]);
  });

  it('never finds headings inside code', () => {
    expect(outline('## Notes\n```\n# not a heading\n**Impact:**\n```\n')).toEqual(['unknown:Notes']);
  });

  it('reads a line that only states the zone as a fact', () => {
    expect(outline('## Timeline\nAll times are IST.\n- 09:12 alert')).toEqual(['timeline:Timeline', 'timezone:Time zone=All times are IST.']);
  });
});

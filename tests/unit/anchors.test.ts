import { describe, expect, it } from 'vitest';
import { actionAnchors, dedupeAnchors, slugOf, timelineAnchor, timelineAnchors } from '../../src/lib/format/anchors.ts';

const at = (iso: string) => new Date(iso);

describe('slugOf', () => {
  it('takes the first meaningful words, lowercase ASCII, hyphenated', () => {
    expect(slugOf('Engineers hypothesize a network issue and check the network infrastructure.', 2)).toBe('engineers-hypothesize');
    expect(slugOf('The unoptimized query is identified', 3)).toBe('unoptimized-query-identified');
    expect(slugOf('Café führt Überprüfung durch', 3)).toBe('cafe-fuhrt-uberprufung');
    expect(slugOf('Queue age passes 10 minutes <script>alert(1)</script>', 4)).toBe('queue-age-passes-10');
  });

  it('keeps stop words when there is nothing else, and never returns an empty slug', () => {
    expect(slugOf('It is on', 2)).toBe('it-is');
    expect(slugOf('障害発生', 2)).toMatch(/^x[0-9a-z]{7}$/);
    expect(slugOf('障害発生', 2)).toBe(slugOf('障害発生', 2));
    expect(slugOf('障害発生', 2)).not.toBe(slugOf('復旧', 2));
  });

  it('caps the length at a word boundary', () => {
    const slug = slugOf('Supercalifragilisticexpialidocious antidisestablishmentarianism words', 4);
    expect(slug).toBe('supercalifragilisticexpialidocious');
    expect(slugOf('x'.repeat(80), 2)).toHaveLength(40);
  });
});

describe('timeline anchors', () => {
  it('use the wall-clock time in the incident zone plus a slug of the event', () => {
    expect(timelineAnchor({ at: at('2024-06-05T14:15:00Z'), event: 'Engineers hypothesize a network issue' }, 'UTC')).toBe('t-1415-engineers-hypothesize');
    expect(timelineAnchor({ at: at('2023-03-10T21:30:00Z'), event: 'Consumer v2 deployed' }, 'Europe/Berlin')).toBe('t-2230-consumer-v2');
  });

  it('use the slug alone (with more words) for untimed entries', () => {
    expect(timelineAnchor({ event: 'A code update with an unoptimized SQL query is deployed' }, 'UTC')).toBe('t-code-update-unoptimized-sql');
  });

  it('are unique within a timeline, deterministically', () => {
    const timeline = [
      { at: at('2024-06-05T14:15:00Z'), event: 'Rollback started' },
      { at: at('2024-06-06T14:15:00Z'), event: 'Rollback started again' },
      { at: at('2024-06-07T14:15:00Z'), event: 'Rollback started, third time' },
    ];
    expect(timelineAnchors(timeline, 'UTC')).toEqual(['t-1415-rollback-started', 't-1415-rollback-started-2', 't-1415-rollback-started-3']);
    expect(timelineAnchors(timeline, 'UTC')).toEqual(timelineAnchors(timeline, 'UTC'));
  });

  it('stay the same when an unrelated entry is inserted, removed or edited', () => {
    const timeline = [
      { at: at('2024-06-05T14:00:00Z'), event: 'Alert fires' },
      { at: at('2024-06-05T14:15:00Z'), event: 'Engineers hypothesize a network issue' },
      { event: 'Someone restarted a consumer' },
      { at: at('2024-06-05T15:30:00Z'), event: 'Service restored' },
    ];
    const before = timelineAnchors(timeline, 'UTC');
    const inserted = timelineAnchors([{ at: at('2024-06-05T13:50:00Z'), event: 'Deploy goes out' }, ...timeline], 'UTC');
    expect(inserted.slice(1)).toEqual(before);
    const edited = timelineAnchors(timeline.map((e, i) => (i === 0 ? { ...e, event: 'Latency alert fires' } : e)), 'UTC');
    expect(edited.slice(1)).toEqual(before.slice(1));
    expect(timelineAnchors(timeline.slice(1), 'UTC')).toEqual(before.slice(1));
  });
});

describe('action anchors', () => {
  it('are a- plus a slug of the title, unique', () => {
    expect(actionAnchors([{ title: 'Patch and redeploy the optimized query with proper indexing.' }, { title: 'Alert on queue age over 5 minutes' }, { title: 'Alert on queue age over 5 minutes' }])).toEqual([
      'a-patch-redeploy-optimized-query',
      'a-alert-queue-age-over',
      'a-alert-queue-age-over-2',
    ]);
  });
});

describe('dedupeAnchors', () => {
  it('never produces a duplicate, even when a suffixed form already exists', () => {
    const out = dedupeAnchors(['a-x', 'a-x-2', 'a-x', 'a-x']);
    expect(new Set(out).size).toBe(4);
    expect(out).toEqual(['a-x', 'a-x-2', 'a-x-3', 'a-x-4']);
  });
});

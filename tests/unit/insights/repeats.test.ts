import { describe, expect, it } from 'vitest';
import { findRepeats } from '../../../src/lib/insights/repeats.ts';
import { isListed } from '../../../src/lib/site/listing.ts';
import { entry } from './helpers.ts';

const WINDOW = 180;

describe('repeat incidents', () => {
  it('flags an incident sharing a service and the cause category within the window', () => {
    const repeats = findRepeats(
      [entry('a', { started: '2024-01-01T10:00:00Z', services: ['checkout', 'checkout-db'] }), entry('b', { started: '2024-03-01T10:00:00Z', services: ['checkout-db', 'search'] })],
      WINDOW,
    );
    expect([...repeats.keys()]).toEqual(['b']);
    expect(repeats.get('b')).toMatchObject({ id: 'b', earlier: 'a', sharedServices: ['checkout-db'], category: 'database', daysAfter: 60 });
  });

  it('counts exactly 180 days as inside the window, a minute more as outside', () => {
    // 2024-01-01 10:00 + 180 days = 2024-06-29 10:00 (UTC, no DST)
    const inside = findRepeats([entry('a', { started: '2024-01-01T10:00:00Z' }), entry('b', { started: '2024-06-29T10:00:00Z' })], WINDOW);
    expect(inside.get('b')?.earlier).toBe('a');
    expect(inside.get('b')?.daysAfter).toBe(180);
    const outside = findRepeats([entry('a', { started: '2024-01-01T10:00:00Z' }), entry('b', { started: '2024-06-29T10:01:00Z' })], WINDOW);
    expect(outside.size).toBe(0);
  });

  it('follows the window setting', () => {
    const entries = [entry('a', { started: '2024-01-01T10:00:00Z' }), entry('b', { started: '2024-01-31T10:00:00Z' })];
    expect(findRepeats(entries, 30).size).toBe(1);
    expect(findRepeats(entries, 29).size).toBe(0);
  });

  it('needs the same cause: same service with a different cause is no repeat', () => {
    const repeats = findRepeats([entry('a', { started: '2024-01-01T10:00:00Z', category: 'database' }), entry('b', { started: '2024-01-05T10:00:00Z', category: 'network' })], WINDOW);
    expect(repeats.size).toBe(0);
  });

  it('needs a shared service: same cause elsewhere is no repeat', () => {
    const repeats = findRepeats([entry('a', { started: '2024-01-01T10:00:00Z', services: ['search'] }), entry('b', { started: '2024-01-05T10:00:00Z', services: ['checkout'] })], WINDOW);
    expect(repeats.size).toBe(0);
  });

  it('never pairs unknown causes, nor incidents that started at the same moment', () => {
    expect(findRepeats([entry('a', { category: 'unknown', started: '2024-01-01T10:00:00Z' }), entry('b', { category: 'unknown', started: '2024-01-02T10:00:00Z' })], WINDOW).size).toBe(0);
    expect(findRepeats([entry('a', { started: '2024-01-01T10:00:00Z' }), entry('b', { started: '2024-01-01T10:00:00Z' })], WINDOW).size).toBe(0);
  });

  it('names the latest earlier incident, whatever the input order', () => {
    const repeats = findRepeats(
      [entry('c', { started: '2024-03-01T10:00:00Z' }), entry('a', { started: '2024-01-01T10:00:00Z' }), entry('b', { started: '2024-02-01T10:00:00Z', services: ['checkout', 'search'] })],
      WINDOW,
    );
    expect(repeats.get('b')?.earlier).toBe('a');
    expect(repeats.get('c')?.earlier).toBe('b');
  });

  it('ignores drafts: a build that leaves them out finds no repeat through them', () => {
    const all = [
      entry('a', { started: '2024-01-01T10:00:00Z', status: 'draft' }),
      entry('b', { started: '2024-02-01T10:00:00Z' }),
      entry('c', { started: '2024-03-01T10:00:00Z', status: 'draft' }),
    ];
    const published = all.filter((e) => isListed(e.data, { includeDrafts: false, publicOnly: false }));
    expect(findRepeats(published, WINDOW).size).toBe(0);
  });

  it("says whether the earlier incident's prevent actions were done before the repeat started", () => {
    const earlier = entry('a', {
      started: '2024-01-01T10:00:00Z',
      actions: [
        { title: 'Index the table', type: 'prevent', status: 'done', closed: '2024-01-20' },
        { title: 'Review queries', type: 'prevent', status: 'done', closed: '2024-03-01' }, // the repeat's day: before it
        { title: 'Load test', type: 'prevent', status: 'done', closed: '2024-03-02' }, // after
        { title: 'Shard it', type: 'prevent', status: 'in-progress' },
        { title: 'Old done item', type: 'prevent', status: 'done' }, // no closed date: not known to be before
        { title: 'Alert on latency', type: 'detect', status: 'done', closed: '2024-01-10' },
      ],
    });
    const repeat = findRepeats([earlier, entry('b', { started: '2024-03-01T10:00:00Z' })], WINDOW).get('b')!;
    expect(repeat.prevent).toEqual([
      { title: 'Index the table', doneBefore: true },
      { title: 'Review queries', doneBefore: true },
      { title: 'Load test', doneBefore: false },
      { title: 'Shard it', doneBefore: false },
      { title: 'Old done item', doneBefore: false },
    ]);
  });
});

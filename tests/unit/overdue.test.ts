import { describe, expect, it } from 'vitest';
import { buildDate, isOverdue } from '../../src/lib/insights/overdue.ts';

const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe('build date', () => {
  it('is the UTC day of the build', () => {
    expect(buildDate({}, new Date('2026-12-02T23:30:00-05:00')).toISOString()).toBe('2026-12-03T00:00:00.000Z');
  });
  it('follows SOURCE_DATE_EPOCH when set', () => {
    expect(buildDate({ SOURCE_DATE_EPOCH: String(Date.UTC(2025, 0, 15, 12) / 1000) }).toISOString()).toBe('2025-01-15T00:00:00.000Z');
  });
});

describe('overdue', () => {
  const asOf = day('2025-03-10');
  it('counts open and in-progress items due before the build date', () => {
    expect(isOverdue({ status: 'open', due: day('2025-03-09') }, asOf)).toBe(true);
    expect(isOverdue({ status: 'in-progress', due: day('2025-03-09') }, asOf)).toBe(true);
  });
  it('does not count an item due today', () => {
    expect(isOverdue({ status: 'open', due: day('2025-03-10') }, asOf)).toBe(false);
  });
  it('does not count done or dropped items, or items without a due date', () => {
    expect(isOverdue({ status: 'done', due: day('2025-01-01') }, asOf)).toBe(false);
    expect(isOverdue({ status: 'wont-do', due: day('2025-01-01') }, asOf)).toBe(false);
    expect(isOverdue({ status: 'open', due: undefined }, asOf)).toBe(false);
  });
});

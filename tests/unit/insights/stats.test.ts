import { describe, expect, it } from 'vitest';
import { median, p90, spread } from '../../../src/lib/insights/stats.ts';

describe('median', () => {
  it('is the middle value of an odd count, whatever the order', () => {
    expect(median([7, 1, 3])).toBe(3);
    expect(median([5])).toBe(5);
  });
  it('is the mean of the two middle values of an even count', () => {
    expect(median([10, 1, 4, 3])).toBe(3.5);
    expect(median([2, 8])).toBe(5);
  });
  it('is undefined for an empty list', () => {
    expect(median([])).toBeUndefined();
  });
});

describe('p90 (nearest rank)', () => {
  it('is the value at rank ceil(0.9 n)', () => {
    const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(p90(ten)).toBe(90);
    expect(p90([...ten, 110])).toBe(100); // n = 11: rank 10
    expect(p90([3, 1, 2])).toBe(3); // n = 3: rank 3
    expect(p90([4, 1])).toBe(4); // n = 2: rank 2
    expect(p90([42])).toBe(42);
  });
  it('is undefined for an empty list', () => {
    expect(p90([])).toBeUndefined();
  });
});

describe('spread', () => {
  it('leaves out missing values and says how many it rests on', () => {
    expect(spread([30, undefined, 10, 20, undefined])).toEqual({ median: 20, p90: 30, n: 3 });
  });
  it('is null with n = 0 when nothing is there', () => {
    expect(spread([undefined, undefined])).toEqual({ median: null, p90: null, n: 0 });
    expect(spread([])).toEqual({ median: null, p90: null, n: 0 });
  });
});

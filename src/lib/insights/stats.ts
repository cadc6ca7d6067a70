/**
 * Summary statistics for long-tailed figures (incident durations): the median and the 90th
 * percentile, never the mean, each with the number of values it rests on.
 */

/** Median: the middle value; of an even count, the mean of the two middle values. Undefined when empty. */
export function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** 90th percentile by nearest rank: the value at rank ⌈0.9·n⌉ (1-based) of the sorted list. Undefined when empty. */
export function p90(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.9 * sorted.length) - 1];
}

export interface Spread {
  median: number | null;
  p90: number | null;
  /** How many values the figures rest on. */
  n: number;
}

/** Median, p90 and n of the values that are there (undefined ones, e.g. a missing timestamp, are left out). */
export function spread(values: readonly (number | undefined)[]): Spread {
  const present = values.filter((v): v is number => v !== undefined);
  return { median: median(present) ?? null, p90: p90(present) ?? null, n: present.length };
}

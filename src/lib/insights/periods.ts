/** The periods insights group incidents by: the year and quarter of `started`, in UTC. */

export const utcYear = (date: Date) => date.getUTCFullYear();

/** `2024-Q2`. */
export const utcQuarter = (date: Date) => `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;

/** Every year from the first to the last, gaps included (a quiet year is a figure too). */
export function yearRange(years: readonly number[]): number[] {
  if (!years.length) return [];
  const first = Math.min(...years);
  const last = Math.max(...years);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Every quarter from the first to the last of `dates`, gaps included. */
export function quarterRange(dates: readonly Date[]): string[] {
  if (!dates.length) return [];
  const index = (d: Date) => d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
  const first = Math.min(...dates.map(index));
  const last = Math.max(...dates.map(index));
  return Array.from({ length: last - first + 1 }, (_, i) => `${Math.floor((first + i) / 4)}-Q${((first + i) % 4) + 1}`);
}

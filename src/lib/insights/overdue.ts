/**
 * The build date and overdue action items. A static page cannot know today, so every figure that
 * depends on the date is "as of" the day the site was built.
 */
import type { ActionItem } from '../format/schema.ts';

/**
 * The day the build runs, as UTC midnight. `SOURCE_DATE_EPOCH` (seconds, the reproducible-builds
 * convention) fixes it, so a build can be repeated with the same figures.
 */
export function buildDate(env: Record<string, string | undefined> = process.env, now = new Date()): Date {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  const instant = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : now;
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
}

/** Open or in progress, with a due date before the build date (due today is not overdue yet). */
export function isOverdue(action: Pick<ActionItem, 'status' | 'due'>, asOf: Date): boolean {
  return (action.status === 'open' || action.status === 'in-progress') && action.due !== undefined && action.due.getTime() < asOf.getTime();
}

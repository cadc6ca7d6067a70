/**
 * How the diagrams integration hands its work to the pages of the same build: a process-wide
 * registry (Astro prerenders pages in the build's own process). It maps each postmortem to its
 * Gantt source and cache keys, and lets a page wait for exactly its own diagram while the batch
 * renders the rest, so rendering overlaps the build instead of preceding it.
 */
const KEY = Symbol.for('hindsight.diagrams.registry');

export interface ChartPlan {
  source: string;
  /** Cache key of the light rendering (the dark palette is a shared stylesheet, `darkStyleKey`). */
  key: string;
  untimed: number;
  outside: number;
  charted: number;
}

export interface DiagramRegistry {
  charts: Map<string, ChartPlan>;
  darkStyleKey: string;
  ready(key: string): Promise<void>;
}

type Holder = { [KEY]?: DiagramRegistry };

export const setRegistry = (registry: DiagramRegistry | undefined) => {
  (globalThis as Holder)[KEY] = registry;
};
export const getRegistry = (): DiagramRegistry | undefined => (globalThis as Holder)[KEY];

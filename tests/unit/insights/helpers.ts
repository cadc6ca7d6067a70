/** Postmortems for the insights tests, read through the real schema from front-matter-like input. */
import { postmortemSchema, type Postmortem, type PostmortemInput } from '../../../src/lib/format/schema.ts';

export type Overrides = Partial<Omit<PostmortemInput, 'cause'>> & { category?: PostmortemInput['cause']['category'] };

export function postmortem({ category = 'database', ...overrides }: Overrides = {}): Postmortem {
  const started = overrides.started ?? '2024-06-05T14:00:00Z';
  return postmortemSchema.parse({
    title: 'An incident',
    summary: 'Something broke.',
    severity: 'SEV2',
    services: ['checkout'],
    started,
    resolved: overrides.resolved ?? started.replace(/T\d\d:/, 'T23:'),
    impact: { summary: 'Slow.' },
    cause: { category, summary: 'A cause.' },
    resolution: 'Fixed.',
    timeline: [{ at: started, event: 'It began.' }],
    ...overrides,
  });
}

export const entry = (id: string, overrides: Overrides = {}) => ({ id, data: postmortem(overrides) });
export const day = (text: string) => new Date(`${text}T00:00:00Z`);

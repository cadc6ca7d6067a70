/**
 * Runbooks and services as data: `content/runbooks/<id>.yaml` and `content/services/<id>.yaml`.
 * Like schema.ts for postmortems, these Zod schemas are the single source of truth: the content
 * collections, `npm run check`, the types and the JSON API all use them. References between
 * collections (a postmortem's services and runbooks, a runbook's services, a service's runbooks)
 * are checked in references.ts, which sees every file.
 */
import { z } from 'astro/zod';
import { ID_PATTERN, VISIBILITIES } from './schema.ts';
import { httpUrl, nameOrHttpUrl } from './urls.ts';

const text = z.string().trim().min(1, { error: 'must not be empty' });
const identifier = z
  .string()
  .regex(ID_PATTERN, { error: (issue) => `expected lowercase letters, digits and hyphens (like "checkout-api"), got ${JSON.stringify(issue.input)}` });
/** Like a postmortem's: public builds publish a runbook or service only when it is public or a published postmortem names it. */
const visibility = z
  .enum(VISIBILITIES, { error: (issue) => `expected internal | public, got ${JSON.stringify(issue.input)}` })
  .default('internal')
  .describe('Public builds (HINDSIGHT_VISIBILITY=public) publish it when it is public or a published postmortem names it.');

export const runbookSchema = z.strictObject({
  id: identifier.describe('Must equal the file name without .yaml.'),
  title: text.describe('One line.'),
  url: httpUrl.describe('Where the runbook itself lives (wiki, runbook tool, repository): an http(s) URL.'),
  services: z.array(identifier).default([]).describe('Service ids the runbook is for.'),
  description: text.optional().describe('What the runbook covers.'),
  visibility,
});

export const serviceSchema = z.strictObject({
  id: identifier.describe('Must equal the file name without .yaml.'),
  name: text.describe('Display name.'),
  owner: text.describe('The owning team.'),
  runbooks: z.array(nameOrHttpUrl('a runbook id')).default([]).describe('Runbook ids, or http(s) URLs of runbooks kept elsewhere.'),
  description: text.optional().describe('What the service does.'),
  visibility,
});

export type Runbook = z.output<typeof runbookSchema>;
export type Service = z.output<typeof serviceSchema>;

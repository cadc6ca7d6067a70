import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { formatReferenceMarkdown, postmortemFieldRows } from '../../src/lib/format/reference.ts';

const rows = postmortemFieldRows();
const byPath = new Map(rows.map((r) => [r.path, r]));

describe('format reference generated from the schema', () => {
  it('lists required fields, defaults and allowed values', () => {
    expect(byPath.get('severity')).toMatchObject({ required: true, values: ['SEV1', 'SEV2', 'SEV3', 'SEV4'], description: 'SEV1 is the worst.' });
    expect(byPath.get('status')).toMatchObject({ required: false, default: 'published' });
    expect(byPath.get('timeline[].kind')).toMatchObject({ default: 'note' });
    expect(byPath.get('impact.usersAffectedPercent')?.type).toBe('number 0–100');
    expect(byPath.get('cause.category')?.values).toContain('software-bug');
  });

  // The format's fixed names: tools, runbooks and the importer depend on them. Fields may be added;
  // none of these may be renamed or dropped.
  it('keeps every field name the format fixes', () => {
    const frontMatter = ['title', 'summary', 'status', 'visibility', 'severity', 'services', 'tags', 'authors', 'timezone', 'started', 'detected', 'mitigated', 'resolved', 'impact', 'cause', 'resolution', 'detection', 'timeline', 'actions', 'lessons', 'related', 'runbooks', 'aliases', 'sources', 'public'];
    const nested = ['impact.summary', 'impact.usersAffectedPercent', 'impact.requestsFailedPercent', 'impact.customers', 'impact.dataLoss', 'cause.category', 'cause.summary', 'cause.trigger', 'cause.factors', 'detection.method', 'detection.details', 'lessons.wentWell', 'lessons.wentWrong', 'lessons.lucky'];
    const timeline = ['at', 'event', 'kind', 'misleading', 'approximate', 'until'].map((n) => `timeline[].${n}`);
    const actions = ['title', 'type', 'owner', 'status', 'priority', 'due', 'ticket', 'closed'].map((n) => `actions[].${n}`);
    for (const path of [...frontMatter, ...nested, ...timeline, ...actions]) expect(byPath.has(path), path).toBe(true);
  });

  it('docs/format.md is the generated reference (run `npm run docs` when this fails)', () => {
    expect(readFileSync('docs/format.md', 'utf8')).toBe(formatReferenceMarkdown());
  });

  it('documents services and runbooks too, and every fixed section anchor', () => {
    const markdown = formatReferenceMarkdown();
    expect(markdown).toContain('## Service (content/services/<id>.yaml)');
    expect(markdown).toContain('| `owner` | string | yes | The owning team. |');
    expect(markdown).toContain('## Runbook (content/runbooks/<id>.yaml)');
    for (const anchor of ['#summary', '#impact', '#timeline', '#root-cause', '#resolution', '#actions', '#lessons']) expect(markdown).toContain(`\`${anchor}\``);
  });
});

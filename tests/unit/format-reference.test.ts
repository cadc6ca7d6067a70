import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { postmortemFieldRows } from '../../src/lib/format/reference.ts';

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

  // The shared format contract (../shared/FORMAT.md) names the fields: the schema must have each.
  const formatDoc = new URL('../../../shared/FORMAT.md', import.meta.url);
  it.runIf(existsSync(formatDoc))('covers every field the shared format names', () => {
    const doc = readFileSync(formatDoc, 'utf8');
    const section = (title: string) => doc.slice(doc.indexOf(title)).split('\n## ')[0]!.split('\n### ')[0]!;
    const names = (text: string) => [...text.matchAll(/^\| `([a-zA-Z]+)` \|/gm)].map((m) => m[1]!);
    expect(names(section('## Front matter')).length).toBeGreaterThanOrEqual(20);
    expect(names(section('### Timeline entry'))).toHaveLength(6);
    for (const name of names(section('## Front matter'))) expect(byPath.has(name), name).toBe(true);
    for (const name of names(section('### Timeline entry'))) expect(byPath.has(`timeline[].${name}`), name).toBe(true);
    for (const name of names(section('### Action item'))) expect(byPath.has(`actions[].${name}`), name).toBe(true);
    for (const name of ['summary', 'usersAffectedPercent', 'requestsFailedPercent', 'customers', 'dataLoss']) expect(byPath.has(`impact.${name}`), name).toBe(true);
    for (const name of ['category', 'summary', 'trigger', 'factors']) expect(byPath.has(`cause.${name}`), name).toBe(true);
  });
});

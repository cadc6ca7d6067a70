/** Shared by the importer tests: run a fixture through the importer, describe its output compactly. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/build-site.ts';
import { convertPostmortem, type ImportOptions } from '../../../src/lib/import/convert.ts';
import { formatTime } from '../../../src/lib/format/time.ts';
import { parseDateTime } from '../../../src/lib/format/time.ts';

export const FIXTURES = join(ROOT, 'tests/fixtures/import');
/** A fixed "now", so that outputs do not depend on the day the tests run. */
export const NOW = new Date('2026-01-15T12:00:00Z');

export const readFixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

export function importFixture(name: string, options: ImportOptions = {}) {
  return convertPostmortem(readFixture(name), { fileName: name.split('/').pop()!, now: NOW, ...options });
}

interface Entry {
  at?: string;
  until?: string;
  kind?: string;
  misleading?: boolean;
  approximate?: boolean;
}

/** `"14:15 investigate misleading until 14:30"` per entry, times in the postmortem's zone. */
export function timelineNotation(data: { timezone?: string; timeline?: Entry[] }): string[] {
  const zone = data.timezone ?? 'UTC';
  const hm = (text: string) => formatTime((parseDateTime(text, zone) as { date: Date }).date, zone);
  return (data.timeline ?? []).map((e) =>
    [e.at ? hm(e.at) : '--:--', e.kind ?? 'note', e.misleading ? 'misleading' : '', e.approximate ? 'approximate' : '', e.until ? `until ${hm(e.until)}` : '']
      .filter(Boolean)
      .join(' '),
  );
}

type Node = string | number | null | undefined | boolean | { type: unknown; props: Record<string, unknown> } | Node[];

/**
 * Runs compiled MDX with a minimal JSX runtime and returns what it renders: HTML (attributes and
 * text escaped, as a renderer would) and the text content. The module may only import the JSX
 * runtime; anything else fails here.
 */
export function renderMdx(code: string): { html: string; text: string } {
  const body = code
    .replace(/^import \{[^}]*\} from "react\/jsx-runtime";$/m, '')
    .replace(/^export default MDXContent;$/m, 'return MDXContent;');
  if (/^\s*(?:import|export)\b/m.test(body)) throw new Error('compiled MDX has module code');
  const jsx = (type: unknown, props: Record<string, unknown>) => ({ type, props });
  const Fragment = Symbol('Fragment');
  const MDXContent = new Function('_Fragment', '_jsx', '_jsxs', body)(Fragment, jsx, jsx) as (props: object) => Node;
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  let text = '';
  const render = (node: Node): string => {
    if (node === null || node === undefined || typeof node === 'boolean') return '';
    if (typeof node === 'string' || typeof node === 'number') {
      text += String(node);
      return esc(String(node));
    }
    if (Array.isArray(node)) return node.map(render).join('');
    const { children, ...attrs } = node.props as { children?: Node };
    if (node.type === Fragment) return render(children);
    if (typeof node.type !== 'string') throw new Error(`compiled MDX renders a component: ${String(node.type)}`);
    const attributes = Object.entries(attrs).map(([k, v]) => ` ${k === 'className' ? 'class' : k}="${esc(String(v))}"`).join('');
    return `<${node.type}${attributes}>${render(children)}</${node.type}>`;
  };
  const html = render(MDXContent({}));
  return { html, text };
}

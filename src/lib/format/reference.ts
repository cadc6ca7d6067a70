/**
 * The format reference, generated from the Zod schemas (through their JSON Schemas) so the docs can
 * never drift from what the build accepts: one row per field, nested fields as dotted paths. The
 * site's `/format/` page and the repository's `docs/format.md` (`npm run docs`) both render it.
 */
import { z } from 'astro/zod';
import { postmortemSchema } from './schema.ts';
import { runbookSchema, serviceSchema } from './service-schema.ts';
import { SECTION_ANCHORS } from './anchors.ts';
import { safeMdxParagraphs } from './mdx-allowlist.ts';

export interface FieldRow {
  /** `timeline[].at`, `impact.summary` */
  path: string;
  type: string;
  required: boolean;
  default?: unknown;
  /** Allowed values, for enumerations. */
  values?: string[];
  description?: string;
}

/** A part of the reference: prose (Markdown inline code only: `like this`) and a field table. */
export interface ReferenceSection {
  title: string;
  paragraphs: string[];
  rows?: FieldRow[];
  /** Shown in the field column instead of the full path (`timeline[].at` → `at`). */
  prefix?: string;
}

interface JsonSchema {
  type?: string;
  enum?: string[];
  format?: string;
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  minimum?: number;
  maximum?: number;
}

function typeOf(schema: JsonSchema): string {
  if (schema.type === 'array') return `${schema.items ? typeOf(schema.items) : 'value'}[]${schema.minItems ? ` (≥ ${schema.minItems})` : ''}`;
  if (schema.enum) return 'one of';
  if (schema.format === 'uri') return 'URL';
  if (schema.type === 'number' && schema.minimum !== undefined && schema.maximum !== undefined) return `number ${schema.minimum}–${schema.maximum}`;
  return schema.type ?? 'value';
}

function rowsOf(schema: JsonSchema, prefix: string, out: FieldRow[]) {
  const required = new Set(schema.required ?? []);
  for (const [key, field] of Object.entries(schema.properties ?? {})) {
    const path = prefix + key;
    out.push({
      path,
      type: typeOf(field),
      required: required.has(key) && field.default === undefined,
      ...(field.default !== undefined && { default: field.default }),
      ...(field.enum && { values: field.enum }),
      ...(field.description && { description: field.description }),
    });
    if (field.properties) rowsOf(field, `${path}.`, out);
    if (field.type === 'array' && field.items?.properties) rowsOf(field.items, `${path}[].`, out);
  }
  return out;
}

const fieldRows = (schema: z.ZodType) => rowsOf(z.toJSONSchema(schema, { io: 'input' }) as JsonSchema, '', []);

export function postmortemFieldRows(): FieldRow[] {
  return fieldRows(postmortemSchema);
}

/** "yes", "no" or "no, default …" for a row's required column. */
export const requiredText = (row: FieldRow) => (row.required ? 'yes' : row.default !== undefined ? `no, default ${JSON.stringify(row.default)}` : 'no');

/** The whole reference, in reading order. */
export function formatReference(): ReferenceSection[] {
  const rows = postmortemFieldRows();
  return [
    {
      title: 'Files and times',
      paragraphs: [
        'A postmortem is `content/postmortems/<id>.mdx`: YAML front matter with the fields below, then MDX prose. `<id>` is the file name without its extension (lowercase letters, digits and hyphens, like `2024-06-05-checkout-db-slowdown`) and its permanent identity in URLs: `/postmortems/<id>/`.',
        'Datetimes are ISO 8601 text. With an offset (`2024-06-05T14:00:00Z`, `2024-06-05T17:00:00+03:00`) a datetime is absolute; without one it is read in the postmortem\'s `timezone`. Dates are `YYYY-MM-DD`.',
        'This reference is generated from the Zod schemas the build validates with (`src/lib/format/`), as are the JSON Schemas under `/api/schema/`. Run `npm run check` to validate content.',
      ],
    },
    { title: 'Front matter', paragraphs: [], rows: rows.filter((r) => !r.path.includes('[]')) },
    { title: 'Timeline entry (timeline[])', paragraphs: ['One entry of `timeline`, in time order.'], rows: rows.filter((r) => r.path.startsWith('timeline[].')), prefix: 'timeline[].' },
    { title: 'Action item (actions[])', paragraphs: ['One entry of `actions`.'], rows: rows.filter((r) => r.path.startsWith('actions[].')), prefix: 'actions[].' },
    {
      title: 'Body',
      paragraphs: [
        'The MDX after the front matter is the narrative. The incident page renders the fixed sections from front matter and shows the body under `#narrative`, so body headings never collide with the fixed anchors.',
        `Fixed anchors, whatever the heading text, so runbooks can deep-link to them: ${SECTION_ANCHORS.map((a) => `\`#${a}\``).join(', ')}. Timeline entries and action items get anchors built from their time and wording (\`#t-1415-engineers-hypothesize\`).`,
      ],
    },
    { title: 'Safe MDX', paragraphs: safeMdxParagraphs() },
    { title: 'Service (content/services/<id>.yaml)', paragraphs: ['Services that postmortems name in `services`. Once this folder defines any, every id a postmortem names must be one of them.'], rows: fieldRows(serviceSchema) },
    { title: 'Runbook (content/runbooks/<id>.yaml)', paragraphs: ['Runbooks that postmortems name in `runbooks` (by id; a URL names one kept elsewhere).'], rows: fieldRows(runbookSchema) },
  ];
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The reference as Markdown: `docs/format.md`, kept current by `npm run docs` (a test fails when it is stale). */
export function formatReferenceMarkdown(): string {
  const out = ['# The postmortem format', '', '<!-- Generated from the Zod schemas by `npm run docs`; do not edit by hand. -->', ''];
  for (const section of formatReference()) {
    out.push(`## ${section.title}`, '');
    for (const paragraph of section.paragraphs) out.push(paragraph, '');
    if (!section.rows) continue;
    out.push('| field | type | required | meaning |', '| --- | --- | --- | --- |');
    for (const row of section.rows) {
      const type = row.values ? `${row.type} ${row.values.map((v) => `\`${v}\``).join(' \\| ')}` : cell(row.type);
      out.push(`| \`${row.path.slice(section.prefix?.length ?? 0)}\` | ${type} | ${cell(requiredText(row))} | ${cell(row.description ?? '')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

/**
 * The format reference, generated from the Zod schema (through its JSON Schema) so the docs can
 * never drift from what the build accepts: one row per field, nested fields as dotted paths.
 */
import { z } from 'astro/zod';
import { postmortemSchema } from './schema.ts';

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

export function postmortemFieldRows(): FieldRow[] {
  return rowsOf(z.toJSONSchema(postmortemSchema, { io: 'input' }) as JsonSchema, '', []);
}

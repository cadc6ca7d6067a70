import { defineCollection } from 'astro:content';
import { glob, type LoaderContext } from 'astro/loaders';
import { readFileSync } from 'node:fs';
import { postmortemSchema } from './lib/format/schema.ts';
import { runbookSchema, serviceSchema } from './lib/format/service-schema.ts';
import { parseYaml, postmortemsDir, runbooksDir, servicesDir, takeFrontMatter } from './lib/format/content-files.ts';

// Only files directly in the folder, as `npm run check` reads them (it reports files in subfolders).
const postmortemFiles = glob({ pattern: '*.{md,mdx}', base: postmortemsDir() });

/** The loader context with each entry's data re-read from its file by `read` (see below). */
function rereading(context: LoaderContext, read: (source: string) => unknown): LoaderContext {
  return {
    ...context,
    parseData: <TData extends Record<string, unknown>>(props: Parameters<LoaderContext['parseData']>[0] & { data: TData }) =>
      context.parseData<TData>({ ...props, data: (read(readFileSync(props.filePath!, 'utf8')) ?? {}) as TData }),
  };
}

/**
 * Astro's glob loader, with front matter re-read as YAML 1.2 so that datetimes stay text until
 * the schema reads them in the postmortem's own `timezone` (see content-files.ts); in a build,
 * as the content check already parsed it.
 */
const postmortems = defineCollection({
  loader: {
    name: 'postmortems',
    load: (context) => postmortemFiles.load(rereading(context, takeFrontMatter)),
  },
  schema: postmortemSchema,
});

/**
 * One YAML file per entry (`<id>.yaml`), read with the same YAML 1.2 parser as `npm run check`.
 * The id is the file name; the content check has already made sure the `id` field matches it.
 */
function yamlFolder(name: string, base: string) {
  const files = glob({ pattern: '*.{yaml,yml}', base, generateId: ({ entry }) => entry.replace(/\.ya?ml$/, '') });
  return {
    name,
    load: (context: LoaderContext) => files.load(rereading(context, (source) => parseYaml(source).data)),
  };
}

const runbooks = defineCollection({ loader: yamlFolder('runbooks', runbooksDir()), schema: runbookSchema });
const services = defineCollection({ loader: yamlFolder('services', servicesDir()), schema: serviceSchema });

export const collections = { postmortems, runbooks, services };

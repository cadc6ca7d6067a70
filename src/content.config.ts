import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { readFileSync } from 'node:fs';
import { postmortemSchema } from './lib/schema.ts';
import { runbookSchema, serviceSchema } from './lib/service-schema.ts';
import { parseFrontmatterFile, parseYaml, postmortemsDir, runbooksDir, servicesDir } from './lib/content-files.ts';

const postmortemFiles = glob({ pattern: '**/*.{md,mdx}', base: postmortemsDir() });

/**
 * Astro's glob loader, with front matter re-read as YAML 1.2 so that datetimes stay text until
 * the schema reads them in the postmortem's own `timezone` (see content-files.ts).
 */
const postmortems = defineCollection({
  loader: {
    name: 'postmortems',
    load: (context) =>
      postmortemFiles.load({
        ...context,
        parseData: (props) =>
          context.parseData({
            ...props,
            data: (parseFrontmatterFile(readFileSync(props.filePath!, 'utf8')).data ?? {}) as Record<string, unknown>,
          }),
      }),
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
    load: (context: Parameters<typeof files.load>[0]) =>
      files.load({
        ...context,
        parseData: (props) =>
          context.parseData({ ...props, data: (parseYaml(readFileSync(props.filePath!, 'utf8')).data ?? {}) as Record<string, unknown> }),
      }),
  };
}

const runbooks = defineCollection({ loader: yamlFolder('runbooks', runbooksDir()), schema: runbookSchema });
const services = defineCollection({ loader: yamlFolder('services', servicesDir()), schema: serviceSchema });

export const collections = { postmortems, runbooks, services };

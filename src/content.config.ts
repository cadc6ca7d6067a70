import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { readFileSync } from 'node:fs';
import { postmortemSchema } from './lib/schema.ts';
import { parseFrontmatterFile, postmortemsDir } from './lib/content-files.ts';

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
        parseData: <TData extends Record<string, unknown>>(props: { id: string; data: TData; filePath?: string }) =>
          context.parseData<TData>({
            ...props,
            data: (parseFrontmatterFile(readFileSync(props.filePath!, 'utf8')).data ?? {}) as TData,
          }),
      }),
  },
  schema: postmortemSchema,
});

export const collections = { postmortems };

/**
 * The benchmark's peer: what a team would build instead of Hindsight. A minimal Astro site over the
 * same MDX files (Astro's glob loader, one page per postmortem with its title, summary, root cause,
 * resolution, timeline as a table, action items and the rendered MDX body, styled with Tailwind and
 * its typography plugin), indexed with the Pagefind CLI. It runs on the project's own node_modules,
 * so Astro, MDX, Tailwind and Pagefind are the very versions Hindsight builds with.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILES: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'peer', private: true, type: 'module' }, null, 2)}\n`,
  'astro.config.mjs': `import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import tailwindcss from '@tailwindcss/vite';

export default defineConfig({
  trailingSlash: 'always',
  integrations: [mdx()],
  vite: { plugins: [tailwindcss()] },
});
`,
  'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const moment = z.union([z.string(), z.date()]);

const postmortems = defineCollection({
  loader: glob({ pattern: '**/*.{md,mdx}', base: process.env.PEER_CONTENT_DIR! }),
  schema: z.object({
    title: z.string(),
    summary: z.string(),
    severity: z.string(),
    timezone: z.string(),
    started: moment,
    cause: z.object({ category: z.string(), summary: z.string(), trigger: z.string().optional(), factors: z.array(z.string()).default([]) }),
    resolution: z.string(),
    timeline: z.array(z.object({ at: moment.optional(), event: z.string(), kind: z.string() })),
    actions: z.array(z.object({ title: z.string(), owner: z.string().optional(), status: z.string() })).default([]),
  }),
});

export const collections = { postmortems };
`,
  'src/styles/global.css': `@import "tailwindcss";
@plugin "@tailwindcss/typography";
`,
  'src/pages/postmortems/[id].astro': `---
import { getCollection, render } from 'astro:content';
import '../../styles/global.css';

export async function getStaticPaths() {
  return (await getCollection('postmortems')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
const pm = entry.data;
const { Content } = await render(entry);
const when = (at: string | Date | undefined) =>
  at === undefined ? 'untimed' : typeof at === 'string' ? at : at.toLocaleString('en-GB', { timeZone: pm.timezone, dateStyle: 'medium', timeStyle: 'short' });
---
<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{pm.title}</title>
  </head>
  <body class="mx-auto max-w-4xl p-6">
    <article>
      <h1 class="text-2xl font-bold">{pm.title}</h1>
      <p class="text-sm text-slate-500">{pm.severity} · {when(pm.started)} ({pm.timezone})</p>
      <h2 class="mt-6 text-lg font-semibold">Summary</h2>
      <p>{pm.summary}</p>
      <h2 class="mt-6 text-lg font-semibold">Root cause</h2>
      <p>{pm.cause.summary}</p>
      {pm.cause.trigger && <p><strong>Trigger:</strong> {pm.cause.trigger}</p>}
      {pm.cause.factors.length > 0 && <ul class="list-disc pl-5">{pm.cause.factors.map((f) => <li>{f}</li>)}</ul>}
      <h2 class="mt-6 text-lg font-semibold">Resolution</h2>
      <p>{pm.resolution}</p>
      <h2 class="mt-6 text-lg font-semibold">Timeline</h2>
      <table class="w-full text-sm">
        <thead><tr><th class="text-left">Time</th><th class="text-left">Phase</th><th class="text-left">Event</th></tr></thead>
        <tbody>{pm.timeline.map((e) => <tr><td class="whitespace-nowrap">{when(e.at)}</td><td>{e.kind}</td><td>{e.event}</td></tr>)}</tbody>
      </table>
      <h2 class="mt-6 text-lg font-semibold">Action items</h2>
      <ul class="list-disc pl-5">{pm.actions.map((a) => <li>{a.title} ({a.status}{a.owner && \`, \${a.owner}\`})</li>)}</ul>
      <div class="prose mt-6 max-w-none"><Content /></div>
    </article>
  </body>
</html>
`,
};

/** Writes the peer site into `dir`, using the project's node_modules (`nodeModules`). */
export function writePeerSite(dir: string, nodeModules: string) {
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  symlinkSync(nodeModules, join(dir, 'node_modules'), 'dir');
}

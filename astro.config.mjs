// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import tailwindcss from '@tailwindcss/vite';
import { contentCheck } from './src/integrations/content-check.ts';
import { diagrams } from './src/integrations/diagrams.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { links } from './src/integrations/links.ts';

const content = contentCheck();

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  trailingSlash: 'always',
  // Lossless whitespace removal: the 'jsx' default drops spaces between inline elements in prose.
  compressHTML: true,
  integrations: [content, diagrams({ published: () => content.published() }), mdx(), searchIndex({ expectedPages: () => content.publishedIds().length }), links({ published: () => content.published() })],
  vite: {
    plugins: [tailwindcss()],
    build: {
      rolldownOptions: {
        // Astro's MDX pipeline marks every entry with "use astro:head-inject", which Rolldown warns
        // about once per postmortem; it is Astro's own marker, handled before bundling.
        onLog(level, log, handler) {
          if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('astro:head-inject')) return;
          handler(level, log);
        },
      },
    },
  },
});

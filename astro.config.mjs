// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import tailwindcss from '@tailwindcss/vite';
import { contentCheck } from './src/integrations/content-check.ts';
import { diagrams } from './src/integrations/diagrams.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { links } from './src/integrations/links.ts';
import { securityHeaders } from './src/integrations/security-headers.ts';
import { freshOutput } from './src/integrations/fresh-output.ts';

const content = contentCheck();

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  trailingSlash: 'always',
  // Lossless whitespace removal: the 'jsx' default drops spaces between inline elements in prose.
  compressHTML: true,
  // freshOutput last: it moves the finished output into place after every other integration wrote to it.
  integrations: [content, diagrams({ published: () => content.published() }), mdx(), searchIndex({ expectedPages: () => content.publishedIds().length }), links({ published: () => content.published() }), securityHeaders(), freshOutput()],
  vite: {
    plugins: [tailwindcss()],
    build: {
      // Scripts stay files, never inlined into pages: the Content-Security-Policy allows no inline script.
      assetsInlineLimit: 0,
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

// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import tailwindcss from '@tailwindcss/vite';
import { contentCheck } from './src/integrations/content-check.ts';
import { diagrams } from './src/integrations/diagrams.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { links } from './src/integrations/links.ts';
import { siteUrlCheck } from './src/integrations/site-url.ts';
import { astroSite, siteSetting } from './src/lib/site/site-url.ts';
import { securityHeaders } from './src/integrations/security-headers.ts';
import { freshOutput } from './src/integrations/fresh-output.ts';
import { pageReuse } from './src/integrations/page-reuse.ts';
import { contentStoreCacheDir } from './src/lib/format/content-store.ts';

const content = contentCheck();
const reuse = pageReuse();

export default defineConfig({
  // SITE_URL: the absolute address, or `relative` (see src/lib/site/site-url.ts and README "Deploying").
  site: astroSite(siteSetting(process.env)),
  // BASE_PATH (or `astro build --base /kb/`): the path the site lives under, like a GitHub Pages project site.
  base: process.env.BASE_PATH || undefined,
  trailingSlash: 'always',
  // A content store per HINDSIGHT_CONTENT_DIR (a workaround: see src/lib/format/content-store.ts).
  cacheDir: contentStoreCacheDir(),
  // Lossless whitespace removal: the 'jsx' default drops spaces between inline elements in prose.
  compressHTML: true,
  // Two routes writing the same page (an alias or tag that equals a list page number) stop the build.
  prerenderConflictBehavior: 'error',
  // pageReuse first: its `astro:build:done` copies the reused pages in before the others read the output.
  // freshOutput last: it moves the finished output into place after every other integration wrote to it.
  integrations: [reuse, siteUrlCheck(), content, diagrams({ published: () => content.published() }), mdx(), searchIndex({ expectedPages: () => content.publishedIds().length }), links({ published: () => content.published(), reusedPathnames: reuse.reusedPathnames }), securityHeaders(), freshOutput({ afterSwap: reuse.commit })],
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

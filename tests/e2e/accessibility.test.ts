/**
 * Accessibility, phone widths and print, in headless Chromium over the fixture site: axe-core
 * (WCAG 2.1 A/AA) on every page type in both themes, the contrast of the chart text inside the
 * SVG (which axe does not read), no sideways page scrolling at 320 px, legible chart text on a
 * phone and on paper, the skip link, the theme without JavaScript, and search on a phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { buildSite } from '../support/build-site.ts';
import { serveDirectory } from '../support/static-server.ts';
import { chromiumOrSkip } from '../support/browser.ts';
import { launchChromium } from '../../src/lib/charts/renderer/chromium.ts';

const INCIDENT = '/postmortems/2024-06-05-checkout-db-slowdown/';

/** One page of each type: a new page type is one more line here. */
const PAGE_TYPES: [type: string, path: string][] = [
  ['home', '/'],
  ['incident list', '/postmortems/'],
  ['incident list by severity', '/postmortems/by-severity/'],
  ['facet index', '/causes/'],
  ['facet page', '/causes/database/'],
  ['incident with a chart and action items', INCIDENT],
  ['incident in review (status badge), no action items', '/postmortems/2021-11-02-review-dns/'],
  ['services', '/services/'],
  ['service', '/services/checkout-db/'],
  ['runbooks', '/runbooks/'],
  ['runbook', '/runbooks/deploy-rollback/'],
  ['runbook embed', '/runbooks/deploy-rollback/embed/'],
  ['search with results and filters', '/search/?q=database&severity=SEV1'],
  ['format reference', '/format/'],
  ['insights', '/insights/'],
  ['insights by severity', '/insights/severity/sev1/'],
  ['action tracker', '/actions/'],
  ['action tracker sorted', '/actions/by-due/'],
  ['not found', '/no-such-page/'],
];
const THEMES = ['light', 'dark'] as const;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const hasBrowser = Boolean(await chromiumOrSkip('accessibility e2e'));
let browser: Browser;
let server: Awaited<ReturnType<typeof serveDirectory>>;

beforeAll(async () => {
  if (!hasBrowser) return;
  const site = await buildSite('tests/fixtures/site');
  server = await serveDirectory(site.outDir);
  browser = (await launchChromium())!;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function withPage<T>(options: BrowserContextOptions, run: (page: Page) => Promise<T>): Promise<T> {
  // On a busy shared machine Chromium's zygote has been seen to die between tests: start a new one
  // rather than failing every test after it.
  if (!browser.isConnected()) browser = (await launchChromium())!;
  const context = await browser.newContext(options);
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Opens a page and waits until its scripts have drawn it (search: results on screen). */
async function open(page: Page, path: string) {
  await page.goto(server.url + path, { waitUntil: 'networkidle' });
  const q = new URL(path, 'http://x').searchParams.get('q');
  if (path.startsWith('/search/') && q) {
    await page.waitForFunction((text) => document.querySelector<HTMLElement>('[data-search-root]')?.dataset.searchQuery === text, q);
  }
}

/** In the page: whether the page background is dark (any CSS colour, via a canvas). */
function pageIsDark() {
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
  return r! + g! + b! < 3 * 64;
}

/** One line per violation and element, to read in the failure message. */
const describeViolations = (violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']) =>
  violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`));

describe.skipIf(!hasBrowser)('axe-core, WCAG 2.1 A and AA', () => {
  for (const theme of THEMES) {
    for (const [type, path] of PAGE_TYPES) {
      it(`finds no violation: ${type}, ${theme} theme`, async () => {
        await withPage({ colorScheme: theme }, async (page) => {
          await open(page, path);
          expect(await page.evaluate(pageIsDark), 'theme').toBe(theme === 'dark');
          // label-content-name-mismatch (WCAG 2.5.3) is "experimental" in axe: asked for by name.
          const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).options({ rules: { 'label-content-name-mismatch': { enabled: true } } }).analyze();
          expect(describeViolations(results.violations), path).toEqual([]);
        });
      });
    }
  }

  it('without JavaScript, gives a system in dark mode the same dark theme (colours of every element)', async () => {
    // axe needs JavaScript, so the page without it is compared with the dark theme axe checked.
    // The theme toggle is left out: with JavaScript it shows "pressed".
    const palette = () =>
      [...document.querySelectorAll('body *:not(.theme-toggle, .theme-toggle *)')].map((e) => {
        const s = getComputedStyle(e);
        return `${e.tagName} ${s.color} ${s.backgroundColor} ${s.fill} ${s.borderTopColor}`;
      });
    for (const path of ['/', INCIDENT]) {
      const withoutJs = await withPage({ colorScheme: 'dark', javaScriptEnabled: false }, async (page) => {
        await open(page, path);
        expect(await page.evaluate(() => document.documentElement.className)).toBe('');
        return page.evaluate(palette);
      });
      const withJs = await withPage({ colorScheme: 'dark' }, async (page) => {
        await open(page, path);
        expect(await page.evaluate(() => document.documentElement.className)).toBe('dark');
        return page.evaluate(palette);
      });
      expect(withoutJs.length).toBeGreaterThan(50);
      expect(withoutJs, path).toEqual(withJs);
    }
  });
});

describe.skipIf(!hasBrowser)('chart text contrast (inside the SVG, where axe does not look)', () => {
  for (const theme of THEMES) {
    it(`is at least 4.5:1 for every label, ${theme} theme`, async () => {
      await withPage({ colorScheme: theme, viewport: { width: 1280, height: 900 } }, async (page) => {
        await open(page, INCIDENT);
        const labels = await page.evaluate(chartLabelContrasts);
        expect(labels.length).toBeGreaterThan(10);
        const low = labels.filter((l) => l.ratio < 4.5);
        expect(low, JSON.stringify(low)).toEqual([]);
        console.log(`chart text contrast, ${theme}: ${labels.length} labels, lowest ${Math.min(...labels.map((l) => l.ratio)).toFixed(2)}:1`);
      });
    });
  }
});

/**
 * In the page: each text of the chart against what is drawn under it, at three points along it:
 * the fills of the shapes under that point (with their opacity) over the page background.
 */
function chartLabelContrasts() {
  // Computed colours come as rgb() or oklch() (Tailwind's palette): a canvas turns any into RGBA.
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  const parse = (c: string) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = c;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r!, g!, b!, a! / 255];
  };
  const luminance = ([r, g, b]: number[]) => {
    const ch = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * ch(r!) + 0.7152 * ch(g!) + 0.0722 * ch(b!);
  };
  const ratio = (a: number[], b: number[]) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };
  const pageBackground = (el: Element) => {
    for (let node: Element | null = el; node; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c[3]! > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const svg = document.querySelector('svg.timeline-chart-svg')!;
  const base = pageBackground(svg.parentElement!);
  const out: { text: string; ratio: number }[] = [];
  for (const text of svg.querySelectorAll('text')) {
    // elementsFromPoint sees only what is in the viewport.
    text.scrollIntoView({ block: 'center' });
    const box = text.getBoundingClientRect();
    if (!box.width || !text.textContent?.trim()) continue;
    const style = getComputedStyle(text);
    const fill = parse(style.fill);
    let worst = Infinity;
    for (const x of [box.left + 2, box.left + box.width / 2, box.right - 2]) {
      const y = box.top + box.height / 2;
      // Shapes under the point, topmost first: composite from the bottom up over the page.
      const under = document.elementsFromPoint(x, y).filter((e) => e instanceof SVGGeometryElement && !(e instanceof SVGTextElement) && svg.contains(e));
      let color = base;
      for (const shape of under.reverse()) {
        const s = getComputedStyle(shape);
        if (s.fill === 'none' || shape instanceof SVGLineElement) continue;
        const c = parse(s.fill);
        const alpha = Number(s.opacity) * Number(s.fillOpacity) * c[3]!;
        color = color.map((v, i) => c[i]! * alpha + v * (1 - alpha));
      }
      worst = Math.min(worst, ratio(fill, color));
    }
    out.push({ text: text.textContent.trim(), ratio: worst });
    if (worst === Infinity) throw new Error(`chart text not measured: ${text.textContent}`);
  }
  return out;
}

describe.skipIf(!hasBrowser)('phone widths', () => {
  it('never scrolls the page sideways at 320 px, on any page type', async () => {
    await withPage({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true }, async (page) => {
      const wide: string[] = [];
      for (const [type, path] of PAGE_TYPES) {
        await open(page, path);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 320) wide.push(`${type} (${path}): ${width} px`);
      }
      expect(wide).toEqual([]);
    });
  });

  it('wraps the header navigation at 390 px (every item on screen), and hides the / hint on touch screens', async () => {
    await withPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (page) => {
      await open(page, '/');
      const links = await page.$$eval('nav[aria-label="Main"] a', (as) => as.map((a) => a.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, width: r.width, height: r.height })));
      expect(links.length).toBe(8); // Incidents, Causes, Services, Runbooks, Actions, Tags, Years, Insights
      for (const r of links) {
        expect(r.left).toBeGreaterThanOrEqual(0);
        expect(r.right).toBeLessThanOrEqual(390);
        expect(r.height).toBeGreaterThanOrEqual(24);
      }
      expect(await page.locator('header kbd').isVisible()).toBe(false);
    });
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await open(page, '/');
      expect(await page.locator('header kbd').isVisible()).toBe(true);
    });
  });

  it('lays incident lists and action items out as stacked cards', async () => {
    await withPage({ viewport: { width: 320, height: 640 } }, async (page) => {
      for (const [path, table] of [['/postmortems/', 'table'], [INCIDENT, '#actions ~ div table, section[aria-labelledby="actions"] table']] as const) {
        await open(page, path);
        const rows = await page.locator(table).first().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({ display: getComputedStyle(tr).display, width: tr.getBoundingClientRect().width })));
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) {
          expect(row.display).toBe('flex');
          expect(row.width).toBeLessThanOrEqual(288);
        }
      }
    });
  });

  it('keeps chart text at least 11 px on a phone and 8 pt in print', async () => {
    const sizes: Record<string, number> = {};
    for (const width of [320, 390]) {
      await withPage({ viewport: { width, height: 800 } }, async (page) => {
        await open(page, INCIDENT);
        sizes[`${width} px screen`] = await page.evaluate(smallestChartText, undefined);
      });
    }
    // A4 with the print margins (1.5 cm each side): 680 CSS px of content.
    await withPage({ viewport: { width: 680, height: 1000 } }, async (page) => {
      await page.emulateMedia({ media: 'print' });
      await open(page, INCIDENT);
      sizes['A4 print'] = await page.evaluate(smallestChartText, undefined);
    });
    console.log(`smallest chart text: ${Object.entries(sizes).map(([k, v]) => `${k} ${v.toFixed(1)} px`).join(', ')} (print: ${((sizes['A4 print']! * 72) / 96).toFixed(1)} pt)`);
    expect(sizes['320 px screen']).toBeGreaterThanOrEqual(11);
    expect(sizes['390 px screen']).toBeGreaterThanOrEqual(11);
    expect((sizes['A4 print']! * 72) / 96).toBeGreaterThanOrEqual(8);
  });

  it('keeps the insights charts\' text at least 11 px on a phone (they scroll sideways instead)', async () => {
    for (const width of [320, 390]) {
      await withPage({ viewport: { width, height: 800 } }, async (page) => {
        await open(page, '/insights/');
        const smallest = await page.evaluate(smallestChartText, '.insights-chart-scroll svg');
        console.log(`smallest insights chart text at ${width} px: ${smallest.toFixed(1)} px`);
        expect(smallest).toBeGreaterThanOrEqual(11);
      });
    }
  });

  it('shows search results first on a phone, with the filters in a panel of 24 px targets', async () => {
    await withPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (page) => {
      await open(page, '/search/?q=database');
      const toggle = page.locator('button[aria-controls="search-filters"]');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await page.locator('#search-filters').isVisible()).toBe(false);
      const firstResult = await page.locator('[data-result-link]').first().boundingBox();
      expect(firstResult!.y).toBeLessThan(844);
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      const targets = await page.locator('#search-filters label').evaluateAll((labels) => labels.map((l) => l.getBoundingClientRect().height));
      expect(targets.length).toBeGreaterThan(3);
      for (const h of targets) expect(h).toBeGreaterThanOrEqual(24);
    });
  });
});

/** In the page: the smallest on-screen font size (CSS px) of the chart's visible text. */
/** The smallest text drawn in the page's charts (`selector`), in CSS px as shown (the SVG's scale applied). */
function smallestChartText(selector = 'svg.timeline-chart-svg') {
  return Math.min(
    ...[...document.querySelectorAll<SVGSVGElement>(selector)].flatMap((svg) => {
      const scale = svg.getScreenCTM()!.a;
      return [...svg.querySelectorAll('text')].filter((t) => t.textContent?.trim()).map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    }),
  );
}

describe.skipIf(!hasBrowser)('keyboard', () => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 768, height: 1024 }, { width: 1280, height: 900 }]) {
    it(`skip link lands on the content below the header, ${viewport.width} px`, async () => {
      await withPage({ viewport }, async (page) => {
        await open(page, INCIDENT);
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => location.hash === '#main');
        const header = await page.locator('header[role="banner"]').boundingBox();
        const heading = await page.locator('h1').boundingBox();
        const sticky = await page.locator('header[role="banner"]').evaluate((h) => getComputedStyle(h).position === 'sticky');
        expect(heading!.y).toBeGreaterThanOrEqual(sticky ? header!.y + header!.height : 0);
      });
    });
  }

  it('theme toggle: named by its visible label, says whether dark is on, and overrides the system', async () => {
    await withPage({ colorScheme: 'dark' }, async (page) => {
      await open(page, '/');
      const toggle = page.getByRole('button', { name: 'Dark theme' });
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      await toggle.click();
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      expect(await page.evaluate(pageIsDark)).toBe(false);
      await page.reload();
      expect(await page.evaluate(pageIsDark)).toBe(false);
    });
  });
});

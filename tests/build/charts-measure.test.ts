/**
 * The render page's text-box cache (src/lib/charts/renderer/measure.ts), in Chromium: after every
 * kind of change, `getBBox()` on a text answers exactly what Chromium measures, and Mermaid's
 * pattern (measure a label, move it, next label) costs one layout instead of one per label.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../../src/lib/charts/renderer/chromium.ts';
import { cacheTextBoxes } from '../../src/lib/charts/renderer/measure.ts';
import { chromiumOrSkip } from '../support/browser.ts';

const chromium = await chromiumOrSkip('charts-measure.test.ts');

type Box = [number, number, number, number];
interface Outcome {
  /** What the patched getBBox answered, and what Chromium measures (SVGGraphicsElement's own getBBox). */
  answered: Box;
  measured: Box;
}

describe.skipIf(!chromium)('text boxes measured once per chart', () => {
  let browser: Browser;
  let page: Page;
  let devtools: CDPSession;

  beforeAll(async () => {
    browser = (await launchChromium())!;
    page = await browser.newPage();
    devtools = await page.context().newCDPSession(page);
    await devtools.send('Performance.enable');
    await page.setContent('<!doctype html><html><body><div id="host" style="width:680px"></div></body></html>');
    await page.evaluate(cacheTextBoxes);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Draws `texts` labels under `css`, measures text `index` once (filling the cache), applies `change`, measures it again. */
  const afterChange = (css: string, change: string, index = 1, texts = 5): Promise<Outcome> =>
    page.evaluate(
      ({ css, change, index, texts }) => {
        const host = document.getElementById('host')!;
        host.innerHTML = `<svg xmlns="http://www.w3.org/2000/svg" width="680" height="400"><style>${css}</style><g>${Array.from(
          { length: texts },
          (_, i) => `<text x="${10 + i}" y="${20 + 20 * i}" font-size="12">Deploy v${i} of checkout starts</text>`,
        ).join('')}</g></svg>`;
        const all = [...host.querySelectorAll('text')];
        all[0]!.getBBox();
        new Function('texts', change)(all);
        const box = (r: DOMRect | SVGRect): [number, number, number, number] => [r.x, r.y, r.width, r.height];
        const answered = box(all[index]!.getBBox());
        const measured = box(SVGGraphicsElement.prototype.getBBox.call(all[index]!));
        host.replaceChildren();
        return { answered, measured };
      },
      { css, change, index, texts },
    );

  it('shifts a moved text’s box', async () => {
    const { answered, measured } = await afterChange('', "texts[1].setAttribute('x', '250.5'); texts[1].setAttribute('y', '7')");
    expect(answered).toEqual(measured);
    expect(answered[0]).toBeGreaterThan(200);
  });

  it('re-measures a text whose class, text, font or style changed', async () => {
    const css = '.big{font-size:30px}';
    for (const change of [
      "texts[1].setAttribute('class', 'big')",
      "texts[1].textContent = 'A much longer label than before, to be sure'",
      "texts[1].setAttribute('font-size', '20')",
      "texts[1].setAttribute('style', 'font-weight:bold')",
      "texts[1].setAttribute('dx', '30')",
    ]) {
      const { answered, measured } = await afterChange(css, change);
      expect(answered, change).toEqual(measured);
    }
  });

  it('re-measures texts another element’s class styles (sibling and structural selectors)', async () => {
    for (const css of ['.big + text{font-size:30px}', '.big ~ text{font-size:30px}', 'g:has(.big) text{font-size:30px}']) {
      const { answered, measured } = await afterChange(css, "texts[0].setAttribute('class', 'big')");
      expect(answered, css).toEqual(measured);
      expect(answered[2], css).toBeGreaterThan(200);
    }
  });

  it('keeps boxes across attributes that never size a text, unless a selector names them', async () => {
    const kept = await afterChange('', "texts[1].setAttribute('text-height', '18'); texts[1].setAttribute('fill', 'red')");
    expect(kept.answered).toEqual(kept.measured);
    const styled = await afterChange('[text-height]{font-size:30px}', "texts[1].setAttribute('text-height', '18')");
    expect(styled.answered).toEqual(styled.measured);
    expect(styled.answered[2]).toBeGreaterThan(200);
  });

  it('re-measures after texts are added or removed', async () => {
    const { answered, measured } = await afterChange('text:last-child{font-size:30px}', "texts[1].after(document.createElementNS('http://www.w3.org/2000/svg', 'text'))", 1);
    expect(answered).toEqual(measured);
  });

  it('lays a chart out once for Mermaid’s measure-then-move pass over its labels', async () => {
    const layouts = async () => (await devtools.send('Performance.getMetrics')).metrics.find((m) => m.name === 'LayoutCount')!.value;
    const before = await layouts();
    const checks = await page.evaluate(() => {
      const host = document.getElementById('host')!;
      host.innerHTML = `<svg xmlns="http://www.w3.org/2000/svg" width="680" height="900">${Array.from({ length: 40 }, (_, i) => `<text y="${20 * i}" font-size="12">Label ${i} of a chart</text>`).join('')}</svg>`;
      const texts = [...host.querySelectorAll('text')];
      const widths = texts.map((t) => {
        const width = t.getBBox().width;
        t.setAttribute('x', String(width));
        return width;
      });
      const measured = texts.map((t) => SVGGraphicsElement.prototype.getBBox.call(t).width);
      host.replaceChildren();
      return { widths, measured };
    });
    const after = await layouts();
    expect(checks.widths).toEqual(checks.measured);
    // One layout for the labels' boxes and one for the check above (40 without the cache).
    expect(after - before).toBeLessThanOrEqual(3);
  });
});

/**
 * Workaround for Mermaid's Gantt renderer measuring one label at a time: it calls `getBBox()` on
 * each task label and sets an attribute on it (first `x` for every label, then `class`), so every
 * call forces Chromium to lay the chart out again (~60 layouts and ~36 style recalculations per
 * chart, a quarter of a chart's rendering time).
 *
 * `cacheTextBoxes` (run in the render page) makes `SVGTextElement.prototype.getBBox()` measure all
 * the texts of the SVG in one layout and answer from that until something that can change a text's
 * box changes. The answers are the boxes Chromium computes:
 * - moving a text (`x`, `y` attributes holding one number) shifts its box by as much;
 * - while no style rule lets one element's attributes style another (no `+`, `~`, `:has()`,
 *   structural pseudo-classes), changing a text's `class` forgets that text's box only, and
 *   attributes that never size a text (`text-height`, Mermaid's own; paint; `transform`, which
 *   getBBox leaves out; ARIA and data attributes) keep it unless a selector names them (`[…]`);
 * - any other change in the SVG (attributes, children, text) forgets every box.
 * It watches the SVG only: the render page changes nothing outside it while Mermaid draws.
 * It must stay self-contained: it is serialised into the page.
 */
export function cacheTextBoxes() {
  const measure = SVGGraphicsElement.prototype.getBBox;
  interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
    /** The `x` and `y` attributes when measured. */
    atX: number;
    atY: number;
  }
  let boxes = new WeakMap<SVGTextElement, Box>();
  let observed: SVGSVGElement | undefined;
  /**
   * What the page's style rules allow (see above), or undefined when not looked at since the last
   * change: `local` when an element's attributes style only itself and its descendants,
   * `attributes` the names attribute selectors match on.
   */
  let rules: { local: boolean; attributes: Set<string> } | undefined;
  const NEVER_SIZES_TEXT = /^(?:text-height|fill|fill-opacity|stroke|stroke-[a-z]+|opacity|transform|role|aria-[a-z]+|data-[\w-]+)$/;
  const position = (text: SVGTextElement, name: 'x' | 'y') => {
    const value = text.getAttribute(name);
    if (value === null) return 0;
    return /^\s*-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?\s*$/i.test(value) ? Number(value) : NaN;
  };
  const readRules = (doc: Document) => {
    const attributes = new Set<string>();
    const nonLocal = { local: false, attributes };
    for (const sheet of doc.styleSheets) {
      let list: CSSRuleList;
      try {
        list = sheet.cssRules;
      } catch {
        return nonLocal;
      }
      for (const rule of list) {
        if (rule instanceof CSSGroupingRule) return nonLocal;
        if (!(rule instanceof CSSStyleRule)) continue;
        if (/[+~]|:(?:has|nth|first|last|only|not|is|where|empty)/i.test(rule.selectorText)) return nonLocal;
        for (const m of rule.selectorText.matchAll(/\[\s*([^\s~|^$*=\]]+)/g)) attributes.add(m[1]!.toLowerCase());
      }
    }
    return { local: true, attributes };
  };
  const observer = new MutationObserver(() => {});
  const forgetAll = () => {
    boxes = new WeakMap();
    rules = undefined;
  };
  const forgetChanged = () => {
    for (const record of observer.takeRecords()) {
      const { target, attributeName: name } = record;
      if (record.type === 'attributes' && target instanceof SVGTextElement && boxes.has(target) && name) {
        if (name === 'x' || name === 'y' || (rules?.local && NEVER_SIZES_TEXT.test(name) && !rules.attributes.has(name))) continue;
        if (name === 'class' && rules?.local) {
          boxes.delete(target);
          continue;
        }
      }
      forgetAll();
    }
  };
  const measureAll = (svg: SVGSVGElement) => {
    if (svg !== observed) {
      observer.disconnect();
      observer.observe(svg, { subtree: true, attributes: true, childList: true, characterData: true });
      observed = svg;
      forgetAll();
    }
    rules ??= readRules(svg.ownerDocument);
    for (const text of svg.querySelectorAll('text')) {
      if (boxes.has(text)) continue;
      const atX = position(text, 'x');
      const atY = position(text, 'y');
      if (Number.isNaN(atX) || Number.isNaN(atY)) continue;
      const { x, y, width, height } = measure.call(text);
      boxes.set(text, { x, y, width, height, atX, atY });
    }
  };
  SVGTextElement.prototype.getBBox = function (this: SVGTextElement, options?: SVGBoundingBoxOptions) {
    const svg = this.ownerSVGElement;
    if (options !== undefined || !svg || !this.isConnected) return measure.call(this, options);
    if (svg === observed) forgetChanged();
    if (!boxes.has(this)) measureAll(svg);
    const box = boxes.get(this);
    const atX = position(this, 'x');
    const atY = position(this, 'y');
    if (!box || Number.isNaN(atX) || Number.isNaN(atY)) return measure.call(this);
    return new DOMRect(box.x + (atX - box.atX), box.y + (atY - box.atY), box.width, box.height);
  };
}

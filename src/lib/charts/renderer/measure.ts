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
 * - changing a text's `class` forgets that text's box only, as long as no style rule lets one
 *   element's attributes style another (no `+`, `~`, `:has()`, structural pseudo-classes);
 *   otherwise, and on any other change in the SVG (attributes, children, text), every box is
 *   forgotten.
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
  let classChangesLocal = false;
  const position = (text: SVGTextElement, name: 'x' | 'y') => {
    const value = text.getAttribute(name);
    if (value === null) return 0;
    return /^\s*-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?\s*$/i.test(value) ? Number(value) : NaN;
  };
  /** Whether an element's own attributes can style only itself and its descendants. */
  const selectorsAreLocal = (doc: Document) => {
    for (const sheet of doc.styleSheets) {
      let rules: CSSRuleList;
      try {
        rules = sheet.cssRules;
      } catch {
        return false;
      }
      for (const rule of rules) {
        const text = rule instanceof CSSStyleRule ? rule.selectorText : rule instanceof CSSGroupingRule ? '+' : '';
        if (/[+~]|:(?:has|nth|first|last|only|not|is|where|empty)/i.test(text)) return false;
      }
    }
    return true;
  };
  const observer = new MutationObserver(() => {});
  const forgetChanged = () => {
    for (const record of observer.takeRecords()) {
      const target = record.target;
      if (record.type === 'attributes' && target instanceof SVGTextElement && boxes.has(target)) {
        if (record.attributeName === 'x' || record.attributeName === 'y') continue;
        if (record.attributeName === 'class' && classChangesLocal) {
          boxes.delete(target);
          continue;
        }
      }
      boxes = new WeakMap();
    }
  };
  const measureAll = (svg: SVGSVGElement) => {
    if (svg !== observed) {
      observer.disconnect();
      observer.observe(svg, { subtree: true, attributes: true, childList: true, characterData: true });
      observed = svg;
      boxes = new WeakMap();
    }
    classChangesLocal = selectorsAreLocal(svg.ownerDocument);
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

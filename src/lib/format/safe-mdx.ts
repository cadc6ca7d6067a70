/**
 * The postmortem body: compiled as MDX (so `npm run check` reports syntax errors the build would
 * hit), then checked against the safe-MDX rules on the MDX compiler's own syntax tree (satteri's
 * `mdxToMdast`, the parser @astrojs/mdx 8 compiles with): what may appear is in mdx-allowlist.ts.
 */
import { mdxToJs, mdxToMdast, type Features } from 'satteri';
import { BODY_COMPONENTS, BODY_URL_SCHEMES, GLOBAL_ATTRIBUTES, HTML_ELEMENTS, REFUSED_ELEMENTS, URL_ATTRIBUTES } from './mdx-allowlist.ts';
import { urlScheme } from './urls.ts';
import type { Problem } from './problems.ts';

/** As @astrojs/mdx 8 compiles bodies (GFM and smart punctuation on); front matter is already cut off. */
const FEATURES: Features = { gfm: true, smartPunctuation: true, frontmatter: false };

const OPT_OUT = 'settings.trustedMdx in src/settings.ts allows any MDX if every author is trusted';

interface Attribute {
  type: string;
  name?: string;
  value?: string | null | { type: string; value: string };
}

interface Node {
  type: string;
  name?: string | null;
  value?: string;
  url?: string;
  attributes?: Attribute[];
  children?: Node[];
  position?: { start: { line: number; column: number } };
}

/** `12:3: Unexpected … (mdx-jsx:unexpected-character)` from the compiler: its position and text. */
function compilerError(error: unknown): { line: number; column?: number; message: string } {
  const text = error instanceof Error ? error.message : String(error);
  const m = /^(\d+):(\d+)(?:-\d+:\d+)?: ([\s\S]*?)(?:\s+\([a-z-]+:[a-z-]+\))?$/.exec(text.trim());
  return m ? { line: Number(m[1]), column: Number(m[2]), message: m[3]! } : { line: 1, message: text.split('\n')[0]! };
}

/** Why a URL may not be used in a body, or undefined when it may. */
export function refusedUrl(url: string): string | undefined {
  const scheme = urlScheme(url);
  if (scheme === undefined || (BODY_URL_SCHEMES as readonly string[]).includes(scheme)) return undefined;
  return `${scheme}: URLs are not allowed (${JSON.stringify(url)}); link with ${BODY_URL_SCHEMES.map((s) => `${s}:`).join(', ')} or a path on the site`;
}

/** A comment in braces (`{/* … *\/}`) compiles to nothing; any other expression is code. */
const isComment = (expression: string) => /^\s*\/\*(?:(?!\*\/)[\s\S])*\*\/\s*$/.test(expression);

const components = new Map(BODY_COMPONENTS.map((c) => [c.name, c]));

/** Problems with one JSX element (a component or an HTML element) and its attributes. */
function elementProblems(node: Node): string[] {
  const name = node.name;
  // A fragment (`<>…</>`) renders only its children.
  if (name === null || name === undefined) return [];
  const refusedWhy = REFUSED_ELEMENTS[name.toLowerCase()];
  if (refusedWhy) return [`<${name}> is not allowed: ${refusedWhy}; remove it (${OPT_OUT})`];
  const component = components.get(name);
  const isHtml = /^[a-z][a-z0-9]*$/.test(name);
  if (!component && !(isHtml && name in HTML_ELEMENTS)) {
    const kind = isHtml ? 'HTML element' : 'component';
    return [`<${name}> is not an allowed ${kind}; use Markdown, or one of the components and HTML elements listed on /format/ (${[...components.keys()].map((c) => `<${c}>`).join(', ')})`];
  }
  const allowed = new Set<string>(component ? Object.keys(component.props) : [...GLOBAL_ATTRIBUTES, ...HTML_ELEMENTS[name]!]);
  const problems: string[] = [];
  for (const attribute of node.attributes ?? []) {
    if (attribute.type !== 'mdxJsxAttribute' || attribute.name === undefined) {
      problems.push(`<${name}>: expression attributes like {…} are not allowed; write each attribute as name="text"`);
      continue;
    }
    const attr = attribute.name;
    if (/^on/i.test(attr)) {
      problems.push(`<${name}>: event handler ${attr} is not allowed: it runs JavaScript; remove it (${OPT_OUT})`);
      continue;
    }
    if (attribute.value !== null && typeof attribute.value === 'object') {
      problems.push(`<${name}>: ${attr}={…} is an expression; only literal values are allowed, like ${attr}="text"`);
      continue;
    }
    if (typeof attribute.value === 'string' && (URL_ATTRIBUTES as readonly string[]).includes(attr.toLowerCase())) {
      // `srcset`: comma-separated candidates, each a URL then an optional size.
      const urls = /srcset$/i.test(attr) ? attribute.value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [attribute.value];
      const refused = urls.map(refusedUrl).find(Boolean);
      if (refused) {
        problems.push(`<${name}> ${attr}: ${refused}`);
        continue;
      }
    }
    if (!allowed.has(attr)) {
      const list = [...allowed].join(', ') || 'none';
      problems.push(`<${name}>: ${component ? 'prop' : 'attribute'} ${attr} is not allowed (allowed: ${list})`);
    }
  }
  return problems;
}

/** Problems with one node of the tree (not its children). */
function nodeProblems(node: Node): string[] {
  switch (node.type) {
    case 'mdxjsEsm':
      return [`import and export are not allowed: they run code when the site is built; remove the statement (${OPT_OUT})`];
    case 'mdxFlowExpression':
    case 'mdxTextExpression':
      return isComment(node.value ?? '') ? [] : [`JavaScript expression {${(node.value ?? '').trim().slice(0, 40)}} is not allowed; write \\{ and \\} to show braces as text (${OPT_OUT})`];
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement':
      return elementProblems(node);
    case 'link':
    case 'image':
    case 'definition': {
      const refused = refusedUrl(node.url ?? '');
      const what = node.type === 'definition' ? 'link definition' : node.type;
      return refused ? [`${what}: ${refused}`] : [];
    }
    default:
      return [];
  }
}

/**
 * Problems in a postmortem body that starts on line `firstLine` of `file`: MDX syntax errors
 * always, and the safe-MDX rules unless `trusted`. Each is `file:line: body: message`.
 */
export function checkBody(file: string, body: string, firstLine: number, { trusted }: { trusted: boolean }): Problem[] {
  const at = (line: number | undefined, message: string): Problem => ({ file, line: firstLine - 1 + (line ?? 1), field: 'body', message });
  try {
    mdxToJs(body, { features: FEATURES, jsxImportSource: 'astro', elementAttributeNameCase: 'html' });
  } catch (error) {
    const { line, column, message } = compilerError(error);
    // Positions the compiler names inside its message (`(3:1)`) are in the body: give file lines.
    const inFile = message.replace(/\((\d+):\d+\)/g, (_, l: string) => `(line ${firstLine - 1 + Number(l)})`);
    return [at(line, `MDX syntax error${column ? ` at column ${column}` : ''}: ${inFile}`)];
  }
  if (trusted) return [];
  const problems: Problem[] = [];
  // Iterative walk: a deeply nested body must not overflow the stack.
  const stack: Node[] = [mdxToMdast(body, { features: FEATURES }) as unknown as Node];
  while (stack.length) {
    const node = stack.pop()!;
    for (const message of nodeProblems(node)) problems.push(at(node.position?.start.line, message));
    if (node.children) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return problems.sort((a, b) => a.line! - b.line!);
}

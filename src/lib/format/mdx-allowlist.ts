/**
 * What a postmortem body may contain under safe MDX (the default; see settings.trustedMdx): the
 * site's components, harmless HTML elements and their attributes, and the link schemes. The check
 * (safe-mdx.ts), the `/format/` reference and the README all read this one module.
 */
import { LINK_SCHEMES } from './urls.ts';
import { INTERNAL_COMPONENT } from './internal-content.ts';

export interface BodyComponent {
  name: string;
  /** Props it takes (literal text values only), with what each means. */
  props: Readonly<Record<string, string>>;
  description: string;
  example: string;
}

/** Components the site provides to postmortem bodies. */
export const BODY_COMPONENTS: readonly BodyComponent[] = [
  {
    name: INTERNAL_COMPONENT,
    props: {},
    description: 'Content for internal readers only: left out of public builds (pages, search index, JSON and feeds alike).',
    example: `<${INTERNAL_COMPONENT}>The customer was Acme Corp.</${INTERNAL_COMPONENT}>`,
  },
];

/** Attributes any allowed HTML element may have. */
export const GLOBAL_ATTRIBUTES = ['title', 'lang', 'dir'] as const;

/**
 * Harmless HTML elements a body may use, each with the attributes it may have (besides the global
 * ones). No `class`, `id` or `style`: content must not restyle or overlay the page, or clobber its ids.
 */
export const HTML_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  abbr: [],
  b: [],
  blockquote: ['cite'],
  br: [],
  caption: [],
  cite: [],
  code: [],
  dd: [],
  del: ['cite', 'datetime'],
  details: ['open'],
  dfn: [],
  div: [],
  dl: [],
  dt: [],
  em: [],
  figcaption: [],
  figure: [],
  hr: [],
  i: [],
  img: ['src', 'alt', 'width', 'height'],
  ins: ['cite', 'datetime'],
  kbd: [],
  li: ['value'],
  mark: [],
  ol: ['start', 'reversed', 'type'],
  p: [],
  pre: [],
  q: ['cite'],
  s: [],
  samp: [],
  small: [],
  span: [],
  strong: [],
  sub: [],
  summary: [],
  sup: [],
  table: [],
  tbody: [],
  td: ['colspan', 'rowspan'],
  tfoot: [],
  th: ['colspan', 'rowspan', 'scope', 'abbr'],
  thead: [],
  time: ['datetime'],
  tr: [],
  u: [],
  ul: [],
  var: [],
  wbr: [],
};

/** Elements refused with a reason of their own (any case). */
export const REFUSED_ELEMENTS: Readonly<Record<string, string>> = {
  script: 'it runs JavaScript in every reader’s browser',
  style: 'it restyles the whole site',
  iframe: 'it embeds another page',
  frame: 'it embeds another page',
  object: 'it embeds a plugin or another page',
  embed: 'it embeds a plugin or another page',
  base: 'it changes where every link on the page goes',
  link: 'it loads stylesheets or other resources',
  meta: 'it can redirect the page',
  form: 'it sends readers’ input elsewhere',
  svg: 'it can carry scripts and links of its own',
  math: 'it can carry links of its own',
};

/** Attributes that hold URLs (a scheme check applies wherever they appear). `srcset` holds a list. */
export const URL_ATTRIBUTES = ['href', 'src', 'cite', 'action', 'formaction', 'xlink:href', 'srcset', 'imagesrcset', 'poster', 'background', 'data', 'codebase', 'ping', 'longdesc', 'manifest', 'lowsrc', 'dynsrc'] as const;

/** Schemes a link, image or URL attribute in a body may use; paths on the site (`/postmortems/…`, `#anchor`) need none. */
export const BODY_URL_SCHEMES = LINK_SCHEMES;

const code = (text: string) => `\`${text}\``;

/**
 * The rules and the allowlist as prose for the format reference (`/format/` and docs/format.md):
 * Markdown with inline code only.
 */
export function safeMdxParagraphs(): string[] {
  return [
    `Unless ${code('trustedMdx: true')} is set in ${code('src/settings.ts')} (for a repository whose authors are all trusted), ${code('npm run check')} and every build hold each body to these rules, on the MDX compiler's syntax tree:`,
    `No ${code('import')} or ${code('export')} statements: they run code when the site is built.`,
    `No JavaScript expressions in braces, in text or in attributes: write ${code('\\{')} and ${code('\\}')} to show braces. A comment ${code('{/* like this */}')} is fine.`,
    `No ${Object.keys(REFUSED_ELEMENTS).map((name) => code(`<${name}>`)).join(', ')}, in any letter case.`,
    `No event-handler attributes (${code('onclick')}, ${code('onerror')}, any ${code('on…')}), and no ${code('class')}, ${code('id')} or ${code('style')}.`,
    `Links, images, reference definitions and URL attributes use ${BODY_URL_SCHEMES.map((s) => code(`${s}:`)).join(', ')} or a path on the site; ${code('javascript:')}, ${code('data:')}, ${code('vbscript:')} and every other scheme are refused, however they are written (letter case, spaces, tabs, character references).`,
    'Only the components and HTML elements below, with literal attribute values (`name="text"`, or a bare `name` for true).',
    ...BODY_COMPONENTS.map((c) => `Component ${code(c.example)}: ${c.description}${Object.keys(c.props).length ? ` Props: ${Object.entries(c.props).map(([name, meaning]) => `${code(name)} (${meaning})`).join(', ')}.` : ' No props.'}`),
    `HTML elements, each also with ${GLOBAL_ATTRIBUTES.map(code).join(', ')}: ${Object.entries(HTML_ELEMENTS).map(([name, attributes]) => `${code(`<${name}>`)}${attributes.length ? ` (${attributes.join(', ')})` : ''}`).join(', ')}.`,
  ];
}

/**
 * Makes legacy Markdown safe to put in an MDX body: everything an author wrote stays text.
 *
 * MDX reads `{…}` as JavaScript, `<…>` as JSX, and `import`/`export` at the start of a line as
 * ES modules; HTML comments are a syntax error. Outside code, those characters become HTML
 * entities (`&#123;`, `&#125;`, `&lt;`, `&gt;`), which MDX shows as the characters themselves,
 * and `--` is escaped (`-\-`) so that it is not typeset as a dash;
 * code blocks and code spans are left alone (MDX shows them literally already). `<br>` is kept
 * as a line break and `<https://…>` autolinks become Markdown links.
 */

const ENTITY: Record<string, string> = { '{': '&#123;', '}': '&#125;', '<': '&lt;', '>': '&gt;' };
const FENCE = /^(\s*)(`{3,}|~{3,})/;

/** Escapes one line of text outside code spans. `start` says whether it begins a line. */
const UNSAFE_LINK = /(!?)\[([^\]]*)\]\(\s*<?\s*((?:javascript|vbscript|data|file):(?:[^()\s]|\([^()]*\))*)>?\s*\)/gi;
const UNSAFE_DEFINITION = /^(\s*)\[([^\]]+)\]:\s*(?=<?\s*(?:javascript|vbscript|data|file):)/i;

function escapeText(text: string, start: boolean): string {
  let out = text
    // A link that would run code when clicked becomes its text and address, as text.
    .replace(UNSAFE_LINK, (_, _image: string, label: string, url: string) => `${label} (${url})`)
    .replace(start ? UNSAFE_DEFINITION : /$^/, '$1\\[$2]: ')
    .replace(/<((?:https?|mailto):[^\s<>]+)>/g, '[$1]($1)')
    .replace(/<br\s*\/?>/gi, '\u0000');
  // Keep a leading block quote marker (`> quoted`), escape every other angle bracket.
  const quote = start ? /^(\s*(?:>\s?)+)/.exec(out)?.[1] ?? '' : '';
  // Table rules, thematic breaks and underlines (`|---|`, `---`) are Markdown, not text.
  out = /^[\s|:-]*$/.test(out) ? out : quote + escapeSegments(out.slice(quote.length));
  // `import x from "y"` / `export const` at the start of a line would be an ES module.
  if (start) out = out.replace(/^(\s*(?:(?:[-*+]|\d+[.)])\s+)?)(import|export)(?=[\s{*]|$)/, (_, lead: string, word: string) => `${lead}&#${word.charCodeAt(0)};${word.slice(1)}`);
  return out.replace(/\u0000/g, '<br />');
}

const MD_LINK = /!?\[[^\]]*\]\([^()\s]*(?:\([^()]*\)[^()\s]*)*(?:\s+"[^"]*")?\)/g;
const BARE_URL = /(?<![\w/@.-])(?:https?:\/\/|www\.)[^\s<>{}"'`\[\]]+/gi;

/**
 * Escapes `{`, `}`, `<`, `>`. A bare URL becomes an explicit link first: Markdown's autolinks
 * would otherwise run on into the entities after it (`https://x"&gt;…`).
 */
function escapeSegments(text: string): string {
  // `--` would be typeset as a dash (`--force` → `–force`, `<!--` → `<!–`): escape all but the first.
  const entities = (t: string) => t.replace(/[{}<>]/g, (c) => ENTITY[c]!).replace(/-{2,}/g, (run) => run.split('').join('\\'));
  let out = '';
  let last = 0;
  for (const m of text.matchAll(MD_LINK)) {
    out += bareUrls(text.slice(last, m.index)) + entities(m[0]);
    last = m.index + m[0].length;
  }
  return out + bareUrls(text.slice(last));

  function bareUrls(t: string) {
    let r = '';
    let at = 0;
    for (const m of t.matchAll(BARE_URL)) {
      // Trailing punctuation ends a sentence, not the URL.
      const url = m[0].replace(/[.,;:!?*_~)]+$/, '');
      r += entities(t.slice(at, m.index)) + `[${entities(url)}](${/^www\./i.test(url) ? 'http://' : ''}${entities(url)})`;
      at = m.index + url.length;
    }
    return r + entities(t.slice(at));
  }
}

const CODE_SPAN = /(?<!`)(`+)(?!`)(.*?[^`])\1(?!`)/g;

/** Escapes a line, leaving code spans (`` `{x}` ``) as written. */
export function escapeLine(line: string): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(CODE_SPAN)) {
    out += escapeText(line.slice(last, m.index), last === 0) + m[0];
    last = m.index + m[0].length;
  }
  return out + escapeText(line.slice(last), last === 0);
}

/**
 * Escapes a Markdown fragment for an MDX body. Fenced code stays as written (an unclosed fence
 * is closed at the end of the fragment so it cannot swallow what follows).
 */
export function escapeMarkdown(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const f = FENCE.exec(line);
    if (fence !== undefined) {
      out.push(line);
      if (f && f[2]![0] === fence[0] && f[2]!.length >= fence.length && !line.trim().slice(f[2]!.length).trim()) fence = undefined;
      continue;
    }
    if (f) {
      fence = f[2]!;
      out.push(line);
      continue;
    }
    out.push(escapeLine(line));
  }
  if (fence !== undefined) out.push(fence);
  return out.join('\n');
}

/** A fenced code block around `text`, with a fence longer than any backtick run inside it. */
export function codeBlock(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

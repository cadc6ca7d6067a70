/**
 * Internal links in postmortem bodies: Markdown links (`[text](/postmortems/<id>/)`), reference
 * definitions and `href="…"` attributes that point at a postmortem (`/postmortems/<id>/`, or the
 * short form `/i/<id-or-alias>/`), a service (`/services/<id>/`) or a runbook (`/runbooks/<id>/`).
 * A link whose target does not exist is a problem, reported on the line of the link. Code blocks
 * and code spans are ignored.
 */
import type { Problem } from './problems.ts';

export interface InternalLink {
  href: string;
  /** `postmortems`, `i`, `services` or `runbooks`. */
  section: string;
  target: string;
  /** 1-based line in the whole file. */
  line: number;
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const LINK_TARGETS = [
  /\]\(\s*<?([^)\s>]+)/g, // [text](/postmortems/x/ "title")
  /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g, // [ref]: /postmortems/x/
  /\bhref\s*=\s*["']([^"']+)["']/g, // <a href="/postmortems/x/">
];
const INTERNAL = /^(?:https?:\/\/[^/]+)?(?:\/[^/?#]+)*?\/(postmortems|i|services|runbooks)\/([^/?#\s]+)\/?(?:[?#].*)?$/;

/** A percent-encoded path segment as text; malformed escapes (`%E0%A4%A`) are kept as written, so the link is reported as broken. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The internal links of a body that starts on line `firstLine` of its file. */
export function internalLinks(body: string, firstLine: number): InternalLink[] {
  const links: InternalLink[] = [];
  let fence: string | undefined;
  for (const [i, raw] of body.split('\n').entries()) {
    const f = FENCE.exec(raw);
    if (fence !== undefined) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = undefined;
      continue;
    }
    if (f) {
      fence = f[1]!;
      continue;
    }
    const text = raw.replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '');
    for (const re of LINK_TARGETS) {
      for (const m of text.matchAll(re)) {
        const href = m[1]!;
        // Absolute URLs to other sites are not ours; only root-relative paths are checked.
        if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
        const internal = INTERNAL.exec(href);
        if (internal) links.push({ href, section: internal[1]!, target: decodeSegment(internal[2]!), line: firstLine + i });
      }
    }
  }
  return links;
}

export interface LinkTargets {
  postmortems: ReadonlySet<string>;
  aliases: ReadonlySet<string>;
  /** Pages under /postmortems/ that are not postmortems (`by-severity`…). */
  postmortemPages: ReadonlySet<string>;
  services: ReadonlySet<string>;
  runbooks: ReadonlySet<string>;
}

/** Problems for links whose target does not exist. */
export function brokenLinks(file: string, body: string, firstLine: number, targets: LinkTargets): Problem[] {
  const problems: Problem[] = [];
  for (const link of internalLinks(body, firstLine)) {
    const { section, target } = link;
    let missing: string | undefined;
    if (section === 'postmortems' && !targets.postmortems.has(target) && !targets.aliases.has(target) && !targets.postmortemPages.has(target)) {
      missing = `no postmortem with id or alias ${JSON.stringify(target)}`;
    } else if (section === 'i' && !targets.postmortems.has(target) && !targets.aliases.has(target)) {
      missing = `no postmortem with id or alias ${JSON.stringify(target)}`;
    } else if (section === 'services' && targets.services.size && !targets.services.has(target)) {
      missing = `no service ${JSON.stringify(target)}`;
    } else if (section === 'runbooks' && targets.runbooks.size && !targets.runbooks.has(target)) {
      missing = `no runbook ${JSON.stringify(target)}`;
    }
    if (missing) problems.push({ file, line: link.line, field: 'body', message: `broken link ${link.href}: ${missing}` });
  }
  return problems;
}

/** What a public build publishes, for the links of the postmortems it publishes. */
export interface PublishedTargets {
  /** Every postmortem id and alias, with the postmortem's id and file. */
  postmortems: ReadonlyMap<string, { id: string; file: string }>;
  /** Ids of the postmortems the build publishes. */
  published: ReadonlySet<string>;
  /** Every service and runbook id: true when the build publishes it. */
  services: ReadonlyMap<string, boolean>;
  runbooks: ReadonlyMap<string, boolean>;
}

/**
 * Problems for links, in a body that a public build publishes, to pages that build leaves out
 * (an internal or draft postmortem, a runbook or service no published postmortem names). Lines in
 * `skipLines` (1-based, in the body: `<Internal>` blocks) are not published, so not checked.
 */
export function unpublishedLinks(file: string, body: string, firstLine: number, targets: PublishedTargets, skipLines: ReadonlySet<number>): Problem[] {
  const problems: Problem[] = [];
  const fix = 'remove the link, wrap it in <Internal>…</Internal>, or publish the target';
  for (const link of internalLinks(body, firstLine)) {
    if (skipLines.has(link.line - firstLine + 1)) continue;
    const { section, target } = link;
    let reason: string | undefined;
    if (section === 'postmortems' || section === 'i') {
      const pm = targets.postmortems.get(target);
      if (pm && !targets.published.has(pm.id)) reason = `${pm.file} is not published in public builds (internal or draft)`;
    } else if (section === 'services' && targets.services.get(target) === false) {
      reason = `service ${JSON.stringify(target)} is not published in public builds (internal, and no published postmortem names it)`;
    } else if (section === 'runbooks' && targets.runbooks.get(target) === false) {
      reason = `runbook ${JSON.stringify(target)} is not published in public builds (internal, and no published postmortem cites it)`;
    }
    if (reason) problems.push({ file, line: link.line, field: 'body', message: `link ${link.href} leads to an unpublished page: ${reason}; ${fix}` });
  }
  return problems;
}

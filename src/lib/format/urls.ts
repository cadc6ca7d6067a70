/**
 * Web addresses in content. Content is untrusted: a URL field holds an http(s) address (a body link
 * may also be `mailto:`), and a page renders a link only for those schemes, whatever got past
 * validation. Schemes are read the way browsers read them (the WHATWG URL parser strips leading and
 * trailing control characters and spaces and drops tabs and newlines anywhere), so `\tJaVa\nScript:`
 * is `javascript:`.
 */
import { z } from 'astro/zod';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** The address as a browser's URL parser sees it before reading the scheme. */
export const browserView = (value: string) => value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');

/** The scheme in lower case (`https`, `javascript`), or undefined for a relative address (`/x/`, `#a`, `x.html`). */
export function urlScheme(value: string): string | undefined {
  return SCHEME.exec(browserView(value))?.[1]!.toLowerCase();
}

/** Schemes a link may use: web pages, and e-mail where a person is the target. */
export const WEB_SCHEMES = ['http', 'https'] as const;
export const LINK_SCHEMES = ['http', 'https', 'mailto'] as const;

/** True for an absolute `http://` or `https://` address with a host and nothing a browser would strip. */
export function isHttpUrl(value: string): boolean {
  return browserView(value) === value && /^https?:\/\/[^/?#\s]/i.test(value) && URL.canParse(value);
}

/**
 * The `href` to render for a URL from content, or undefined when it must be shown as text only:
 * `http(s)` addresses, plus `mailto:` when `mailto` is set. The one place pages decide that.
 */
export function linkHref(value: string | undefined, { mailto = false } = {}): string | undefined {
  if (value === undefined) return undefined;
  const scheme = urlScheme(value);
  if (scheme === 'mailto') return mailto ? value : undefined;
  return scheme && (WEB_SCHEMES as readonly string[]).includes(scheme) && isHttpUrl(value.trim()) ? value.trim() : undefined;
}

/** A reference to something outside the site (a URL), as opposed to an id: anything with a scheme. */
export const isUrlReference = (value: string) => urlScheme(value) !== undefined;

const quoted = (value: unknown) => JSON.stringify(value);

/** A URL field: an absolute http(s) address, written as a browser would read it (no spaces or control characters). */
export const httpUrl = z
  .string()
  .refine(isHttpUrl, { error: (issue) => `expected an http(s) URL, got ${quoted(issue.input)}` })
  .meta({ format: 'uri' });

/**
 * A field that holds either a name (a runbook id, a ticket key) or a URL: anything with a scheme
 * must be an http(s) URL. `what` names the non-URL form in the error.
 */
export const nameOrHttpUrl = (what: string) =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .refine((value) => !isUrlReference(value) || isHttpUrl(value), {
      error: (issue) => `expected ${what} or an http(s) URL, got ${quoted(issue.input)}`,
    });

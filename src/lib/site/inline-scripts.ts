/**
 * The only inline scripts the site ships, each because it must run before anything else on the
 * page, and each allowed by its hash in the Content-Security-Policy (headers.ts). Every other script
 * is a module under src/scripts/. A change here changes the hash in `_headers` with it.
 */
import { createHash } from 'node:crypto';

/**
 * Sets the theme before first paint, so the page never flashes the wrong one (Base.astro): `dark`
 * or `light` on <html>. Without JavaScript neither is set and the CSS follows the system's setting.
 */
export const THEME_INIT_SCRIPT =
  "(()=>{const s=localStorage.getItem('theme'),d=s?s==='dark':matchMedia('(prefers-color-scheme: dark)').matches,c=document.documentElement.classList;c.toggle('dark',d);c.toggle('light',!d)})()";

/**
 * Redirect pages (RedirectPage.astro): go to the target in `<html data-redirect>`, keeping the URL's
 * #fragment, which the meta refresh drops. Runs in the head, before the refresh.
 */
export const REDIRECT_SCRIPT = 'location.replace(document.documentElement.dataset.redirect+location.hash)';

/** CSP source expressions (`'sha256-…'`) for the inline scripts. */
export const inlineScriptHashes = () => [THEME_INIT_SCRIPT, REDIRECT_SCRIPT].map((source) => `'sha256-${createHash('sha256').update(source).digest('base64')}'`);

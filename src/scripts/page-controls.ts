/**
 * Controls on every page: `/` focuses the search box, the theme toggle (hidden without JS: nothing
 * to toggle), and copy-link controls (`a[data-copy-link]`: plain #anchor links that, with JS, also
 * copy the full URL). The theme itself is set before first paint by the inline script of
 * src/lib/site/inline-scripts.ts.
 */

addEventListener('keydown', (event) => {
  const target = event.target;
  const typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  if (event.key !== '/' || typing || event.ctrlKey || event.metaKey || event.altKey) return;
  event.preventDefault();
  (document.getElementById('search-q') ?? document.getElementById('site-search'))?.focus();
});

const toggle = document.querySelector<HTMLButtonElement>('.theme-toggle');
if (toggle) {
  // Named by its visible label ("Dark theme", Base.astro); aria-pressed says whether dark is on.
  const root = document.documentElement;
  const sync = () => toggle.setAttribute('aria-pressed', String(root.classList.contains('dark')));
  toggle.hidden = false;
  sync();
  toggle.addEventListener('click', () => {
    const dark = !root.classList.contains('dark');
    root.classList.toggle('dark', dark);
    root.classList.toggle('light', !dark);
    localStorage.setItem('theme', dark ? 'dark' : 'light');
    sync();
  });
}

addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[data-copy-link]') : null;
  if (!link || !navigator.clipboard || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  history.replaceState(null, '', link.hash);
  navigator.clipboard.writeText(link.href).then(
    () => {
      link.setAttribute('data-copied', '');
      setTimeout(() => link.removeAttribute('data-copied'), 1500);
    },
    () => {
      location.hash = link.hash;
    },
  );
});

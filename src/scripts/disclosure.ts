/**
 * Disclosure buttons: `<button data-disclosure aria-expanded aria-controls="panel">` shows and hides
 * the panel by toggling its `data-collapsed` attribute (the page's CSS decides where collapsing
 * applies, e.g. only below a breakpoint).
 */
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-disclosure]')) {
  const panel = document.getElementById(button.getAttribute('aria-controls') ?? '');
  if (!panel) continue;
  const show = (open: boolean) => {
    button.setAttribute('aria-expanded', String(open));
    panel.toggleAttribute('data-collapsed', !open);
  };
  show(button.getAttribute('aria-expanded') === 'true');
  button.addEventListener('click', () => show(button.getAttribute('aria-expanded') !== 'true'));
}

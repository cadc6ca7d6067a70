/** The timeline chart's "Copy" button: selects the Mermaid source and copies it (hidden without JS). */
for (const button of document.querySelectorAll<HTMLButtonElement>('.timeline-chart-copy')) {
  button.hidden = false;
  button.addEventListener('click', () => {
    const source = button.nextElementSibling;
    if (!source) return;
    getSelection()?.selectAllChildren(source);
    navigator.clipboard?.writeText(source.textContent ?? '').then(
      () => {
        button.textContent = 'Copied';
      },
      () => {},
    );
  });
}

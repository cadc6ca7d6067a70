/**
 * `npm run docs`: writes the generated format reference to docs/format.md (the same content as the
 * site's /format/ page, for readers of the repository).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { formatReferenceMarkdown } from '../src/lib/format/reference.ts';

const FORMAT_DOC = 'docs/format.md';

mkdirSync('docs', { recursive: true });
writeFileSync(FORMAT_DOC, formatReferenceMarkdown());
console.log(`wrote ${FORMAT_DOC}`);

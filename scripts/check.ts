/** `npm run check`: validates all content (postmortems, runbooks, services) without building the site. */
import { loadContent } from '../src/lib/format/content-files.ts';
import { formatProblem } from '../src/lib/format/problems.ts';

const json = process.argv.includes('--json');
const { problems, fileCounts } = loadContent(process.cwd());
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
if (json) {
  console.log(JSON.stringify({ files: fileCounts.postmortems, fileCounts, problems }, null, 2));
} else {
  for (const p of problems) console.error(formatProblem(p));
  const checked = [plural(fileCounts.postmortems, 'postmortem'), plural(fileCounts.runbooks, 'runbook'), plural(fileCounts.services, 'service')].join(', ');
  console.log(`checked ${checked}: ${problems.length ? plural(problems.length, 'problem') : 'all valid'}`);
}
process.exitCode = problems.length ? 1 : 0;

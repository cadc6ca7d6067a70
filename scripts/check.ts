/** `npm run check`: validates all content without building the site. */
import { loadPostmortems } from '../src/lib/content-files.ts';
import { formatProblem } from '../src/lib/problems.ts';

const json = process.argv.includes('--json');
const { problems, fileCount } = loadPostmortems(process.cwd());
if (json) {
  console.log(JSON.stringify({ files: fileCount, problems }, null, 2));
} else {
  for (const p of problems) console.error(formatProblem(p));
  console.log(`checked ${fileCount} postmortem${fileCount === 1 ? '' : 's'}: ${problems.length ? `${problems.length} problem${problems.length === 1 ? '' : 's'}` : 'all valid'}`);
}
process.exitCode = problems.length ? 1 : 0;

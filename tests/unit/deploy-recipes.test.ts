/** The deploy recipes are read as their hosts read them, and must run commands this project has. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parse as parseToml } from 'smol-toml';
import { ROOT } from '../support/build-site.ts';
import { DEFAULT_CACHE_DIR } from '../../src/integrations/diagrams.ts';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
const readme = read('README.md');
const nodeMajor = /\d+/.exec(pkg.devDependencies.node!)![0];

/** `npm run <script>` and `npm ci` in a shell command: each script must exist. */
function npmCommands(command: string) {
  const runs = [...command.matchAll(/\bnpm run ([\w:-]+)/g)].map((m) => m[1]!);
  for (const script of runs) expect(pkg.scripts, `npm run ${script}`).toHaveProperty(script);
  return runs;
}

interface Step {
  uses?: string;
  run?: string;
  id?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Workflow {
  on: { push: { branches: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; container?: string; needs?: string; steps: Step[]; environment?: { name: string } }>;
}

describe('.github/workflows/pages.yml', () => {
  const workflow = parseYaml(read('.github/workflows/pages.yml')) as Workflow;
  const build = workflow.jobs.build!;
  const deploy = workflow.jobs.deploy!;
  const runs = build.steps.map((s) => s.run ?? '').join('\n');

  it('installs Chromium from apt and the project\'s own Node through npm ci', () => {
    expect(runs).toMatch(/apt-get install [^\n]*\bchromium\b/);
    expect(runs).toMatch(/^npm ci\b/m);
    // No setup-node with another version: npm scripts run on the node@<major> devDependency.
    expect(build.steps.some((s) => s.uses?.startsWith('actions/setup-node'))).toBe(false);
    expect(nodeMajor).toBe('24');
  });

  it('keeps the chart cache, Astro\'s cache and the last output between runs (page reuse)', () => {
    const cache = build.steps.find((s) => s.uses?.startsWith('actions/cache@'))!;
    expect(cache.with!.path!.trim().split('\n').map((p) => p.trim())).toEqual([DEFAULT_CACHE_DIR, 'node_modules/.astro', 'dist']);
    // npm ci deletes node_modules/: a cache restored before it would be lost.
    expect(build.steps.indexOf(cache)).toBeGreaterThan(build.steps.findIndex((s) => s.run?.startsWith('npm ci')));
  });

  it('builds with a script of package.json, under the Pages base path and origin, as CI', () => {
    const step = build.steps.find((s) => s.run && npmCommands(s.run).includes('build'))!;
    expect(step.run!.trim()).toBe('npm run build');
    expect(step.env).toMatchObject({ CI: 'true', SITE_URL: '${{ steps.pages.outputs.origin }}', BASE_PATH: '${{ steps.pages.outputs.base_path }}/' });
    expect(build.steps.find((s) => s.id === 'pages')?.uses).toMatch(/^actions\/configure-pages@v\d+$/);
    expect(build.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))?.with?.path).toBe('dist');
  });

  it('deploys with actions/deploy-pages after the build', () => {
    expect(workflow.on.push.branches).toContain('main');
    expect(workflow.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    expect(deploy.needs).toBe('build');
    expect(deploy.environment?.name).toBe('github-pages');
    expect(deploy.steps.map((s) => s.uses)).toEqual([expect.stringMatching(/^actions\/deploy-pages@v\d+$/)]);
  });
});

describe('netlify.toml', () => {
  const netlify = parseToml(read('netlify.toml')) as { build: { command: string; publish: string; environment: Record<string, string> } };

  it('builds with npm run build into dist, on the project\'s Node major, with SITE_URL set', () => {
    expect(npmCommands(netlify.build.command)).toEqual(['build']);
    expect(netlify.build.command).toMatch(/SITE_URL="\$\{SITE_URL:-\$URL\}"/);
    expect(netlify.build.publish).toBe('dist');
    expect(netlify.build.environment.NODE_VERSION).toBe(nodeMajor);
  });
});

describe('README "Deploying"', () => {
  const section = readme.slice(readme.indexOf('## Deploying'), readme.indexOf('\n## ', readme.indexOf('## Deploying') + 3));

  it('gives each recipe', () => {
    for (const heading of ['### GitHub Pages', '### Netlify', '### Cloudflare Pages', '### nginx', '### S3 and CloudFront']) expect(section).toContain(heading);
    for (const setting of ['SITE_URL', 'BASE_PATH', 'SITE_URL=relative']) expect(section).toContain(`\`${setting}`);
  });

  it('matches the recipes: Cloudflare settings, and the files it links', () => {
    expect(section).toContain('| Build command | `npm run build` |');
    expect(section).toContain('| Build output directory | `dist` |');
    expect(section).toContain(`NODE_VERSION=${nodeMajor}`);
    npmCommands(section);
    for (const [, path] of section.matchAll(/\]\(((?:\.github|docs|netlify)[^)]*)\)/g)) expect(existsSync(join(ROOT, path!)), path).toBe(true);
  });

  it('serves dist with a 404 page, folder index pages and the base-path variant on nginx', () => {
    const conf = read('docs/deploy/nginx.conf');
    expect(conf).toContain('error_page 404 /404.html;');
    expect(conf).toContain('try_files $uri $uri/ =404;');
    expect(conf).toMatch(/location \/kb\/ \{\n#\s+alias /);
  });
});

/** The command-line tools: `npm run import` over a folder of mixed files, and `npm run new`. */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../support/build-site.ts';
import { FIXTURES } from './helpers.ts';

function run(script: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [join(ROOT, 'scripts', script), ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}
const check = (content: string) => run('check.ts', [], { HINDSIGHT_CONTENT_DIR: content });

describe('npm run import over a folder of mixed files', () => {
  let work: string;
  let legacy: string;
  let out: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'hindsight-import-'));
    legacy = join(work, 'legacy');
    out = join(work, 'content', 'postmortems');
    mkdirSync(join(legacy, 'wiki'), { recursive: true });
    cpSync(join(FIXTURES, '01-seed-checkout-db.md'), join(legacy, 'checkout.md'));
    cpSync(join(FIXTURES, '07-date-grouped-checkboxes.md'), join(legacy, 'wiki', 'orders.md'));
    cpSync(join(FIXTURES, 'hostile', '01-jsx-braces-imports.md'), join(legacy, 'billing.markdown'));
    cpSync(join(FIXTURES, 'refused', 'assignment.md'), join(legacy, 'assignment.md'));
    cpSync(join(FIXTURES, 'refused', 'link-list.md'), join(legacy, 'links.txt'));
    writeFileSync(join(legacy, 'picture.png'), 'not markdown');
  });

  it('shows progress, continues past refusals, ends with a summary table and exit 1', async () => {
    const { code, stdout } = await run('import.ts', [legacy, '--out', out]);
    expect(code).toBe(1);
    for (const n of [1, 2, 3, 4, 5]) expect(stdout).toContain(`[${n}/5] `);
    expect(stdout).not.toContain('picture.png');
    expect(stdout).toMatch(/refused: instructions for writing a postmortem/);
    expect(stdout).toMatch(/^\S*assignment\.md\s+refused\s+instructions for writing a postmortem/m);
    expect(stdout).toMatch(/^\S*checkout\.md\s+needs review\s+\S*2024-06-05-main-e-commerce-website-experienced-severe\.mdx$/m);
    expect(stdout).toContain('3 imported (3 need review), 2 refused');
    expect(stdout).toContain('    - severity: guessed SEV1');
    expect(readdirSync(out).sort()).toEqual([
      '2024-03-12-order-queue-backlog.mdx',
      '2024-05-01-outage-billing-dashboard-service.mdx',
      '2024-06-05-main-e-commerce-website-experienced-severe.mdx',
    ]);
  });

  it('writes files that npm run check accepts', async () => {
    const { code, stdout, stderr } = await check(join(work, 'content'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('checked 3 postmortems');
  });

  it('never overwrites without --force', async () => {
    const file = join(out, '2024-03-12-order-queue-backlog.mdx');
    writeFileSync(file, 'edited by a reviewer');
    const again = await run('import.ts', [join(legacy, 'wiki', 'orders.md'), '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/skipped: \S*2024-03-12-order-queue-backlog\.mdx exists \(use --force to overwrite\)/);
    expect(readFileSync(file, 'utf8')).toBe('edited by a reviewer');
    const forced = await run('import.ts', [join(legacy, 'wiki', 'orders.md'), '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^---\n# Imported from orders\.md/);
  });

  it('--dry-run writes nothing and prints a single file', async () => {
    const dry = join(work, 'dry');
    const { code, stdout } = await run('import.ts', [join(legacy, 'checkout.md'), '--out', dry, '--dry-run']);
    expect(code).toBe(0);
    expect(existsSync(dry)).toBe(false);
    expect(stdout).toMatch(/^---\n# Imported from checkout\.md/);
    expect(stdout).toContain('needs review: (dry run)');
  });

  it('refuses a single non-postmortem with a one-line reason and writes nothing', async () => {
    const none = join(work, 'none');
    const { code, stdout } = await run('import.ts', [join(legacy, 'links.txt'), '--out', none]);
    expect(code).toBe(1);
    expect(stdout.trim()).toBe('refused: a list of links (6 of 6 lines are links), not an incident report');
    expect(existsSync(none)).toBe(false);
  });

  it('uses --timezone and --day-first', async () => {
    const file = join(work, 'dates.md');
    writeFileSync(file, '# Scanner sync failure\n\nDate: 05/06/2024\n\n## Summary\nHandheld scanners could not sync picks for half an hour after a firmware update.\n\n## Timeline\n- 07:40 firmware update applied\n- 08:10 firmware rolled back, scanners recovered\n');
    const { stdout } = await run('import.ts', [file, '--dry-run', '--timezone', 'Europe/London', '--day-first']);
    expect(stdout).toContain('started: "2024-06-05T07:40:00+01:00"');
    expect(stdout).not.toContain('timezone: the document names no time zone');
  });
});

describe('npm run new', () => {
  let content: string;
  beforeAll(() => {
    content = mkdtempSync(join(tmpdir(), 'hindsight-new-'));
    mkdirSync(join(content, 'services'), { recursive: true });
    writeFileSync(join(content, 'services', 'checkout.yaml'), 'id: checkout\nname: "Checkout"\nowner: "payments-team"\n');
  });
  const out = () => join(content, 'postmortems');

  it('writes a draft from flags that passes npm run check as it is', async () => {
    const { code, stdout } = await run('new.ts', ['--title', 'Checkout slow after deploy', '--severity', 'SEV2', '--service', 'checkout', '--started', '2024-06-05 14:00', '--timezone', 'Europe/Berlin', '--out', out()]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/created \S*2024-06-05-checkout-slow-after-deploy\.mdx \(status: draft\)/);
    const text = readFileSync(join(out(), '2024-06-05-checkout-slow-after-deploy.mdx'), 'utf8');
    expect(text).toContain('status: draft');
    expect(text).toContain('started: "2024-06-05T14:00:00+02:00"');
    for (const hint of ['# Summary:', '# Impact:', '# Timeline:', '# Root cause:', '# Resolution:', '# Action items:', '# Lessons:', '## Background', '## What happened']) expect(text).toContain(hint);
    const checked = await check(content);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
  });

  it('refuses to overwrite, an unknown service, and a missing title', async () => {
    const args = ['--title', 'Checkout slow after deploy', '--service', 'checkout', '--started', '2024-06-05 14:00', '--timezone', 'Europe/Berlin', '--out', out()];
    expect((await run('new.ts', args)).stderr).toMatch(/exists; choose another title or use --force/);
    const unknown = await run('new.ts', ['--title', 'X', '--service', 'chekout', '--out', out()]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown service "chekout"; did you mean "checkout"?');
    const untitled = await run('new.ts', ['--service', 'checkout', '--out', out()]);
    expect(untitled.code).toBe(2);
    expect(untitled.stderr).toMatch(/^--title is required/);
  });
});

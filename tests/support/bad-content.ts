/**
 * A content folder full of input that used to crash or hang `npm run check` and the build (issue 12,
 * items 1, 2 and 9), with the line each must produce instead: `file:line: field: message`.
 * Shared by the check test (tests/unit/bad-input.test.ts) and the build test, so both tools are
 * held to the same lines.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './build-site.ts';

const SEED = readFileSync(join(ROOT, 'tests/fixtures/site/postmortems/2024-06-05-checkout-db-slowdown.mdx'), 'utf8').replace('aliases: [checkout-db-2024]\n', '');
const SERVICE = 'id: NAME\nname: Name\nowner: team\n';
const BOMB = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]', 'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]'].join('\n');

/** Writes the folder (a copy of tests/fixtures/site plus the bad files) and returns it with the expected lines. */
export function writeBadContent() {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bad-'));
  cpSync(join(ROOT, 'tests/fixtures/site'), dir, { recursive: true });
  const pm = (name: string, text: string | Buffer) => writeFileSync(join(dir, 'postmortems', name), text);

  pm('2024-07-01-bad-percent.mdx', `${SEED}\nSee [the other one](/postmortems/%E0%A4%A/).\n`);
  pm('2024-07-02-alias-bomb.mdx', SEED.replace('---\n', `---\n${BOMB}\n`));
  symlinkSync('2024-07-03-loop.mdx', join(dir, 'postmortems', '2024-07-03-loop.mdx'));
  mkdirSync(join(dir, 'postmortems', '2024-07-04-folder.mdx'));
  pm('2024-07-05-long-tag.mdx', SEED.replace('tags: [', `tags: [${'x'.repeat(300)}, `));
  pm('2024-07-06-alias-index.mdx', SEED.replace('runbooks:', 'aliases: [index.html]\nrunbooks:'));
  mkdirSync(join(dir, 'postmortems', '2023'));
  pm('2023/2023-01-01-nested.mdx', SEED);
  pm('2024-07-07-tag-cpp.mdx', SEED.replace(/tags: \[.*\]/, 'tags: ["C++"]'));
  pm('2024-07-08-tag-c.mdx', SEED.replace(/tags: \[.*\]/, 'tags: [c]'));
  pm('con.mdx', SEED);
  pm('2024-07-09-windows-alias.mdx', SEED.replace('runbooks:', 'aliases: [nul, INC-1.]\nrunbooks:'));
  pm('2024-07-21-markdown.md', `${SEED}\n<script>alert(1)</script>\n`);
  pm('2024-07-20-long-alias.mdx', SEED.replace('runbooks:', `aliases: [${'A'.repeat(300)}]\nrunbooks:`));
  pm('2024-07-10-windows-tag.mdx', SEED.replace(/tags: \[.*\]/, 'tags: [Aux]'));
  pm('2024-07-11-year-50.mdx', SEED.replace(/"2024-06-05T/g, '"0050-06-05T'));
  pm('2024-07-12-zone-offset.mdx', SEED.replace('timezone: UTC', 'timezone: "+05:00"'));
  pm('2024-07-13-zone-case.mdx', SEED.replace('timezone: UTC', 'timezone: utc'));
  pm('2024-07-14-zone-legacy.mdx', SEED.replace('timezone: UTC', 'timezone: EST5EDT'));
  pm('2024-07-15-latin1.mdx', Buffer.from(SEED.replace('title: "Checkout', 'title: "Café checkout'), 'latin1'));
  pm('2024-07-16-mdx-syntax.mdx', `${SEED}\n<div>\n\nnever closed\n`);
  pm('2024-07-17-xss-body.mdx', `${SEED}\n<img src="x.png" alt="" onerror="alert(1)" />\n\n[click](JaVaScRiPt:alert(document.cookie))\n\n{process.env.HOME}\n`);
  pm('2024-07-18-xss-source.mdx', SEED.replace('runbooks:', 'sources: ["javascript:alert(1)"]\nrunbooks:'));
  pm('2024-07-19-utf16.mdx', Buffer.from(`\ufeff${SEED}`, 'utf16le'));

  const svc = (name: string, text: string | Buffer) => writeFileSync(join(dir, 'services', name), text);
  svc('prn.yaml', SERVICE.replace('NAME', 'prn'));
  svc('bomb.yaml', `${BOMB}\n${SERVICE.replace('NAME', 'bomb')}`);
  svc('latin1.yaml', Buffer.from(SERVICE.replace('NAME', 'latin1').replace('Name', 'Caisse enregistreuse é'), 'latin1'));
  mkdirSync(join(dir, 'services', 'folder.yaml'));
  mkdirSync(join(dir, 'services', 'old'));
  svc('old/nested.yaml', SERVICE.replace('NAME', 'nested'));
  writeFileSync(join(dir, 'runbooks', 'bad-url.yaml'), 'id: bad-url\ntitle: Bad\nurl: " javascript:alert(1)"\n');

  const expected: RegExp[] = [
    /^\S*postmortems\/2024-07-01-bad-percent\.mdx:\d+: body: broken link \/postmortems\/%E0%A4%A\/: no postmortem with id or alias "%E0%A4%A"$/m,
    /^\S*postmortems\/2024-07-02-alias-bomb\.mdx:\d+: invalid YAML: its aliases \(\*name\) expand to too many values/m,
    /^\S*postmortems\/2024-07-03-loop\.mdx: is a symbolic link that loops back on itself; replace it with the file$/m,
    /^\S*postmortems\/2024-07-04-folder\.mdx: is a folder, not a postmortem file; rename the folder$/m,
    /^\S*postmortems\/2024-07-06-alias-index\.mdx:\d+: aliases\.0: alias "index\.html" ends like a page file/m,
    /^\S*postmortems\/2023\/2023-01-01-nested\.mdx: postmortems in subfolders are not read; move it to \S*postmortems\//m,
    /^\S*postmortems\/2024-07-08-tag-c\.mdx:\d+: tags\.0: tag "c" has the same page \/tags\/c\/ as tag "C\+\+" in \S*postmortems\/2024-07-07-tag-cpp\.mdx/m,
    /^\S*postmortems\/con\.mdx: file name: "con" is a reserved device name on Windows/m,
    /^\S*postmortems\/2024-07-09-windows-alias\.mdx:\d+: aliases\.0: alias "nul" is a reserved device name on Windows/m,
    /^\S*postmortems\/2024-07-09-windows-alias\.mdx:\d+: aliases\.1: alias "INC-1\." ends with a dot or space/m,
    /^\S*postmortems\/2024-07-10-windows-tag\.mdx:\d+: tags\.0: tag "Aux" would have the page \/tags\/aux\/, and "aux" is a reserved device name on Windows/m,
    /^\S*postmortems\/2024-07-11-year-50\.mdx:\d+: started: expected a year from 1000 to 9999, got "0050-06-05T14:00:00Z"$/m,
    /^\S*postmortems\/2024-07-12-zone-offset\.mdx:\d+: timezone: "\+05:00" is an offset, not an IANA time zone; .* or "Etc\/GMT-5"/m,
    /^\S*postmortems\/2024-07-13-zone-case\.mdx:\d+: timezone: "utc" is not a canonical IANA time zone name; use "UTC"$/m,
    /^\S*postmortems\/2024-07-14-zone-legacy\.mdx:\d+: timezone: "EST5EDT" is not a canonical IANA time zone name; use "America\/New_York"$/m,
    /^\S*postmortems\/2024-07-15-latin1\.mdx:2: not UTF-8 text \(byte 0xE9: the file is probably Latin-1 or Windows-1252\); save it as UTF-8$/m,
    /^\S*postmortems\/2024-07-16-mdx-syntax\.mdx:\d+: body: MDX syntax error at column \d+: Expected a closing tag for `<div>`/m,
    /^\S*postmortems\/2024-07-17-xss-body\.mdx:\d+: body: <img>: event handler onerror is not allowed/m,
    /^\S*postmortems\/2024-07-17-xss-body\.mdx:\d+: body: link: javascript: URLs are not allowed/m,
    /^\S*postmortems\/2024-07-17-xss-body\.mdx:\d+: body: JavaScript expression \{process\.env\.HOME\} is not allowed/m,
    /^\S*postmortems\/2024-07-18-xss-source\.mdx:\d+: sources\.0: expected an http\(s\) URL, got "javascript:alert\(1\)"$/m,
    /^\S*postmortems\/2024-07-19-utf16\.mdx:1: the file is UTF-16 text; save it as UTF-8$/m,
    /^\S*services\/prn\.yaml: file name: "prn" is a reserved device name on Windows/m,
    /^\S*services\/bomb\.yaml:\d+: invalid YAML: its aliases \(\*name\) expand to too many values/m,
    /^\S*services\/latin1\.yaml:2: not UTF-8 text/m,
    /^\S*services\/folder\.yaml: is a folder, not a YAML file; rename the folder$/m,
    /^\S*services\/old\/nested\.yaml: files in subfolders are not read; move it to \S*services\/$/m,
    /^\S*postmortems\/2024-07-20-long-alias\.mdx:\d+: aliases\.0: expected an alias of at most 100 characters, got 300$/m,
    /^\S*postmortems\/2024-07-21-markdown\.md: Markdown \(\.md\) bodies pass raw HTML through unchecked; rename the file to \.mdx/m,
    /^\S*runbooks\/bad-url\.yaml:\d+: url: expected an http\(s\) URL, got " javascript:alert\(1\)"$/m,
  ];
  /** Problems the fixture must not produce: the long tag is fine once its slug is capped. */
  const unexpected = [/2024-07-05-long-tag/, /ENAMETOOLONG|ENOTDIR|EISDIR|ELOOP|URIError|Missing parameter/, /^\s+at /m];
  return { dir, expected, unexpected };
}

/**
 * Formats and inputs beyond Markdown: HTML exports (Confluence, Google Docs) and Word `.docx`
 * through the same pipeline, encodings, symlinked folders, adversarial files (linear time),
 * and the CLI's services options: `--create-services` then `npm run check` is green.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { ROOT } from '../../support/build-site.ts';
import { convertPostmortem } from '../../../src/lib/import/convert.ts';
import { htmlToMarkdown } from '../../../src/lib/import/html.ts';
import { decodeSource } from '../../../src/lib/import/decode.ts';
import { listSourceFiles, readSource } from '../../../src/lib/import/sources.ts';
import { EXPECTED } from '../../fixtures/import/expected.ts';
import { FIXTURES, NOW, timelineNotation } from './helpers.ts';

const html = (name: string) => readFileSync(join(FIXTURES, 'html', name), 'utf8');
const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** A stored (uncompressed) zip: enough for a .docx that mammoth reads. */
function zip(files: Record<string, Buffer | string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const nameBytes = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(header, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** A 1×1 PNG. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

/** A minimal Word document: a title, labelled lines, a timeline list, a cause and an image. */
export function docx(): Buffer {
  const p = (text: string, style?: string) => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
  const image = `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="9525" cy="9525"/><wp:docPr id="1" name="Error graph"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="graph.png" descr="Error rate graph"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
  const body = [
    p('Payroll export stuck', 'Heading1'),
    p('Start: 2024-12-02 09:00 UTC'),
    p('End: 2024-12-02 10:10 UTC'),
    p('Summary', 'Heading2'),
    p('The payroll export to the bank stayed in the queue for seventy minutes because its worker pool was scaled to zero by mistake.'),
    p('Timeline', 'Heading2'),
    p('09:00 worker pool scaled to zero by the nightly cost job'),
    p('09:25 finance reports that the export has not arrived'),
    p('10:10 worker pool restored and the export delivered'),
    p('Root cause', 'Heading2'),
    p('The cost job treated the payroll workers as idle because they only run at the start of the month.'),
    p('Graphs', 'Heading2'),
    image,
  ].join('');
  return zip({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/_rels/document.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/graph.png"/></Relationships>',
    'word/media/graph.png': PNG,
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>${body}</w:body></w:document>`,
  });
}

describe('HTML exports', () => {
  it('reads a Confluence export: title without space and prefix, table timeline, task list', () => {
    const result = convertPostmortem(htmlToMarkdown(html('confluence-export.html')), { fileName: 'confluence-export.html', now: NOW });
    if (!result.ok) throw new Error(result.reason);
    expect(result.data.title).toBe('Mobile push notifications delayed');
    expect(timelineNotation(result.data).map((e) => e.slice(0, 5))).toEqual(['11:02', '11:20', '12:05', '12:40']);
    expect(result.data.actions?.map((a) => `${a.title}|${a.status ?? 'open'}`)).toEqual(['Separate staging and production broker configuration|done', 'Alert on broker connection saturation|open']);
    expect(result.data.impact.usersAffectedPercent).toBe(35);
  });

  it('reads a Google Docs export: title class, bold labels in styled spans, struck items, redirected links', () => {
    const result = convertPostmortem(htmlToMarkdown(html('google-docs-export.html')), { fileName: 'google-docs-export.html', now: NOW });
    if (!result.ok) throw new Error(result.reason);
    expect(result.data.title).toBe('Warehouse scanners offline');
    expect(result.data.started).toBe('2025-03-18T07:15:00-04:00');
    expect(result.data.resolved).toBe('2025-03-18T08:05:00-04:00');
    expect(result.data.cause.summary).toContain('https://wiki.example.com/gateway-certs');
    expect(result.data.cause.summary).not.toContain('google.com/url');
    expect(result.data.actions?.[0]).toMatchObject({ title: 'Renew the certificate for another year', status: 'done' });
    expect(result.data.actions?.[1]).toMatchObject({ owner: '@lena' });
  });

  for (const name of ['confluence-export.html', 'google-docs-export.html']) {
    it(`loses no word of ${name}`, () => {
      const markdown = htmlToMarkdown(html(name));
      const result = convertPostmortem(markdown, { fileName: name, now: NOW });
      if (!result.ok) throw new Error(result.reason);
      const output = words(result.mdx.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))));
      // Headings, table headers and the notation of dates and times are structure (see words.test.ts).
      const structure = words('summary impact timeline root cause action items time event date start end utc est am pm oct mar march october incident review platform all times are in x https www google com url q sa d source editors');
      const missing = [...words(markdown)].filter((w) => !output.has(w) && !structure.has(w) && !/^\d+$/.test(w));
      expect(missing).toEqual([]);
    });
  }
});

describe('Word documents', () => {
  it('converts a .docx through mammoth and keeps its image as a file to write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-docx-'));
    writeFileSync(join(dir, 'payroll.docx'), docx());
    const source = await readSource(join(dir, 'payroll.docx'));
    if (!source.ok) throw new Error(source.reason);
    expect(source.images).toHaveLength(1);
    expect(source.images[0]!.data.equals(PNG)).toBe(true);
    const result = convertPostmortem(source.markdown, { fileName: 'payroll.docx', now: NOW, imageExists: (src) => src === source.images[0]!.name });
    if (!result.ok) throw new Error(result.reason);
    expect(result.data.title).toBe('Payroll export stuck');
    expect(result.data.started).toBe('2024-12-02T09:00:00Z');
    expect(result.data.timeline).toHaveLength(3);
    expect(result.images).toEqual([{ src: 'image-1.png', name: 'image-1.png' }]);
    expect(result.body).toContain(`](./${result.id}/image-1.png)`);
  });

  it('refuses a file that is not a Word document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-docx-'));
    writeFileSync(join(dir, 'fake.docx'), 'just text');
    expect(await readSource(join(dir, 'fake.docx'))).toEqual({ ok: false, reason: expect.stringMatching(/^not a Word document/) });
  });
});

describe('encodings', () => {
  const text = '# Café outage\n\nStart: 2024-06-05 14:00 UTC\n';
  it('decodes UTF-8 with a BOM, UTF-16 LE and BE (with and without BOM)', () => {
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const bytes of [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), Buffer.concat([Buffer.from([0xff, 0xfe]), le]), Buffer.concat([Buffer.from([0xfe, 0xff]), be]), le, be]) {
      expect(decodeSource(bytes)).toMatchObject({ ok: true, text });
    }
  });
  it('refuses Latin-1 with the line and what to do', () => {
    const latin1 = Buffer.from('# Outage\n\nCaf\xe9 closed\n', 'latin1');
    expect(decodeSource(latin1)).toEqual({ ok: false, reason: expect.stringMatching(/^line 3: not UTF-8 \(byte 0xE9.*save the file as UTF-8/) });
  });
});

describe('every importer pass is linear', () => {
  const head = '# Checkout outage\n\nStart: 2024-06-05 14:00 UTC\nEnd: 2024-06-05 15:00 UTC\n\n## Summary\n\nThe checkout service failed for many customers because a database index was dropped.\n\n';
  const cases: Record<string, string> = {
    'brackets × 200,000': '['.repeat(200_000),
    'brackets, 1 MB': '['.repeat(1_000_000),
    'nested emphasis': '**_'.repeat(100_000),
    'emphasis runs': '*a '.repeat(100_000),
    'backticks': '`a'.repeat(100_000),
    'long line of words, 1 MB': 'word '.repeat(200_000),
  };
  convertPostmortem(head, { now: NOW });
  for (const [name, text] of Object.entries(cases)) {
    it(`${name}: imports or is refused in under 2 s`, () => {
      const start = performance.now();
      convertPostmortem(head + text, { fileName: 'x.md', now: NOW });
      expect(performance.now() - start).toBeLessThan(2000);
    });
  }
});

function run(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [join(ROOT, 'scripts', args[0]!), ...args.slice(1)], { cwd: ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('npm run import of every new fixture into a repository with services', () => {
  let work: string;
  let legacy: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'hindsight-import-all-'));
    legacy = join(work, 'legacy');
    mkdirSync(join(legacy, 'nested'), { recursive: true });
    for (const name of Object.keys(EXPECTED).filter((n) => Number(n.slice(0, 2)) >= 18)) cpSync(join(FIXTURES, name), join(legacy, name));
    writeFileSync(join(legacy, 'queue-screenshot.png'), PNG);
    for (const name of readdirSync(join(FIXTURES, 'html'))) cpSync(join(FIXTURES, 'html', name), join(legacy, name));
    writeFileSync(join(legacy, 'payroll.docx'), docx());
    // A symlink loop and a second path to a file: each real file is imported once.
    symlinkSync(legacy, join(legacy, 'nested', 'loop'));
    symlinkSync(join(legacy, '19-html-comments.md'), join(legacy, 'nested', 'same-file.md'));
    mkdirSync(join(work, 'content', 'services'), { recursive: true });
    writeFileSync(join(work, 'content', 'services', 'falcon-sensor.yaml'), 'id: falcon-sensor\nname: "Falcon sensor"\nowner: "edge-team"\n');
  });

  it('lists each real file once through symlinks', () => {
    const files = listSourceFiles(legacy).map((f) => f.slice(legacy.length + 1));
    expect(files.filter((f) => f.includes('19-html-comments'))).toEqual(['19-html-comments.md']);
    expect(files).toContain('payroll.docx');
    expect(files.some((f) => f.includes('loop'))).toBe(false);
  });

  it('ends with one line naming unknown services and both options, suggesting only close ids', async () => {
    const { stdout } = await run(['import.ts', legacy, '--out', join(work, 'content', 'postmortems'), '--dry-run']);
    const line = stdout.split('\n').filter((l) => l.startsWith('Unknown services: '));
    expect(line).toHaveLength(1);
    expect(line[0]).toMatch(/--create-services/);
    expect(line[0]).toMatch(/--service-map old=new/);
    expect(line[0]).not.toMatch(/did you mean falcon-sensor/);
  });

  it('--create-services, then npm run check is green; images are copied next to the postmortem', async () => {
    const out = join(work, 'content', 'postmortems');
    const imported = await run(['import.ts', legacy, '--out', out, '--create-services', '--service-map', 'unknown=falcon-sensor']);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/Created \d+ service files? in /);
    const checked = await run(['check.ts'], { HINDSIGHT_CONTENT_DIR: join(work, 'content') });
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    const weekday = readdirSync(out).find((n) => n.includes('badge-printer') && n.endsWith('.mdx'))!;
    const id = weekday.replace(/\.mdx$/, '');
    expect(readdirSync(join(out, id))).toEqual(['queue-screenshot.png']);
    expect(readFileSync(join(out, weekday), 'utf8')).toContain(`](./${id}/queue-screenshot.png)`);
    const payroll = readdirSync(out).find((n) => n.includes('payroll') && n.endsWith('.mdx'))!.replace(/\.mdx$/, '');
    expect(readdirSync(join(out, payroll))).toEqual(['image-1.png']);
  });

  it('gives one-line errors with exit 1 and no stack', async () => {
    for (const args of [['import.ts', join(work, 'missing')], ['import.ts', legacy, '--bogus'], ['import.ts', legacy, '--service-map', 'Not An Id']]) {
      const { code, stderr } = await run(args);
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });
});

/**
 * Reading legacy files for `npm run import`: which files a folder holds (symlinks followed, each
 * real file once, loops ignored), and each file as Markdown text whatever it was written in:
 * Markdown in UTF-8 or UTF-16, HTML (exports of Confluence, Google Docs, wikis) and Word `.docx`
 * through mammoth, whose images are kept as files to write next to the postmortem.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import mammoth from 'mammoth';
import { decodeSource } from './decode.ts';
import { htmlToMarkdown } from './html.ts';

export const MARKDOWN_EXTENSIONS = ['.md', '.markdown', '.txt'];
export const HTML_EXTENSIONS = ['.html', '.htm'];
export const WORD_EXTENSIONS = ['.docx'];
const ALL = new Set([...MARKDOWN_EXTENSIONS, ...HTML_EXTENSIONS, ...WORD_EXTENSIONS]);

export const isImportable = (name: string) => ALL.has(extname(name).toLowerCase());

/**
 * Importable files under `dir`, sorted, following symlinks to files and folders; a file reached
 * twice (through a link, or a link loop) is listed once, under the first path found.
 */
export function listSourceFiles(dir: string): string[] {
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const out: string[] = [];
  const visit = (path: string) => {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      return; // a dangling link or a loop that cannot be resolved: nothing to read
    }
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const child = join(path, entry.name);
      let stats;
      try {
        stats = statSync(child);
      } catch {
        continue;
      }
      if (stats.isDirectory()) visit(child);
      else if (stats.isFile() && isImportable(entry.name)) {
        const target = realpathSync(child);
        if (seenFiles.has(target)) continue;
        seenFiles.add(target);
        out.push(child);
      }
    }
  };
  visit(dir);
  return out.sort();
}

/** An image from a `.docx`, to be written next to the imported postmortem. */
export interface EmbeddedImage {
  /** The name the converted document refers to it by. */
  name: string;
  data: Buffer;
}

export type SourceText = { ok: true; markdown: string; images: EmbeddedImage[] } | { ok: false; reason: string };

const IMAGE_EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/svg+xml': 'svg', 'image/webp': 'webp', 'image/bmp': 'bmp' };

/** A legacy file as Markdown, or why it cannot be read. */
export async function readSource(file: string): Promise<SourceText> {
  const ext = extname(file).toLowerCase();
  const bytes = readFileSync(file);
  if (WORD_EXTENSIONS.includes(ext)) return readDocx(bytes);
  const decoded = decodeSource(bytes);
  if (!decoded.ok) return decoded;
  if (HTML_EXTENSIONS.includes(ext)) return { ok: true, markdown: htmlToMarkdown(decoded.text), images: [] };
  return { ok: true, markdown: decoded.text, images: [] };
}

async function readDocx(bytes: Buffer): Promise<SourceText> {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return { ok: false, reason: 'not a Word document (.docx files are zip archives); save it as .docx from Word or Google Docs' };
  const images: EmbeddedImage[] = [];
  try {
    const { value } = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        // Linked (not embedded) files are never fetched: the document is untrusted.
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async (image) => {
          const name = `image-${images.length + 1}.${IMAGE_EXTENSIONS[image.contentType] ?? 'bin'}`;
          images.push({ name, data: await image.readAsBuffer() });
          return { src: name };
        }),
      },
    );
    return { ok: true, markdown: htmlToMarkdown(value), images };
  } catch (error) {
    return { ok: false, reason: `not a readable Word document (${(error as Error).message.split('\n')[0]}); open it in Word or Google Docs and save it as .docx again` };
  }
}

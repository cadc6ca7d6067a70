/**
 * Bytes of a legacy file to text: UTF-8 (with or without a byte-order mark) and UTF-16 (little or
 * big endian, with a byte-order mark, or without one when every other byte of ASCII text is zero)
 * are decoded; anything else is refused with the reason and what to do, never read with
 * replacement characters.
 */

export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

export function decodeSource(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3), 'UTF-8 with BOM');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), 'utf-16le', 'UTF-16 LE');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be', 'UTF-16 BE');
  // UTF-16 without a BOM: ASCII text has a zero in every other byte.
  const sample = bytes.subarray(0, 2048);
  const zeros = (offset: number) => sample.filter((b, i) => i % 2 === offset && b === 0).length;
  if (sample.length >= 4 && zeros(1) > sample.length / 4 && zeros(0) === 0) return utf16(bytes, 'utf-16le', 'UTF-16 LE');
  if (sample.length >= 4 && zeros(0) > sample.length / 4 && zeros(1) === 0) return utf16(bytes, 'utf-16be', 'UTF-16 BE');
  return utf8(bytes, 'UTF-8');
}

function utf8(bytes: Uint8Array, encoding: string): Decoded {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.includes('\u0000')) return { ok: false, reason: 'binary file (it contains NUL bytes): not a text document' };
    return { ok: true, text, encoding };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, at).filter((b) => b === 0x0a).length + 1;
    const byte = bytes[at]!.toString(16).toUpperCase().padStart(2, '0');
    return {
      ok: false,
      reason: `line ${line}: not UTF-8 (byte 0x${byte}; Latin-1 or Windows-1252?); save the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8) and import it again`,
    };
  }
}

function utf16(bytes: Uint8Array, label: 'utf-16le' | 'utf-16be', encoding: string): Decoded {
  try {
    return { ok: true, text: new TextDecoder(label, { fatal: true }).decode(bytes), encoding };
  } catch {
    return { ok: false, reason: `not valid ${encoding} (an unpaired surrogate or an odd number of bytes); save the file as UTF-8 and import it again` };
  }
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const size = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (!size) return i;
    for (let k = 1; k < size; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += size;
  }
  return 0;
}

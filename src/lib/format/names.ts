/**
 * Names that become files and folders in the built site (ids, aliases, tag slugs): each must be
 * storable on every file system a team may build or check out on.
 */

/** Windows device names, with or without an extension (`con`, `NUL.txt`, `com1`). */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\$|conout\$)(?:\..*)?$/i;

/** Why `name` cannot be a file or folder name on Windows, or undefined when it can. */
export function unportableName(name: string): string | undefined {
  if (WINDOWS_DEVICE.test(name)) return `${JSON.stringify(name)} is a reserved device name on Windows (con, prn, aux, nul, com1–9, lpt1–9)`;
  if (/[. ]$/.test(name)) return `${JSON.stringify(name)} ends with a dot or space, which Windows drops from file names`;
  return undefined;
}

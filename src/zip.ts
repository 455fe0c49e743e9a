import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * Every entry's modification time. Fixed, so the same files always give the same bytes
 * (reproducible kit downloads and LMS packages). Built from local date parts because the ZIP
 * format stores MS-DOS local time (APPNOTE.TXT 4.4.6), so the bytes do not depend on the time zone.
 */
const ZIP_MTIME = new Date(2024, 0, 1, 0, 0, 0);

/**
 * Files into the bytes of a .zip archive (DEFLATE, UTF-8 names), written by fflate.
 *
 * @param files path inside the archive (forward slashes, no leading slash) -> text (encoded as
 *   UTF-8) or raw bytes. Entries keep the object's key order.
 * @param level DEFLATE level 0 (store) to 9; 6 by default, as zlib's.
 * @returns the archive; the same input always gives the same bytes.
 * @throws Error for a path that is empty, absolute, or climbs out with `..` (a zip that other tools
 *   would refuse or extract outside their folder).
 */
export function zipFiles(files: Record<string, string | Uint8Array>, level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6): Uint8Array<ArrayBuffer> {
  const entries: Zippable = {};
  for (const [path, content] of Object.entries(files)) {
    if (!path || path.startsWith('/') || path.split('/').some((part) => part === '..' || part === '')) {
      throw new Error(`zipFiles: "${path}" is not a relative path inside the archive`);
    }
    entries[path] = [typeof content === 'string' ? strToU8(content) : content, { level, mtime: ZIP_MTIME }];
  }
  return zipSync(entries);
}

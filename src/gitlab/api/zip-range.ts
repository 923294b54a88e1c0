/**
 * The bytes of a zip archive's end and of a ranged answer, read without the archive: how long
 * the archive is (from its end-of-central-directory record) and what `Content-Range` says.
 * Pure functions, beside the requests in artifact-archive.ts that use them.
 */

/** The end-of-central-directory record (22 bytes) plus the longest zip comment (65,535). */
export const ZIP_TAIL_BYTES = 22 + 0xffff;

export interface ContentRange {
  start: number;
  /** Inclusive, as in the header. */
  end: number;
  /** Absent for `bytes a-b/*`. */
  total?: number;
}

/** Parses `Content-Range: bytes a-b/total` (or `/*`); null for anything else. */
export function parseContentRange(header: string | null | undefined): ContentRange | null {
  const m = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(header ?? '');
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (end < start) return null;
  return m[3] === '*' ? { start, end } : { start, end, total: Number(m[3]) };
}

function u16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16)) + (b[at + 3] ?? 0) * 0x1000000;
}
function u64(b: Uint8Array, at: number): number {
  return u32(b, at) + u32(b, at + 4) * 0x100000000;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;

/**
 * The archive's total size worked out from its last bytes, for a 206 whose Content-Range the
 * browser hides (GitLab's CORS does not expose it). The end-of-central-directory record says
 * where the central directory starts and how long it is; the record follows it directly in an
 * archive with nothing prepended, which is what runners upload. Null when no record is found.
 */
export function zipSizeFromTail(tail: Uint8Array): number | null {
  for (let p = tail.length - 22; p >= 0; p--) {
    if (u32(tail, p) !== EOCD_SIGNATURE) continue;
    if (p + 22 + u16(tail, p + 20) !== tail.length) continue;
    const cdSize = u32(tail, p + 12);
    const cdOffset = u32(tail, p + 16);
    const entries = u16(tail, p + 10);
    if (cdOffset === 0xffffffff || cdSize === 0xffffffff || entries === 0xffff) {
      // Zip64: the locator before the record points at the zip64 record's absolute offset.
      const loc = p - 20;
      if (loc < 0 || u32(tail, loc) !== ZIP64_LOCATOR_SIGNATURE) return null;
      const zip64Offset = u64(tail, loc + 8);
      for (let q = loc - 56; q >= 0; q--) {
        if (u32(tail, q) === ZIP64_EOCD_SIGNATURE && q + 12 + u64(tail, q + 4) === loc) return zip64Offset + (tail.length - q);
      }
      return null;
    }
    return cdOffset + cdSize + (tail.length - p);
  }
  return null;
}

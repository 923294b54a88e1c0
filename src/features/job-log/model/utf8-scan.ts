/**
 * Reading the compacted log text (UTF-8 bytes, utf8-text.ts) without decoding it: a cursor
 * between UTF-16 offsets (what the index counts) and byte offsets, a search for an ASCII string
 * in the bytes, and the raw text of chosen lines decoded in one call. Search and the failure
 * scan use them so that a whole-log scan does not turn 100 MB of bytes back into a string.
 */
import { ESC, TS_PREFIX_LENGTH, escapeEndInBytes, isSgr } from './scan-rules.ts';
import { applySgr, cloneStyle, isRedColor, type SgrStyle } from './sgr.ts';
import { markAtOrBefore, type Utf8Bytes } from './utf8-text.ts';

/**
 * Turns UTF-16 offsets within one compacted chunk into byte offsets. Cheap when asked in
 * increasing order (it walks on from the last answer, eight or four ASCII bytes at a time);
 * otherwise it starts again from the nearest mark (one every 4,096 code units).
 */
export class Utf8Cursor {
  private unit = 0;
  private byte = 0;
  private readonly chunk: Utf8Bytes;
  private readonly words: Uint32Array | null;

  constructor(chunk: Utf8Bytes) {
    this.chunk = chunk;
    const b = chunk.bytes;
    // Four bytes at once where the view can be aligned (a chunk's bytes start a buffer of their own).
    this.words = b.byteOffset % 4 === 0 ? new Uint32Array(b.buffer, b.byteOffset, b.length >>> 2) : null;
  }

  /** Byte offset of a UTF-16 offset in the chunk; -1 inside a surrogate pair. */
  toByte(target: number): number {
    const { units, byteMarks, bytes } = this.chunk;
    if (target < this.unit || target - this.unit > 4096) {
      const k = markAtOrBefore(units, target);
      const mark = units[k] ?? 0;
      if (target < this.unit || mark > this.unit) {
        this.unit = mark;
        this.byte = byteMarks[k] ?? 0;
      }
    }
    let u = this.unit;
    let b = this.byte;
    const words = this.words;
    while (u < target) {
      if (words !== null && (b & 3) === 0 && target - u >= 4) {
        const k = b >>> 2;
        if (target - u >= 8 && (((words[k] ?? 0x80) | (words[k + 1] ?? 0x80)) & 0x80808080) === 0) {
          b += 8;
          u += 8;
          continue;
        }
        if (((words[k] ?? 0x80) & 0x80808080) === 0) {
          b += 4;
          u += 4;
          continue;
        }
      }
      const c = bytes[b] ?? 0;
      if (c < 0x80) {
        b++;
        u++;
      } else if (c < 0xe0) {
        b += 2;
        u++;
      } else if (c < 0xf0) {
        b += 3;
        u++;
      } else {
        b += 4;
        u += 2;
      }
    }
    this.unit = u;
    this.byte = b;
    return u === target ? b : -1;
  }

  /** Byte offset of the first character at or after a UTF-16 offset (past a surrogate pair it would cut). */
  byteAtOrAfter(target: number): number {
    const b = this.toByte(target);
    return b >= 0 ? b : this.toByte(target + 1);
  }

}

/**
 * Whether `needle` can be searched for in the bytes: printable ASCII and tabs only. An ASCII
 * character is one byte and one code unit, and a case-insensitive JavaScript regex (without the
 * `u` flag) never folds a non-ASCII character onto an ASCII one, so a byte match is a text match.
 */
export function isByteSearchable(needle: string): boolean {
  if (needle.length === 0) return false;
  for (let k = 0; k < needle.length; k++) {
    const c = needle.charCodeAt(k);
    if ((c < 0x20 && c !== 0x09) || c > 0x7e) return false;
  }
  return true;
}

/** Finds `needle` (isByteSearchable) in bytes [from, end): where it starts, or -1. */
export type ByteFinder = (bytes: Uint8Array, from: number, end: number) => number;

/**
 * A Boyer-Moore-Horspool search on byte pairs (Wu-Manber with blocks of two: in log text most
 * pairs are not in the needle, so the window moves by nearly its length at each step);
 * case-insensitive folds the ASCII letters only (as a `gi` regex does).
 */
export function byteFinder(needle: string, caseSensitive: boolean): ByteFinder {
  return multiByteFinder([needle], caseSensitive).find;
}

/** Finds the first of several ASCII strings (the failure words): where it starts and which one. */
export interface MultiByteFinder {
  /** The first byte offset in [from, end) where one of the needles starts (and ends by `end`), or -1. */
  find: ByteFinder;
  /** Length of the shortest needle that starts at `at` (one does). */
  shortestAt(bytes: Uint8Array, at: number): number;
}

/** `needles` are isByteSearchable; a search for all of them in one pass. */
export function multiByteFinder(needles: readonly string[], caseSensitive: boolean): MultiByteFinder {
  const fold = (c: number) => (caseSensitive ? c : lowerAscii(c));
  const patterns = needles.map((n) => Uint8Array.from(n, (ch) => fold(ch.charCodeAt(0))));
  const m = Math.min(...patterns.map((p) => p.length));
  const variants = (c: number) => (caseSensitive || upperAscii(c) === c ? [c] : [c, upperAscii(c)]);
  // Length of the shortest pattern at q that ends by `end`, 0 when none.
  const matchAt = (bytes: Uint8Array, q: number, end: number): number => {
    let best = 0;
    for (const pattern of patterns) {
      const len = pattern.length;
      if (q + len > end || (best > 0 && len >= best)) continue;
      let k = 0;
      if (caseSensitive) {
        while (k < len && bytes[q + k] === pattern[k]) k++;
      } else {
        while (k < len && lowerAscii(bytes[q + k] ?? 0) === pattern[k]) k++;
      }
      if (k === len) best = len;
    }
    return best;
  };
  const shortestAt = (bytes: Uint8Array, at: number) => matchAt(bytes, at, bytes.length);
  if (m < 2) {
    // One byte: no pair to skip on.
    return {
      find: (bytes, from, end) => {
        for (let q = Math.max(0, from); q < end; q++) if (matchAt(bytes, q, end) > 0) return q;
        return -1;
      },
      shortestAt,
    };
  }
  // shift[pair ending at the window's last byte]: how far the window may move; 0 = a candidate.
  const limit = Math.min(m - 1, 255);
  const shift = new Uint8Array(65536).fill(limit);
  for (const pattern of patterns) {
    for (let q = Math.max(1, m - 256); q < m; q++) {
      const s = m - 1 - q;
      for (const a of variants(pattern[q - 1] ?? 0)) {
        for (const b of variants(pattern[q] ?? 0)) {
          const pair = (a << 8) | b;
          if (s < (shift[pair] ?? limit)) shift[pair] = s;
        }
      }
    }
  }
  return {
    find: (bytes, from, end) => {
      const n = end;
      let p = Math.max(0, from) + m - 1;
      while (p < n) {
        const s = shift[((bytes[p - 1] ?? 0) << 8) | (bytes[p] ?? 0)] ?? 1;
        if (s !== 0) {
          p += s;
          continue;
        }
        const q = p - m + 1;
        if (matchAt(bytes, q, end) > 0) return q;
        p++;
      }
      return -1;
    },
    shortestAt,
  };
}

function lowerAscii(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}

function upperAscii(c: number): number {
  return c >= 0x61 && c <= 0x7a ? c - 0x20 : c;
}

/** Whether bytes [from, to) hold anything but whitespace (`trim()` would leave something). */
export function hasVisibleBytes(bytes: Uint8Array, from: number, to: number, decoder: TextDecoder): boolean {
  for (let p = from; p < to; p++) {
    const c = bytes[p] ?? 0;
    if (c >= 0x80) return decoder.decode(bytes.subarray(from, to)).trim().length > 0;
    if (c !== 0x20 && (c < 0x09 || c > 0x0d)) return true;
  }
  return false;
}

/**
 * The raw text of some lines of one compacted chunk, decoded in one call: their bytes are
 * gathered into one buffer (a line never starts or ends inside a character), decoded, and each
 * line is a slice of the result. `raw(k)` for the k-th range given.
 */
export class GatheredLines {
  private readonly text: string;
  private readonly at: Int32Array;
  private readonly lengths: Int32Array;

  /** `ranges`: UTF-16 [start, end) pairs within the chunk, in increasing order. */
  constructor(chunk: Utf8Bytes, ranges: Int32Array, count: number, decoder: TextDecoder) {
    const cursor = new Utf8Cursor(chunk);
    const byteRanges = new Int32Array(count * 2);
    this.at = new Int32Array(count);
    this.lengths = new Int32Array(count);
    let bytes = 0;
    let units = 0;
    let ok = true;
    for (let k = 0; k < count; k++) {
      const u0 = ranges[2 * k] ?? 0;
      const u1 = ranges[2 * k + 1] ?? 0;
      const b0 = cursor.toByte(u0);
      const b1 = cursor.toByte(u1);
      if (b0 < 0 || b1 < 0) ok = false;
      byteRanges[2 * k] = b0;
      byteRanges[2 * k + 1] = b1;
      this.at[k] = units;
      this.lengths[k] = u1 - u0;
      units += u1 - u0;
      bytes += b1 - b0;
    }
    let text = '';
    if (ok && count > 0) {
      const scratch = new Uint8Array(bytes);
      let w = 0;
      for (let k = 0; k < count; k++) {
        const b0 = byteRanges[2 * k] ?? 0;
        const b1 = byteRanges[2 * k + 1] ?? 0;
        scratch.set(chunk.bytes.subarray(b0, b1), w);
        w += b1 - b0;
      }
      text = decoder.decode(scratch);
    }
    // A range that cut a character would decode to another length: then nothing is trusted.
    if (text.length !== units) this.at.fill(-1);
    this.text = text;
  }

  /** The k-th range's text, or null when it could not be gathered (the caller slices it itself). */
  raw(k: number): string | null {
    const at = this.at[k] ?? -1;
    return at < 0 ? null : this.text.slice(at, at + (this.lengths[k] ?? 0));
  }
}

/**
 * The display text of a raw line, as UTF-8 bytes, for a line the renderer would only strip
 * escapes from (rawLineText without `\r` redraws, markers or joined timestamped lines): the
 * bytes with every escape sequence dropped and the timestamp prefix skipped. For an ASCII
 * needle, a match in these bytes is a match in the display text.
 */
export class DisplayBytes {
  bytes = new Uint8Array(1024);
  length = 0;
  private ascii = true;
  private countedBytes = 0;
  private countedUnits = 0;

  /**
   * Renders raw bytes [from, to); false (and nothing rendered) when the line needs the general
   * renderer: a `\r`, a `\n` (a joined line of a timestamped log), or a prefix that is not ASCII.
   */
  render(raw: Uint8Array, from: number, to: number, prefixed: boolean): boolean {
    if (this.bytes.length < to - from) this.bytes = new Uint8Array(Math.max(to - from, this.bytes.length * 2));
    const out = this.bytes;
    let q = from;
    if (prefixed) {
      q = Math.min(to, from + TS_PREFIX_LENGTH);
      for (let p = from; p < q; p++) if ((raw[p] ?? 0) >= 0x80) return false;
    }
    let w = 0;
    let ascii = true;
    while (q < to) {
      const c = raw[q] ?? 0;
      if (c === ESC) {
        q = escapeEndInBytes(raw, q, to);
        continue;
      }
      if (c === 0x0d || c === 0x0a) return false;
      if (c >= 0x80) ascii = false;
      out[w++] = c;
      q++;
    }
    this.length = w;
    this.ascii = ascii;
    this.countedBytes = 0;
    this.countedUnits = 0;
    return true;
  }

  /** UTF-16 length of the rendered bytes before `at` (asked in increasing order per line). */
  unitsBefore(at: number): number {
    if (this.ascii) return at;
    if (at < this.countedBytes) {
      this.countedBytes = 0;
      this.countedUnits = 0;
    }
    let b = this.countedBytes;
    let u = this.countedUnits;
    const bytes = this.bytes;
    while (b < at) {
      const c = bytes[b] ?? 0;
      if (c < 0x80) {
        b++;
        u++;
      } else if (c < 0xe0) {
        b += 2;
        u++;
      } else if (c < 0xf0) {
        b += 3;
        u++;
      } else {
        b += 4;
        u += 2;
      }
    }
    this.countedBytes = b;
    this.countedUnits = u;
    return u;
  }
}

/** `/[[;:](?:31|91|38)[;:m]/.test(raw)` over raw bytes [from, to): an SGR list that might turn the text red. */
export function maySetRedInBytes(raw: Uint8Array, from: number, to: number): boolean {
  for (let p = from; p + 3 < to; p++) {
    const c = raw[p] ?? 0;
    if (c !== 0x5b && c !== 0x3b && c !== 0x3a) continue;
    const d1 = raw[p + 1] ?? 0;
    const d2 = raw[p + 2] ?? 0;
    const e = raw[p + 3] ?? 0;
    if (((d1 === 0x33 || d1 === 0x39) && d2 === 0x31) || (d1 === 0x33 && d2 === 0x38)) {
      if (e === 0x3b || e === 0x3a || e === 0x6d) return true;
    }
  }
  return false;
}

/** UTF-16 length of the characters in bytes [from, to): a hit's column in its line. */
export function unitsBetween(bytes: Uint8Array, from: number, to: number): number {
  let u = 0;
  let b = from;
  while (b < to) {
    const c = bytes[b] ?? 0;
    if (c < 0x80) {
      b++;
      u++;
    } else if (c < 0xe0) {
      b += 2;
      u++;
    } else if (c < 0xf0) {
      b += 3;
      u++;
    } else {
      b += 4;
      u += 2;
    }
  }
  return u;
}

/**
 * Whether raw bytes [from, to) show red text that is not only whitespace, as renderRawLine's
 * spans would: the style starts at `start` and changes at each SGR sequence. Only for a line
 * that DisplayBytes.render accepted (no `\r`, no joined line, an ASCII prefix).
 */
export function showsRedInBytes(raw: Uint8Array, from: number, to: number, prefixed: boolean, start: Readonly<SgrStyle>, decoder: TextDecoder): boolean {
  let style = start;
  let q = prefixed ? Math.min(to, from + TS_PREFIX_LENGTH) : from;
  let run = q;
  while (q < to) {
    if (raw[q] !== ESC) {
      q++;
      continue;
    }
    if (q > run && isRedColor(style.fg) && hasVisibleBytes(raw, run, q, decoder)) return true;
    const end = escapeEndInBytes(raw, q, to);
    if (end - q >= 3 && raw[q + 1] === 0x5b && raw[end - 1] === 0x6d) {
      // An SGR sequence is ASCII: its bytes are its text.
      let sequence = '';
      for (let j = q; j < end; j++) sequence += String.fromCharCode(raw[j] ?? 0);
      if (isSgr(sequence, 0, sequence.length)) {
        const next = cloneStyle(style);
        applySgr(next, sequence, 2, sequence.length - 1);
        style = next;
      }
    }
    q = end;
    run = q;
  }
  return to > run && isRedColor(style.fg) && hasVisibleBytes(raw, run, to, decoder);
}

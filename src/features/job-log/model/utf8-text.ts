/**
 * The log's raw text, kept as UTF-8 bytes (GitLab's own encoding: about half the memory of a
 * JavaScript string once the log holds a single character outside Latin-1, which makes V8
 * store the whole string with two bytes a character). Offsets stay in UTF-16 code units, as
 * the index and the viewer count them; what is shown or searched is decoded when asked for.
 *
 * New text is kept as the string it came as, so appending and parsing cost no conversion;
 * `compact` turns the chunks that can no longer grow into bytes, a chunk at a time, when the
 * owner has nothing else to do (the worker, between requests). Each byte chunk keeps marks (a
 * UTF-16 offset and its byte offset) every PIECE code units or so, at character boundaries, so
 * a slice decodes only the pieces it touches; the last decoded span is kept, so the lines on
 * screen (neighbours in the text) decode their piece once.
 */

/** UTF-16 code units between marks. */
const PIECE = 4096;
// Small appends (a running job's polls) join the last chunk so that the log stays in few chunks.
const MERGE_BELOW = 256 * 1024;

interface Chunk {
  /** UTF-16 offset of the chunk in the whole text. */
  start: number;
  /** Length in UTF-16 code units. */
  length: number;
  /** The text as it came, until the chunk is compacted to `bytes`. */
  text: string | null;
  bytes: Uint8Array;
  /** Mark k: `units[k]` code units into the chunk are `bytes[k]` bytes into it; the first is 0, 0 and the last the chunk's end. */
  units: Uint32Array;
  byteMarks: Uint32Array;
}

/**
 * A compacted chunk's bytes, for scans that read UTF-8 without decoding it (search.ts): mark k
 * says that `units[k]` UTF-16 code units into the chunk are `byteMarks[k]` bytes into it.
 */
export interface Utf8Bytes {
  readonly bytes: Uint8Array;
  readonly units: Uint32Array;
  readonly byteMarks: Uint32Array;
}

/** A chunk of the text as stored: where it starts and its length (UTF-16), decoded on demand. */
export interface TextChunk {
  readonly start: number;
  readonly length: number;
  /** Decodes the chunk (a new string each call: keep it only while using it). */
  decode(): string;
  /** The chunk's UTF-8 bytes once compacted, null while it is still the string it came as. */
  readonly utf8: Utf8Bytes | null;
}

const encoder = new TextEncoder();

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Bytes at the end of `bytes` that start a UTF-8 sequence not complete yet (0–3). */
function incompleteTail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back] ?? 0;
    if (b < 0x80) return 0;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? back : 0;
    }
  }
  return 0;
}

/** `text` as UTF-8 with marks every PIECE code units (never between the halves of a surrogate pair). */
function encodeChunk(text: string, start: number): Chunk {
  // Room for mostly ASCII; grown when a piece might not fit (3 bytes a code unit at most).
  let out = new Uint8Array(text.length + (text.length >> 3) + 16);
  const marks = Math.ceil(text.length / PIECE) + 2;
  let units = new Uint32Array(marks);
  let byteMarks = new Uint32Array(marks);
  let m = 1;
  let read = 0;
  let written = 0;
  while (read < text.length) {
    let end = Math.min(text.length, read + PIECE);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end++;
    if (out.length - written < (end - read) * 3) {
      const bigger = new Uint8Array(Math.max(out.length * 1.5, written + (end - read) * 3 + (text.length - end)));
      bigger.set(out.subarray(0, written));
      out = bigger;
    }
    written += encoder.encodeInto(read === 0 && end === text.length ? text : text.substring(read, end), out.subarray(written)).written;
    read = end;
    if (m === units.length) {
      units = growMarks(units);
      byteMarks = growMarks(byteMarks);
    }
    units[m] = read;
    byteMarks[m] = written;
    m++;
  }
  return { start, length: text.length, text: null, bytes: written === out.length ? out : out.slice(0, written), units: units.slice(0, m), byteMarks: byteMarks.slice(0, m) };
}

function growMarks(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

const NO_BYTES = new Uint8Array(0);
const NO_MARKS = new Uint32Array(0);

function textChunk(text: string, start: number): Chunk {
  return { start, length: text.length, text, bytes: NO_BYTES, units: NO_MARKS, byteMarks: NO_MARKS };
}

/** Last mark at or before `unit` (binary search); also for byte offsets over `byteMarks`. */
export function markAtOrBefore(units: Uint32Array, unit: number): number {
  let lo = 0;
  let hi = units.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((units[mid] ?? 0) <= unit) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export class Utf8Text {
  private chunks: Chunk[] = [];
  private total = 0;
  private readonly decoder = new TextDecoder();
  // Bytes of a character split across appendBytes calls.
  private carry: Uint8Array | null = null;
  // The last decoded span: chunk, UTF-16 offsets in the chunk, text.
  private cached: { chunk: Chunk; from: number; to: number; text: string } | null = null;
  // Chunks before this one are all bytes.
  private compactedTo = 0;

  /** Length in UTF-16 code units. */
  get length(): number {
    return this.total;
  }

  /** Bytes held: UTF-8 for compacted chunks, two a code unit for the others (V8's worst case). */
  get byteLength(): number {
    let n = 0;
    for (const c of this.chunks) n += c.text === null ? c.bytes.length : c.length * 2;
    return n;
  }

  get chunkCount(): number {
    return this.chunks.length;
  }

  /** Chunks still held as strings that `compact` would turn into bytes. */
  get compactable(): number {
    let n = 0;
    for (let k = this.compactedTo; k < this.chunks.length; k++) if (this.canCompact(k)) n++;
    return n;
  }

  clear(): void {
    this.chunks = [];
    this.total = 0;
    this.carry = null;
    this.cached = null;
    this.compactedTo = 0;
  }

  /** Appends text, kept as given until compacted. */
  append(text: string): void {
    if (text.length === 0) return;
    const last = this.chunks[this.chunks.length - 1];
    this.total += text.length;
    if (last?.text != null && last.length < MERGE_BELOW && text.length < MERGE_BELOW) {
      // A running job's small polls join one chunk instead of making thousands.
      last.text += text;
      last.length += text.length;
      if (this.cached?.chunk === last) this.cached = null;
    } else {
      this.chunks.push(textChunk(text, this.total - text.length));
    }
  }

  /**
   * Appends UTF-8 bytes as they came over the network (a character may be split between two
   * calls) and returns them decoded, for the caller to parse without decoding them again.
   * Malformed bytes become U+FFFD.
   */
  appendBytes(input: Uint8Array): string {
    let bytes = input;
    if (this.carry) {
      bytes = new Uint8Array(this.carry.length + input.length);
      bytes.set(this.carry);
      bytes.set(input, this.carry.length);
      this.carry = null;
    }
    const keep = incompleteTail(bytes);
    if (keep > 0) {
      this.carry = bytes.slice(bytes.length - keep);
      bytes = bytes.subarray(0, bytes.length - keep);
    }
    const text = bytes.length === 0 ? '' : this.decoder.decode(bytes);
    this.append(text);
    return text;
  }

  /**
   * Turns up to `maxChunks` chunks that can no longer grow (all but a small last one) into
   * UTF-8 bytes. Returns whether any are left to compact.
   */
  compact(maxChunks = Number.POSITIVE_INFINITY): boolean {
    let done = 0;
    for (let k = this.compactedTo; k < this.chunks.length && done < maxChunks; k++) {
      const chunk = this.chunks[k];
      if (!chunk || chunk.text === null) {
        if (k === this.compactedTo) this.compactedTo++;
        continue;
      }
      if (!this.canCompact(k)) break;
      this.chunks[k] = encodeChunk(chunk.text, chunk.start);
      if (this.cached?.chunk === chunk) this.cached = null;
      if (k === this.compactedTo) this.compactedTo++;
      done++;
    }
    return this.compactable > 0;
  }

  /** Text between two UTF-16 offsets. */
  slice(start: number, end: number): string {
    const a = Math.max(0, start);
    const b = Math.min(this.total, end);
    if (b <= a) return '';
    let k = this.chunkOf(a);
    const parts: string[] = [];
    for (; k < this.chunks.length; k++) {
      const chunk = this.chunks[k];
      if (!chunk || chunk.start >= b) break;
      parts.push(this.sliceChunk(chunk, Math.max(0, a - chunk.start), Math.min(chunk.length, b - chunk.start)));
    }
    return parts.length === 1 ? (parts[0] ?? '') : parts.join('');
  }

  /** The whole text, decoded (a new string). */
  text(): string {
    return this.chunks.map((c) => this.decodeChunk(c)).join('');
  }

  /** The chunks as stored, each decoded only when asked. */
  textChunks(): readonly TextChunk[] {
    return this.chunks.map((c) => ({ start: c.start, length: c.length, decode: () => this.decodeChunk(c), utf8: c.text === null ? c : null }));
  }

  private decodeChunk(c: Chunk): string {
    return c.text ?? this.decoder.decode(c.bytes);
  }

  /** A chunk may be compacted once nothing can be merged into it: it is not the last, or it is big. */
  private canCompact(k: number): boolean {
    const chunk = this.chunks[k];
    return chunk?.text != null && (k < this.chunks.length - 1 || chunk.length >= MERGE_BELOW);
  }

  private chunkOf(offset: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.chunks[mid]?.start ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** [from, to) of one chunk, in UTF-16 offsets within it: the pieces around it are decoded. */
  private sliceChunk(chunk: Chunk, from: number, to: number): string {
    if (chunk.text !== null) return chunk.text.slice(from, to);
    const c = this.cached;
    if (c && c.chunk === chunk && c.from <= from && to <= c.to) return c.text.slice(from - c.from, to - c.from);
    const i = markAtOrBefore(chunk.units, from);
    let j = markAtOrBefore(chunk.units, to);
    if ((chunk.units[j] ?? 0) < to) j++;
    const u0 = chunk.units[i] ?? 0;
    const u1 = chunk.units[j] ?? chunk.length;
    const text = this.decoder.decode(chunk.bytes.subarray(chunk.byteMarks[i] ?? 0, chunk.byteMarks[j] ?? chunk.bytes.length));
    this.cached = { chunk, from: u0, to: u1, text };
    return text.slice(from - u0, to - u0);
  }
}

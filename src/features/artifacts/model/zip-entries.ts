/**
 * What needs zip.js: a Reader over HTTP byte ranges and the entry listing. Loaded on demand by
 * list-archive.ts (a dynamic import), so zip.js is only downloaded when an archive is read.
 */
import { BlobReader, Reader, ZipReader } from '@zip.js/zip.js';
import type { Entry } from '@zip.js/zip.js';
import type { ArchiveTail } from '../../../gitlab/api/artifact-archive.ts';
import type { RawEntry } from './entries.ts';
import type { ListProgress } from './list-archive.ts';

export { BlobReader };

interface Span {
  start: number;
  bytes: Uint8Array;
}

/** The least a range request fetches: small reads (signatures, headers) come in one go. */
const MIN_RANGE_BYTES = 64 * 1024;

/**
 * A zip.js Reader over an archive read by byte ranges. It starts with the tail already fetched
 * by the probe and keeps every span it fetches, so nothing is asked for twice and zip.js's
 * small probes (4-byte signatures) cost one request of at least 64 KiB.
 */
export class RangedArchiveReader extends Reader<null> {
  private readonly spans: Span[] = [];

  constructor(
    tail: ArchiveTail,
    private readonly fetchRange: (start: number, end: number) => Promise<Uint8Array>,
    private readonly onFetched?: (bytes: number) => void,
  ) {
    super(null);
    this.size = tail.total;
    this.spans.push({ start: tail.start, bytes: tail.bytes });
  }

  override async readUint8Array(index: number, length: number): Promise<Uint8Array> {
    const start = Math.max(0, index);
    const end = Math.min(this.size, index + length);
    if (end <= start) return new Uint8Array(0);
    const out = new Uint8Array(end - start);
    let at = start;
    while (at < end) {
      const span = this.spans.find((s) => s.start <= at && at < s.start + s.bytes.length);
      if (span) {
        const take = Math.min(end, span.start + span.bytes.length) - at;
        out.set(span.bytes.subarray(at - span.start, at - span.start + take), at - start);
        at += take;
        continue;
      }
      // Fetch up to the next cached span (never past it), at least MIN_RANGE_BYTES when room allows.
      const nextStart = this.spans.filter((s) => s.start > at).reduce((m, s) => Math.min(m, s.start), this.size);
      const fetchEnd = Math.min(nextStart, Math.max(end, at + MIN_RANGE_BYTES));
      const bytes = await this.fetchRange(at, fetchEnd);
      this.spans.push({ start: at, bytes });
      this.onFetched?.(bytes.length);
    }
    return out;
  }
}

function zipEntryToRaw(e: Entry): RawEntry {
  const unixMode = (e as Entry & { unixMode?: number }).unixMode;
  return {
    path: e.filename,
    directory: e.directory,
    size: e.uncompressedSize,
    compressedSize: e.compressedSize,
    modified: e.lastModDate,
    mode: unixMode ?? null,
  };
}

/** The zip's entries (central directory), read through `reader`. */
export async function readZipEntries(reader: Reader<unknown>, onProgress: ((p: ListProgress) => void) | undefined): Promise<RawEntry[]> {
  const zip = new ZipReader(reader, { useWebWorkers: false });
  try {
    const entries = await zip.getEntries({
      onprogress: (done: number, total: number) => {
        // Every 500 entries is enough for a progress bar.
        if (done % 500 === 0 || done === total) onProgress?.({ phase: 'parse', done, total });
        return undefined;
      },
    });
    return entries.map(zipEntryToRaw);
  } finally {
    await zip.close().catch(() => undefined);
  }
}

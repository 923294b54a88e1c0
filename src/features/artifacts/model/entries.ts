/**
 * One flat list of an archive's entries, whatever it came from (GitLab's tree endpoint or the
 * zip's central directory), shaped like the tree endpoint's output: directories end in "/",
 * and every directory a file lives in is present even when the zip has no entry for it.
 */

export interface ArtifactEntry {
  /** Relative to the archive's root; directories end in "/". */
  path: string;
  /** The last segment, without the trailing "/". */
  name: string;
  type: 'file' | 'directory';
  /** Uncompressed bytes; 0 for a directory (see tree.ts for folder totals). */
  size: number;
  /** Bytes inside the zip, when read from the zip. */
  compressedSize?: number;
  /** ISO 8601, when read from the zip. */
  modified?: string;
  /** Unix mode as GitLab writes it ("100644", "100755", "040755"), when known. */
  mode?: string;
}

/** An entry as a source gives it, before normalisation. */
export interface RawEntry {
  path: string;
  directory: boolean;
  size?: number | null;
  compressedSize?: number | null;
  modified?: Date | string | null;
  mode?: string | number | null;
}

/**
 * A path made safe and uniform: backslashes as "/", no leading "/" or "./", no empty or "."
 * segments. Null when it climbs out of the archive ("..") or holds a NUL: such an entry is
 * never listed (GitLab refuses those paths too).
 */
export function normalisePath(raw: string): string | null {
  if (raw.includes('\0')) return null;
  const parts = raw.replace(/\\/g, '/').split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') return null;
    out.push(part);
  }
  return out.join('/');
}

function modeString(mode: string | number | null | undefined, directory: boolean): string | undefined {
  if (mode === null || mode === undefined || mode === '') return undefined;
  if (typeof mode === 'string') return mode;
  if (!Number.isFinite(mode) || mode <= 0) return undefined;
  const s = (mode & 0o177777).toString(8);
  // A zip may carry bare permission bits (0755): add the file type GitLab shows.
  if (s.length <= 4) return `${directory ? '040' : '100'}${s.padStart(3, '0').slice(-3)}`;
  return s.padStart(6, '0');
}

function isoOf(value: Date | string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const d = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function nameOf(path: string): string {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  const i = trimmed.lastIndexOf('/');
  return i < 0 ? trimmed : trimmed.slice(i + 1);
}

/**
 * Normalises raw entries into the flat listing: paths cleaned, directories synthesised from
 * file paths, duplicates dropped (the first wins, as unzip does), ordered as GitLab lists a
 * recursive tree (depth first, directories before files, by name).
 */
export function normaliseEntries(raw: Iterable<RawEntry>): { entries: ArtifactEntry[]; skipped: string[] } {
  const byPath = new Map<string, ArtifactEntry>();
  const skipped: string[] = [];
  const ensureDirs = (path: string): void => {
    const last = path.lastIndexOf('/');
    // Ancestors are always added together, so a present parent means all of them are.
    if (last < 0 || byPath.has(path.slice(0, last + 1))) return;
    let from = 0;
    for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      const dir = path.slice(0, i + 1);
      if (!byPath.has(dir)) byPath.set(dir, { path: dir, name: path.slice(from, i), type: 'directory', size: 0 });
      from = i + 1;
    }
  };
  for (const e of raw) {
    const clean = normalisePath(e.path);
    if (clean === null) {
      skipped.push(e.path);
      continue;
    }
    if (clean === '') continue; // the root itself
    const directory = e.directory || e.path.endsWith('/') || e.path.endsWith('\\');
    const path = directory ? `${clean}/` : clean;
    ensureDirs(clean);
    const existing = byPath.get(path);
    if (existing && !(directory && existing.modified === undefined && existing.mode === undefined)) continue;
    const entry: ArtifactEntry = { path, name: nameOf(path), type: directory ? 'directory' : 'file', size: directory ? 0 : Math.max(0, e.size ?? 0) };
    if (!directory && e.compressedSize !== null && e.compressedSize !== undefined) entry.compressedSize = e.compressedSize;
    const modified = isoOf(e.modified);
    if (modified) entry.modified = modified;
    const mode = modeString(e.mode, directory);
    if (mode) entry.mode = mode;
    byPath.set(path, entry);
  }
  // A file and a directory of the same name cannot both be shown: the directory wins.
  for (const path of byPath.keys()) {
    if (!path.endsWith('/') && byPath.has(`${path}/`)) {
      byPath.delete(path);
      skipped.push(path);
    }
  }
  return { entries: sortLikeGitLab([...byPath.values()]), skipped };
}

/** Depth first; in each directory its subdirectories, then its files, each by name (code points). */
export function sortLikeGitLab(entries: ArtifactEntry[]): ArtifactEntry[] {
  // Segments are split once per entry, not once per comparison: 10,000 entries sort in a few ms.
  const keyed = entries.map((e) => ({ e, segs: (e.type === 'directory' ? e.path.slice(0, -1) : e.path).split('/'), dir: e.type === 'directory' }));
  keyed.sort((a, b) => {
    const x = a.segs;
    const y = b.segs;
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      const xs = x[i] ?? '';
      const ys = y[i] ?? '';
      if (xs === ys) continue;
      const xDir = i < x.length - 1 || a.dir;
      const yDir = i < y.length - 1 || b.dir;
      if (xDir !== yDir) return xDir ? -1 : 1;
      return xs < ys ? -1 : 1;
    }
    return x.length - y.length;
  });
  return keyed.map((k) => k.e);
}

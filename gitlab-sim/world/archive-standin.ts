// TEMPORARY stand-in for gitlab-sim/content/artifacts.ts (owned by the content helper),
// same interface; removed once that file lands.
import { zipSync } from 'fflate';
import { createRandom } from './random.ts';

export interface ArchiveSpec {
  seed: number;
  jobName: string;
  fileCount?: number;
  totalBytes?: number;
}
export interface ArchiveEntry {
  path: string;
  type: 'file' | 'directory';
  size: number;
  mode: string;
}
export interface Archive {
  zip: Uint8Array;
  entries: ArchiveEntry[];
  file(path: string): Uint8Array | undefined;
}

export function buildArchive(spec: ArchiveSpec): Archive {
  const rng = createRandom(spec.seed);
  const count = spec.fileCount ?? 5;
  const each = Math.max(16, Math.floor((spec.totalBytes ?? 10_000) / count));
  const files = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    const path = i % 3 === 0 ? `reports/${spec.jobName.replace(/[^\w.-]+/g, '_')}-${i}.txt` : `build/out-${i}.txt`;
    files.set(path, new TextEncoder().encode(`file ${i} of ${spec.jobName}\n`.padEnd(each, rng.pick(['a', 'b', 'c']))));
  }
  const tree: Record<string, Uint8Array> = {};
  for (const [p, d] of files) tree[p] = d;
  const zip = zipSync(tree);
  const entries: ArchiveEntry[] = [
    { path: 'build/', type: 'directory', size: 0, mode: '040755' },
    { path: 'reports/', type: 'directory', size: 0, mode: '040755' },
    ...[...files].map(([path, d]): ArchiveEntry => ({ path, type: 'file', size: d.length, mode: '100644' })),
  ];
  return { zip, entries, file: (p) => files.get(p) };
}

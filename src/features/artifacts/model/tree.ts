/**
 * The folder view of a flat listing: children of a folder, breadcrumbs, per-folder totals,
 * sort (folders first) and filter by name, and the deep-link path of the browse URL.
 */
import type { ArtifactEntry } from './entries.ts';

export interface FolderTotals {
  /** Files anywhere below. */
  fileCount: number;
  /** Their uncompressed bytes. */
  totalSize: number;
  /** Direct children. */
  childFolders: number;
  childFiles: number;
}

/** An entry as the browser shows it: a folder carries its totals. */
export type ArtifactNode = (ArtifactEntry & { type: 'file' }) | (ArtifactEntry & { type: 'directory'; totals: FolderTotals });

export interface ArtifactTree {
  /** "" is the root; folders end in "/". */
  readonly byPath: ReadonlyMap<string, ArtifactNode>;
  readonly root: FolderTotals;
  /** Direct children of a folder ("" for the root), in listing order. */
  childrenOf(folder: string): readonly ArtifactNode[];
}

export const ROOT = '';

/** The folder a path lives in ("" for the root). */
export function parentOf(path: string): string {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  const i = trimmed.lastIndexOf('/');
  return i < 0 ? ROOT : trimmed.slice(0, i + 1);
}

function emptyTotals(): FolderTotals {
  return { fileCount: 0, totalSize: 0, childFolders: 0, childFiles: 0 };
}

/** Builds the tree once; every lookup after that is a map access. */
export function buildTree(entries: readonly ArtifactEntry[]): ArtifactTree {
  const byPath = new Map<string, ArtifactNode>();
  const children = new Map<string, ArtifactNode[]>();
  const root = emptyTotals();
  const totalsOf = (folder: string): FolderTotals | undefined => {
    if (folder === ROOT) return root;
    const node = byPath.get(folder);
    return node?.type === 'directory' ? node.totals : undefined;
  };
  for (const e of entries) {
    const node: ArtifactNode = e.type === 'directory' ? { ...e, type: 'directory', totals: emptyTotals() } : { ...e, type: 'file' };
    byPath.set(e.path, node);
  }
  for (const node of byPath.values()) {
    let parent = parentOf(node.path);
    // A listing that skipped a folder still hangs its contents on the nearest known ancestor.
    while (parent !== ROOT && !byPath.has(parent)) parent = parentOf(parent);
    const list = children.get(parent) ?? [];
    list.push(node);
    children.set(parent, list);
    const direct = totalsOf(parent);
    if (direct) {
      if (node.type === 'directory') direct.childFolders += 1;
      else direct.childFiles += 1;
    }
    if (node.type === 'file') {
      for (let p = parent; ; p = parentOf(p)) {
        const t = totalsOf(p);
        if (t) {
          t.fileCount += 1;
          t.totalSize += node.size;
        }
        if (p === ROOT) break;
      }
    }
  }
  return {
    byPath,
    root,
    childrenOf: (folder) => children.get(normaliseFolder(folder)) ?? [],
  };
}

/** "a/b" or "/a/b/" → "a/b/"; "" or "/" → "". */
export function normaliseFolder(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? ROOT : `${trimmed}/`;
}

export interface Crumb {
  /** "Artifacts" for the root, else the folder or file name. */
  name: string;
  /** "" for the root; folders end in "/". */
  path: string;
}

/** Root first, then each folder down to `path` (a folder or a file). */
export function breadcrumbs(path: string, rootName = 'Artifacts'): Crumb[] {
  const crumbs: Crumb[] = [{ name: rootName, path: ROOT }];
  const isFolder = path.endsWith('/');
  const parts = path.split('/').filter((p) => p !== '');
  let acc = '';
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    acc += part;
    if (!last || isFolder) acc += '/';
    crumbs.push({ name: part, path: acc });
  });
  return crumbs;
}

export type SortKey = 'name' | 'size';
export interface SortOrder {
  key: SortKey;
  direction: 'asc' | 'desc';
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function sizeOf(node: ArtifactNode): number {
  return node.type === 'directory' ? node.totals.totalSize : node.size;
}

/** Folders always first; then by name (natural: file-2 before file-10) or by size (folders by their total). */
export function sortNodes(nodes: readonly ArtifactNode[], order: SortOrder = { key: 'name', direction: 'asc' }): ArtifactNode[] {
  const sign = order.direction === 'asc' ? 1 : -1;
  return [...nodes].sort((a, b) => {
    if (a.type !== b.type) return a.type === 'directory' ? -1 : 1;
    if (order.key === 'size') {
      const d = sizeOf(a) - sizeOf(b);
      if (d !== 0) return sign * d;
    }
    const byName = collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    return order.key === 'name' ? sign * byName : byName;
  });
}

/** Nodes whose name holds `query` (case- and accent-insensitive); everything when it is blank. */
export function filterByName(nodes: readonly ArtifactNode[], query: string): ArtifactNode[] {
  const q = fold(query.trim());
  if (q === '') return [...nodes];
  return nodes.filter((n) => fold(n.name).includes(q));
}

/** Searches the whole tree below `folder` by name, for a filter that spans folders; capped at `limit`. */
export function searchTree(tree: ArtifactTree, query: string, folder = ROOT, limit = 500): { matches: ArtifactNode[]; more: boolean } {
  const q = fold(query.trim());
  const base = normaliseFolder(folder);
  const matches: ArtifactNode[] = [];
  if (q === '') return { matches, more: false };
  for (const node of tree.byPath.values()) {
    if (!node.path.startsWith(base) || node.path === base) continue;
    if (!fold(node.name).includes(q)) continue;
    if (matches.length >= limit) return { matches, more: true };
    matches.push(node);
  }
  return { matches, more: false };
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** What a browse path points at. */
export type Resolved = { kind: 'folder'; path: string; totals: FolderTotals } | { kind: 'file'; node: ArtifactNode & { type: 'file' } } | { kind: 'missing'; path: string; nearest: string };

/**
 * Resolves a deep link's path (`…/artifacts/browse/<path>`, already URL-decoded) to a folder or
 * a file; a path that is not there resolves to `missing` with its nearest existing folder.
 */
export function resolvePath(tree: ArtifactTree, path: string): Resolved {
  const clean = path.replace(/^\/+/, '');
  if (clean === '' || clean === '/') return { kind: 'folder', path: ROOT, totals: tree.root };
  const asFolder = normaliseFolder(clean);
  const folder = tree.byPath.get(asFolder);
  if (folder?.type === 'directory') return { kind: 'folder', path: asFolder, totals: folder.totals };
  const file = tree.byPath.get(clean.replace(/\/+$/, ''));
  if (file?.type === 'file') return { kind: 'file', node: file };
  let nearest = parentOf(asFolder);
  while (nearest !== ROOT && !tree.byPath.has(nearest)) nearest = parentOf(nearest);
  return { kind: 'missing', path: clean, nearest };
}

/** A path as it goes into the browse URL: each segment encoded, slashes kept (`a b/c#1` → `a%20b/c%231`). */
export function encodeBrowsePath(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** The inverse of encodeBrowsePath; a malformed escape is kept as typed. */
export function decodeBrowsePath(encoded: string): string {
  return encoded
    .split('/')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    })
    .join('/');
}

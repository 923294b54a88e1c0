import { describe, expect, it } from 'vitest';
import { normaliseEntries } from './entries.ts';
import { breadcrumbs, buildTree, decodeBrowsePath, encodeBrowsePath, filterByName, parentOf, resolvePath, searchTree, sortNodes } from './tree.ts';

const { entries } = normaliseEntries([
  { path: 'README.md', directory: false, size: 100 },
  { path: 'build/output.log', directory: false, size: 2_000 },
  { path: 'build/bin/app', directory: false, size: 10_000 },
  { path: 'build/bin/run.sh', directory: false, size: 50 },
  { path: 'reports/junit.xml', directory: false, size: 5_000 },
  { path: 'reports/coverage/index.html', directory: false, size: 800 },
  { path: 'reports/file-10.txt', directory: false, size: 1 },
  { path: 'reports/file-2.txt', directory: false, size: 1 },
  { path: 'docs/Release notes – Überblick ✓ 2024.md', directory: false, size: 56 },
  { path: 'empty/', directory: true },
]);
const tree = buildTree(entries);

describe('buildTree', () => {
  it('gives each folder its file count and total size, recursively, and its direct children', () => {
    expect(tree.root).toEqual({ fileCount: 9, totalSize: 18_008, childFolders: 4, childFiles: 1 });
    const build = tree.byPath.get('build/');
    expect(build?.type === 'directory' && build.totals).toEqual({ fileCount: 3, totalSize: 12_050, childFolders: 1, childFiles: 1 });
    const empty = tree.byPath.get('empty/');
    expect(empty?.type === 'directory' && empty.totals).toEqual({ fileCount: 0, totalSize: 0, childFolders: 0, childFiles: 0 });
  });

  it('lists the children of a folder, however the folder is written', () => {
    expect(tree.childrenOf('').map((n) => n.path)).toEqual(['build/', 'docs/', 'empty/', 'reports/', 'README.md']);
    expect(tree.childrenOf('build').map((n) => n.name)).toEqual(['bin', 'output.log']);
    expect(tree.childrenOf('/build/bin/').map((n) => n.name)).toEqual(['app', 'run.sh']);
    expect(tree.childrenOf('nope/')).toEqual([]);
  });
});

describe('sortNodes', () => {
  const reports = tree.childrenOf('reports/');
  it('puts folders first and sorts names naturally', () => {
    expect(sortNodes(reports).map((n) => n.name)).toEqual(['coverage', 'file-2.txt', 'file-10.txt', 'junit.xml']);
    expect(sortNodes(reports, { key: 'name', direction: 'desc' }).map((n) => n.name)).toEqual(['coverage', 'junit.xml', 'file-10.txt', 'file-2.txt']);
  });

  it('sorts by size, folders by their total, still folders first', () => {
    expect(sortNodes(tree.childrenOf(''), { key: 'size', direction: 'desc' }).map((n) => n.name)).toEqual(['build', 'reports', 'docs', 'empty', 'README.md']);
    expect(sortNodes(reports, { key: 'size', direction: 'asc' }).map((n) => n.name)).toEqual(['coverage', 'file-2.txt', 'file-10.txt', 'junit.xml']);
  });
});

describe('filter and search by name', () => {
  it('filters a folder by a case- and accent-insensitive part of the name', () => {
    expect(filterByName(tree.childrenOf('reports/'), 'FILE').map((n) => n.name)).toEqual(['file-10.txt', 'file-2.txt']);
    expect(filterByName(tree.childrenOf('docs/'), 'uberblick').map((n) => n.name)).toEqual(['Release notes – Überblick ✓ 2024.md']);
    expect(filterByName(tree.childrenOf('reports/'), '  ')).toHaveLength(4);
  });

  it('searches below a folder, with a cap', () => {
    expect(searchTree(tree, 'run').matches.map((n) => n.path)).toEqual(['build/bin/run.sh']);
    expect(searchTree(tree, '.', 'reports/').matches.map((n) => n.path)).toEqual(['reports/coverage/index.html', 'reports/file-10.txt', 'reports/file-2.txt', 'reports/junit.xml']);
    const capped = searchTree(tree, 'e', '', 2);
    expect(capped.matches).toHaveLength(2);
    expect(capped.more).toBe(true);
  });
});

describe('paths, breadcrumbs and deep links', () => {
  it('finds the parent of files and folders', () => {
    expect(parentOf('a/b/c.txt')).toBe('a/b/');
    expect(parentOf('a/b/')).toBe('a/');
    expect(parentOf('a/')).toBe('');
    expect(parentOf('x.txt')).toBe('');
  });

  it('makes breadcrumbs from the root down', () => {
    expect(breadcrumbs('reports/coverage/')).toEqual([
      { name: 'Artifacts', path: '' },
      { name: 'reports', path: 'reports/' },
      { name: 'coverage', path: 'reports/coverage/' },
    ]);
    expect(breadcrumbs('build/bin/app').at(-1)).toEqual({ name: 'app', path: 'build/bin/app' });
    expect(breadcrumbs('')).toEqual([{ name: 'Artifacts', path: '' }]);
  });

  it('resolves a deep link to a folder, a file or the nearest folder', () => {
    expect(resolvePath(tree, '')).toMatchObject({ kind: 'folder', path: '' });
    expect(resolvePath(tree, 'reports/coverage')).toMatchObject({ kind: 'folder', path: 'reports/coverage/' });
    expect(resolvePath(tree, 'reports/junit.xml')).toMatchObject({ kind: 'file', node: { path: 'reports/junit.xml', size: 5_000 } });
    expect(resolvePath(tree, 'reports/coverage/gone/deeper.txt')).toEqual({ kind: 'missing', path: 'reports/coverage/gone/deeper.txt', nearest: 'reports/coverage/' });
  });

  it('encodes each segment of a browse path and decodes it back', () => {
    const path = 'docs/Release notes – Überblick ✓ 2024.md';
    const encoded = encodeBrowsePath(path);
    expect(encoded).toBe('docs/Release%20notes%20%E2%80%93%20%C3%9Cberblick%20%E2%9C%93%202024.md');
    expect(decodeBrowsePath(encoded)).toBe(path);
    expect(encodeBrowsePath('a#1/b?c')).toBe('a%231/b%3Fc');
    expect(decodeBrowsePath('bad%zz/ok')).toBe('bad%zz/ok');
  });
});

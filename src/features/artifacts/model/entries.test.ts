import { describe, expect, it } from 'vitest';
import { normaliseEntries, normalisePath, sortLikeGitLab } from './entries.ts';
import type { ArtifactEntry } from './entries.ts';

describe('normalisePath', () => {
  it.each([
    ['a/b.txt', 'a/b.txt'],
    ['./a/./b.txt', 'a/b.txt'],
    ['/abs/x', 'abs/x'],
    ['a//b', 'a/b'],
    ['win\\style\\path.txt', 'win/style/path.txt'],
    ['dir/', 'dir'],
    ['', ''],
  ])('%j → %j', (raw, clean) => {
    expect(normalisePath(raw)).toBe(clean);
  });

  it.each([['../etc/passwd'], ['a/../../b'], ['a\\..\\b'], ['nul\0byte']])('refuses %j', (raw) => {
    expect(normalisePath(raw)).toBeNull();
  });
});

describe('normaliseEntries', () => {
  it('synthesises the directories a zip without directory entries implies', () => {
    const { entries } = normaliseEntries([
      { path: 'reports/coverage/index.html', directory: false, size: 10 },
      { path: 'README.md', directory: false, size: 3 },
    ]);
    expect(entries.map((e) => [e.path, e.type, e.name])).toEqual([
      ['reports/', 'directory', 'reports'],
      ['reports/coverage/', 'directory', 'coverage'],
      ['reports/coverage/index.html', 'file', 'index.html'],
      ['README.md', 'file', 'README.md'],
    ]);
  });

  it('keeps a zip directory entry\'s date and mode over a synthesised one, and drops duplicates', () => {
    const { entries } = normaliseEntries([
      { path: 'a/x.txt', directory: false, size: 1, mode: 0o100644 },
      { path: 'a/', directory: true, modified: new Date('2024-05-22T12:00:00Z'), mode: 0o40755 },
      { path: 'a/x.txt', directory: false, size: 999 },
    ]);
    expect(entries).toEqual<ArtifactEntry[]>([
      { path: 'a/', name: 'a', type: 'directory', size: 0, modified: '2024-05-22T12:00:00.000Z', mode: '040755' },
      { path: 'a/x.txt', name: 'x.txt', type: 'file', size: 1, mode: '100644' },
    ]);
  });

  it('gives bare permission bits the file type GitLab shows', () => {
    const { entries } = normaliseEntries([{ path: 'run.sh', directory: false, size: 1, mode: 0o755 }]);
    expect(entries[0]?.mode).toBe('100755');
  });

  it('skips paths that climb out of the archive, and a file shadowed by a directory', () => {
    const { entries, skipped } = normaliseEntries([
      { path: '../../evil.sh', directory: false, size: 1 },
      { path: 'x', directory: false, size: 1 },
      { path: 'x/y', directory: false, size: 1 },
    ]);
    expect(entries.map((e) => e.path)).toEqual(['x/', 'x/y']);
    expect(skipped).toEqual(['../../evil.sh', 'x']);
  });

  it('keeps unicode names as they are', () => {
    const path = 'docs/Release notes – Überblick ✓ 2024.md';
    const { entries } = normaliseEntries([{ path, directory: false, size: 5 }]);
    expect(entries.map((e) => e.name)).toEqual(['docs', 'Release notes – Überblick ✓ 2024.md']);
  });
});

describe('sortLikeGitLab', () => {
  it('orders depth first, directories before files, by code point', () => {
    const e = (path: string): ArtifactEntry => ({ path, name: path, type: path.endsWith('/') ? 'directory' : 'file', size: 0 });
    const sorted = sortLikeGitLab([e('b.txt'), e('a/'), e('a/z.txt'), e('a/b/'), e('a/b/c.txt'), e('B.txt'), e('c/')]);
    expect(sorted.map((x) => x.path)).toEqual(['a/', 'a/b/', 'a/b/c.txt', 'a/z.txt', 'c/', 'B.txt', 'b.txt']);
  });
});

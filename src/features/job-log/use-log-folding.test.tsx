import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LogSection } from './model/log-index.ts';
import { INITIAL_FOLD, isCollapsed, sectionsAround, useLogFolding } from './use-log-folding.ts';

function section(id: number, headerLine: number, lastLine: number, collapsed = false, parent = -1): LogSection {
  return { id, name: `s${id}`, key: `s${id}`, headerLine, firstLine: headerLine + 1, lastLine, startTs: 0, endTs: 1, durationSeconds: 1, duration: '00:01', collapsed, hideDuration: false, parent, depth: parent < 0 ? 1 : 2, open: false };
}

// 0: header of s0 (lines 0-10), which holds s1 (header 2, lines 2-5, collapsed by the log); s2 (12-20).
const SECTIONS = [section(0, 0, 10), section(1, 2, 5, true, 0), section(2, 12, 20)];

describe('isCollapsed and sectionsAround', () => {
  it.each([
    ['auto keeps the log’s own [collapsed=true]', { all: 'auto', overrides: new Map() }, [false, true, false]],
    ['all open', { all: 'open', overrides: new Map() }, [false, false, false]],
    ['all closed', { all: 'closed', overrides: new Map() }, [true, true, true]],
    ['a click wins over all', { all: 'closed', overrides: new Map([[2, false]]) }, [true, true, false]],
  ] as const)('%s', (_, fold, expected) => {
    expect(SECTIONS.map((s) => isCollapsed(fold, s))).toEqual(expected);
  });

  it('finds the sections whose body holds a line, not the one it heads', () => {
    expect(sectionsAround(SECTIONS, 3)).toEqual([0, 1]);
    expect(sectionsAround(SECTIONS, 2)).toEqual([0]);
    expect(sectionsAround(SECTIONS, 0)).toEqual([]);
    expect(sectionsAround(SECTIONS, 11)).toEqual([]);
  });
});

describe('useLogFolding', () => {
  it('starts from the log’s own folding and indexes the headers by line', () => {
    const { result } = renderHook(() => useLogFolding(SECTIONS));
    expect(result.current.collapsedIds).toEqual([1]);
    expect(result.current.headers.get(12)?.id).toBe(2);
    expect(result.current.headers.get(3)).toBeUndefined();
    expect(INITIAL_FOLD.all).toBe('auto');
  });

  it('toggles one section, then expands and collapses all', () => {
    const { result } = renderHook(() => useLogFolding(SECTIONS));
    act(() => result.current.toggleSection(SECTIONS[1] as LogSection));
    expect(result.current.collapsedIds).toEqual([]);
    act(() => result.current.toggleSection(SECTIONS[2] as LogSection));
    expect(result.current.collapsedIds).toEqual([2]);
    expect(result.current.isCollapsed(SECTIONS[2] as LogSection)).toBe(true);
    act(() => result.current.collapseAll());
    expect(result.current.collapsedIds).toEqual([0, 1, 2]);
    act(() => result.current.expandAll());
    expect(result.current.collapsedIds).toEqual([]);
  });

  it('opens the folded sections around a line it jumps to, and keeps the ids array while the set is the same', () => {
    const { result, rerender } = renderHook(() => useLogFolding(SECTIONS));
    act(() => result.current.collapseAll());
    const before = result.current.collapsedIds;
    rerender();
    expect(result.current.collapsedIds).toBe(before);
    act(() => result.current.openAround(4));
    expect(result.current.collapsedIds).toEqual([2]);
    const toggle = result.current.toggleSection;
    rerender();
    expect(result.current.toggleSection).toBe(toggle);
  });
});

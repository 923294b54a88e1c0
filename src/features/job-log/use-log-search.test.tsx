import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogClient } from './model/log-worker-client.ts';
import type { SearchResult } from './model/search.ts';
import { EMPTY_SEARCH, SEARCH_DEBOUNCE_MS, lowerBound, matchStatus, searchKey, useLogSearch, type LogSearch } from './use-log-search.ts';

// Matches on lines 3 (twice) and 8.
const RESULT: SearchResult = { ok: true, total: 3, lines: Uint32Array.of(3, 3, 8), starts: Uint32Array.of(0, 6, 2), ends: Uint32Array.of(4, 10, 6) };

function fakeClient(result: SearchResult = RESULT) {
  const search = vi.fn(() => Promise.resolve(result));
  return { client: { search } as unknown as LogClient, search };
}

/** Lets the client's promise settle inside act. */
const settle = () => act(async () => {});

describe('search helpers', () => {
  it('keys a result by log and search; no key without a query', () => {
    expect(searchKey({ query: 'x', caseSensitive: true, regex: false }, 2, 100)).toBe('2:100:10:x');
    expect(searchKey(EMPTY_SEARCH, 2, 100)).toBe('');
  });

  it.each([
    ['', null, 0, ''],
    ['x', null, 0, 'Searching…'],
    ['(', { ok: false, error: 'Invalid regular expression' }, 0, 'Invalid regular expression'],
    ['x', { ok: true, total: 0, lines: new Uint32Array(), starts: new Uint32Array(), ends: new Uint32Array() }, 0, 'No matches'],
    ['x', RESULT, 1, '2 of 3 matches'],
  ] as const)('status of %j', (query, result, index, expected) => {
    expect(matchStatus(query, result, index)).toBe(expected);
  });

  it('finds the first match at or after a line', () => {
    expect(lowerBound(Uint32Array.of(3, 3, 8), 3)).toBe(0);
    expect(lowerBound(Uint32Array.of(3, 3, 8), 4)).toBe(2);
    expect(lowerBound(Uint32Array.of(3, 3, 8), 9)).toBe(3);
  });
});

describe('useLogSearch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('searches the draft after a pause, goes to the first match once, and steps through the matches', async () => {
    const { client, search } = fakeClient();
    const goTo = vi.fn();
    const { result } = renderHook(() => useLogSearch({ client, search: undefined, generation: 1, length: 100, goTo }));
    act(() => result.current.setDraft('err'));
    act(() => vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1));
    expect(search).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(search).toHaveBeenCalledWith('err', { caseSensitive: false, regex: false });
    await settle();
    expect(result.current.status).toBe('1 of 3 matches');
    expect(goTo).toHaveBeenCalledTimes(1);
    expect(goTo).toHaveBeenLastCalledWith(3);
    expect(result.current.currentMatchLine).toBe(3);
    expect(result.current.marksFor(3)).toEqual([
      { start: 0, end: 4, current: true },
      { start: 6, end: 10, current: false },
    ]);
    expect(result.current.marksFor(4)).toHaveLength(0);

    act(() => result.current.stepMatch(-1));
    expect(result.current.status).toBe('3 of 3 matches');
    expect(goTo).toHaveBeenLastCalledWith(8);
    act(() => result.current.submit(false));
    expect(result.current.status).toBe('1 of 3 matches');
    expect(goTo).toHaveBeenCalledTimes(3);
  });

  it('keeps the search with the caller, searches at once on Enter, and shows a query changed under it', async () => {
    const { client, search } = fakeClient();
    let value: LogSearch = EMPTY_SEARCH;
    const onChange = vi.fn((next: LogSearch) => {
      value = next;
    });
    const { result, rerender } = renderHook(() => useLogSearch({ client, search: { value, onChange }, generation: 1, length: 100, goTo: vi.fn() }));
    act(() => result.current.setDraft('warn'));
    act(() => result.current.submit(false));
    expect(onChange).toHaveBeenLastCalledWith({ query: 'warn', caseSensitive: false, regex: false });
    rerender();
    act(() => result.current.setOptions({ caseSensitive: true, regex: false }));
    expect(onChange).toHaveBeenLastCalledWith({ query: 'warn', caseSensitive: true, regex: false });
    rerender();
    await settle();
    expect(search).toHaveBeenLastCalledWith('warn', { caseSensitive: true, regex: false });

    // Back/forward: the address holds another query.
    value = { ...value, query: 'other' };
    rerender();
    expect(result.current.draft).toBe('other');
  });

  it('says what is wrong with a bad search', async () => {
    const { client } = fakeClient({ ok: false, error: 'Invalid regular expression: /(/: Unterminated group' });
    const { result } = renderHook(() => useLogSearch({ client, search: undefined, generation: 1, length: 100, goTo: vi.fn() }));
    act(() => result.current.setDraft('('));
    act(() => result.current.submit(false));
    await settle();
    expect(result.current.status).toMatch(/Invalid regular expression/);
    expect(result.current.canStep).toBe(false);
  });
});

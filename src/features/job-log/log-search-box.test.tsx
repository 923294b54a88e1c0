import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LogSearchBox } from './log-search-box.tsx';
import { EMPTY_SEARCH, type LogSearchState } from './use-log-search.ts';

afterEach(cleanup);

function searchState(patch: Partial<LogSearchState> = {}): LogSearchState {
  return { value: EMPTY_SEARCH, draft: '', setDraft: vi.fn(), setOptions: vi.fn(), submit: vi.fn(), canStep: false, stepMatch: vi.fn(), status: '', currentMatchLine: -1, marksFor: () => [], ...patch };
}

describe('LogSearchBox', () => {
  it('cannot step without matches, and leaves the field on Escape', async () => {
    const inputRef = createRef<HTMLInputElement>();
    render(<LogSearchBox idBase="s" search={searchState({ draft: 'zzz', status: 'No matches' })} inputRef={inputRef} />);
    expect(screen.getByRole('button', { name: 'Next match' }).getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe('No matches');
    const box = screen.getByRole('searchbox', { name: 'Search the log' });
    expect(inputRef.current).toBe(box);
    box.focus();
    await userEvent.keyboard('{Escape}');
    expect(document.activeElement).not.toBe(box);
  });

  it('turns on match case keeping the other option', async () => {
    const search = searchState({ value: { query: 'x', caseSensitive: false, regex: true } });
    render(<LogSearchBox idBase="s" search={search} inputRef={createRef()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Match case' }));
    expect(search.setOptions).toHaveBeenCalledWith({ caseSensitive: true, regex: true });
  });
});

import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LogToolbar, type LogToolbarProps } from './log-toolbar.tsx';
import { EMPTY_SEARCH, type LogSearchState } from './use-log-search.ts';

afterEach(cleanup);

function searchState(patch: Partial<LogSearchState> = {}): LogSearchState {
  return { value: EMPTY_SEARCH, draft: '', setDraft: vi.fn(), setOptions: vi.fn(), submit: vi.fn(), canStep: false, stepMatch: vi.fn(), status: '', currentMatchLine: -1, marksFor: () => [], ...patch };
}

function toolbar(patch: Partial<LogToolbarProps> = {}) {
  const props: LogToolbarProps = {
    label: 'Log of job #7',
    idBase: 't',
    search: searchState(),
    searchInputRef: createRef(),
    cyclingErrors: false,
    onNextError: vi.fn(),
    hasSections: true,
    onExpandAll: vi.fn(),
    onCollapseAll: vi.fn(),
    timestamps: null,
    wrap: false,
    onWrapChange: vi.fn(),
    onTop: vi.fn(),
    onBottom: vi.fn(),
    selection: null,
    onCopy: vi.fn(),
    fullscreen: false,
    onToggleFullscreen: vi.fn(),
    lineCount: 1234,
    length: 2048,
    following: null,
    message: '',
    ...patch,
  };
  render(<LogToolbar {...props} />);
  return { props, bar: screen.getByRole('toolbar', { name: 'Log of job #7: tools' }) };
}

describe('LogToolbar', () => {
  it('says the log’s size and whether it follows the end', () => {
    const { bar } = toolbar({ following: false, status: 'live', message: 'Copied line 3.' });
    expect(bar.textContent).toContain('1,234 lines · 2.0 KiB');
    expect(bar.textContent).toContain('scrolled up: not following');
    expect(bar.textContent).toContain(' · live');
    expect(within(bar).getAllByRole('status').some((s) => s.textContent === 'Copied line 3.')).toBe(true);
  });

  it('hands each button to its action', async () => {
    const { props, bar } = toolbar({ selection: { from: 2, to: 5 }, onDownload: vi.fn() });
    const user = userEvent.setup();
    await user.click(within(bar).getByRole('button', { name: 'Jump to first error' }));
    await user.click(within(bar).getByRole('button', { name: 'Collapse all' }));
    await user.click(within(bar).getByRole('button', { name: 'Expand all' }));
    await user.click(within(bar).getByRole('button', { name: 'Bottom' }));
    await user.click(within(bar).getByRole('button', { name: 'Copy lines' }));
    await user.click(within(bar).getByRole('button', { name: 'Download raw log' }));
    await user.click(within(bar).getByRole('button', { name: 'Wrap lines' }));
    expect(props.onNextError).toHaveBeenCalled();
    expect(props.onCollapseAll).toHaveBeenCalled();
    expect(props.onExpandAll).toHaveBeenCalled();
    expect(props.onBottom).toHaveBeenCalled();
    expect(props.onCopy).toHaveBeenCalled();
    expect(props.onDownload).toHaveBeenCalled();
    expect(props.onWrapChange).toHaveBeenCalledWith(true);
  });

  it('offers timestamps only for a log that has them, and no folding without sections', async () => {
    // Radix's select list scrolls its chosen option into view, which jsdom cannot do.
    Element.prototype.scrollIntoView ??= () => {};
    const onChange = vi.fn();
    const { bar, props } = toolbar({ timestamps: { mode: 'utc', onChange }, hasSections: false, cyclingErrors: true });
    const user = userEvent.setup();
    const select = within(bar).getByRole('combobox', { name: 'Timestamps' });
    expect(select.textContent).toContain('UTC');
    select.focus();
    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('option', { name: 'Since job start' }));
    expect(onChange).toHaveBeenCalledWith('relative');
    const expand = within(bar).getByRole('button', { name: 'Expand all' });
    expect(expand.getAttribute('aria-disabled')).toBe('true');
    await user.click(expand);
    expect(props.onExpandAll).not.toHaveBeenCalled();
    expect(within(bar).getByRole('button', { name: 'Next error' })).toBeTruthy();
    expect(within(bar).queryByRole('button', { name: 'Copy link to line' })).toBeNull();
  });

  it('says in the buttons’ state whether lines wrap and the options are on', () => {
    const { bar } = toolbar({ wrap: true, search: searchState({ value: { query: 'x', caseSensitive: true, regex: false } }) });
    expect(within(bar).getByRole('button', { name: 'Wrap lines' }).getAttribute('aria-pressed')).toBe('true');
    expect(within(bar).getByRole('button', { name: 'Match case' }).getAttribute('aria-pressed')).toBe('true');
    expect(within(bar).getByRole('button', { name: 'Regex' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('copies a link to the selected line without the search; during a search it asks which', async () => {
    const onCopyLink = vi.fn();
    const user = userEvent.setup();
    toolbar({ selection: { from: 4, to: 4 }, onCopyLink });
    await user.click(screen.getByRole('button', { name: 'Copy link to line' }));
    expect(onCopyLink).toHaveBeenLastCalledWith(false);
    cleanup();

    toolbar({ selection: { from: 4, to: 9 }, onCopyLink, search: searchState({ value: { query: 'error', caseSensitive: false, regex: false } }) });
    await user.click(screen.getByRole('button', { name: 'Copy link to lines' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Copy link to lines' }));
    expect(onCopyLink).toHaveBeenLastCalledWith(false);
    await user.click(screen.getByRole('button', { name: 'Copy link to lines' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Copy link to lines with the search' }));
    expect(onCopyLink).toHaveBeenLastCalledWith(true);
    expect(onCopyLink).toHaveBeenCalledTimes(3);
  });

  it('searches on Enter, steps back on shift-Enter, and counts the matches', async () => {
    const search = searchState({ draft: 'err', canStep: true, status: '2 of 5 matches' });
    const { bar } = toolbar({ search });
    const user = userEvent.setup();
    const box = within(bar).getByRole('searchbox', { name: 'Search the log' });
    expect(box.getAttribute('aria-describedby')).toBe('t-matches');
    await user.type(box, 'o');
    expect(search.setDraft).toHaveBeenCalledWith('erro');
    await user.type(box, '{Enter}');
    expect(search.submit).toHaveBeenLastCalledWith(false);
    await user.type(box, '{Shift>}{Enter}{/Shift}');
    expect(search.submit).toHaveBeenLastCalledWith(true);
    await user.click(within(bar).getByRole('button', { name: 'Previous match' }));
    expect(search.stepMatch).toHaveBeenCalledWith(-1);
    await user.click(within(bar).getByRole('button', { name: 'Regex' }));
    expect(search.setOptions).toHaveBeenCalledWith({ caseSensitive: false, regex: true });
    expect(bar.textContent).toContain('2 of 5 matches');
  });
});

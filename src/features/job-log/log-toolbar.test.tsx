import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LogToolbar, formatChars, type LogToolbarProps } from './log-toolbar.tsx';
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
    await user.click(within(bar).getByRole('checkbox', { name: 'Wrap lines' }));
    expect(props.onNextError).toHaveBeenCalled();
    expect(props.onCollapseAll).toHaveBeenCalled();
    expect(props.onExpandAll).toHaveBeenCalled();
    expect(props.onBottom).toHaveBeenCalled();
    expect(props.onCopy).toHaveBeenCalled();
    expect(props.onDownload).toHaveBeenCalled();
    expect(props.onWrapChange).toHaveBeenCalledWith(true);
  });

  it('offers timestamps only for a log that has them, and no folding without sections', async () => {
    const onChange = vi.fn();
    const { bar } = toolbar({ timestamps: { mode: 'utc', onChange }, hasSections: false, cyclingErrors: true });
    await userEvent.selectOptions(within(bar).getByRole('combobox', { name: /Timestamps/ }), 'Since job start');
    expect(onChange).toHaveBeenCalledWith('relative');
    expect(within(bar).getByRole('button', { name: 'Expand all' })).toHaveProperty('disabled', true);
    expect(within(bar).getByRole('button', { name: 'Next error' })).toBeTruthy();
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
    await user.click(within(bar).getByRole('checkbox', { name: 'Regex' }));
    expect(search.setOptions).toHaveBeenCalledWith({ caseSensitive: false, regex: true });
    expect(bar.textContent).toContain('2 of 5 matches');
  });

  it.each([
    [512, '512 B'],
    [2048, '2.0 KiB'],
    [5 * 1024 * 1024, '5.0 MiB'],
  ])('formats %i characters as %s', (chars, text) => {
    expect(formatChars(chars)).toBe(text);
  });
});

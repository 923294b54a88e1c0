import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LogShortcutsHelp, SHORTCUT_HELP } from './log-shortcuts-help.tsx';

afterEach(cleanup);

describe('LogShortcutsHelp', () => {
  it('lists every shortcut with what it does', () => {
    render(<LogShortcutsHelp />);
    const terms = screen.getAllByRole('term').map((t) => t.textContent);
    expect(terms).toEqual(SHORTCUT_HELP.map((s) => s.keys));
    expect(screen.getAllByRole('definition')).toHaveLength(SHORTCUT_HELP.length);
  });
});

import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { StaticLog } from './static-log.tsx';

afterEach(cleanup);

const E = '\x1b';
const LOG = [
  `${E}[32;1mgreen bold${E}[0m plain`,
  `section_start:1716380000:build[collapsed=true]\r${E}[0K${E}[36mBuilding${E}[0m`,
  'inside <img src=x onerror=alert(1)> the section',
  'downloading 10%\rdownloading 100%',
  `section_end:1716380075:build\r${E}[0K`,
  `${E}[31mERROR: it broke${E}[0m`,
  'see https://example.com/x?a=1&b=2.',
].join('\n');

describe('StaticLog', () => {
  it('shows a log escaped and coloured, sections folded with their duration, progress bars redrawn', async () => {
    render(<StaticLog text={LOG} label="build/output.log" />);
    const log = await screen.findByRole('region', { name: 'build/output.log' });
    await waitFor(() => expect(log.textContent).toContain('green bold'));
    const green = within(log).getByText('green bold');
    expect(green.getAttribute('style')).toMatch(/color:#4bb349/);
    expect(log.textContent).toContain('01:15');
    expect(log.textContent).not.toContain('onerror');
    await userEvent.click(within(log).getByRole('button', { name: 'Expand section build' }));
    await waitFor(() => expect(log.textContent).toContain('inside <img src=x onerror=alert(1)> the section'));
    expect(log.querySelector('img')).toBeNull();
    expect(log.textContent).toContain('downloading 100%');
    expect(log.textContent).not.toContain('downloading 10%');
    const link = within(log).getByRole('link', { name: 'https://example.com/x?a=1&b=2' });
    expect(link.getAttribute('rel')).toBe('nofollow noopener noreferrer');
  });

  it('searches the whole text, collapsed sections included, and counts the matches', async () => {
    const user = userEvent.setup();
    render(<StaticLog text={LOG} label="out.log" />);
    await screen.findByText('green bold');
    await user.type(screen.getByRole('searchbox', { name: 'Search the log' }), 'section');
    await waitFor(() => expect(screen.getByText('1 of 1 match')).toBeTruthy());
    await user.click(screen.getByRole('button', { name: 'Regex' }));
    await user.clear(screen.getByRole('searchbox', { name: 'Search the log' }));
    await user.click(screen.getByRole('searchbox', { name: 'Search the log' }));
    await user.paste('down[a-z]+');
    await waitFor(() => expect(screen.getByText('1 of 1 match')).toBeTruthy());
    await user.clear(screen.getByRole('searchbox', { name: 'Search the log' }));
    await user.paste('(');
    await waitFor(() => expect(screen.getByText(/Invalid regular expression/)).toBeTruthy());
  });

  it('jumps to the first error', async () => {
    render(<StaticLog text={LOG} label="out.log" />);
    await screen.findByText('green bold');
    await userEvent.click(screen.getByRole('button', { name: 'Jump to first error' }));
    await waitFor(() => expect(screen.getAllByText(/Error 1 of 1: line 6/).length).toBeGreaterThan(0));
  });
});

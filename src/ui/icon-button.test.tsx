import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IconButton } from './icon-button.tsx';
import { Checkbox } from './checkbox.tsx';
import { downloadIcon, scrollUpIcon } from './gl-icons.ts';

afterEach(cleanup);

describe('IconButton', () => {
  it('is named by its label, draws GitLab’s icon, and says the same words in a tooltip on focus', async () => {
    const user = userEvent.setup();
    const onClick = vi.fn();
    render(<IconButton icon={downloadIcon} label="Download raw log" shortcut="d" onClick={onClick} />);
    const button = screen.getByRole('button', { name: 'Download raw log' });
    // GitLab's download icon: its shape inside our <svg>, not the file's own <svg>.
    expect(button.querySelector('svg.gl-icon > path')?.getAttribute('d')).toBe(/ d="([^"]+)"/.exec(downloadIcon)?.[1]);
    expect(screen.queryByRole('tooltip')).toBeNull();
    await user.tab();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Download raw log');
    // Radix's tooltip is fetched on that first focus; the button drawn inside it keeps the focus.
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip.textContent).toContain('Download raw log');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Download raw log' }));
    await user.keyboard('{Enter}');
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('stays focusable while disabled and does nothing when pressed', async () => {
    const user = userEvent.setup();
    const onClick = vi.fn();
    render(<IconButton icon={scrollUpIcon} label="Top" disabled onClick={onClick} />);
    const button = screen.getByRole('button', { name: 'Top' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    await user.click(button);
    expect(onClick).not.toHaveBeenCalled();
  });
});

describe('Checkbox', () => {
  it('is a checkbox named by its words that reports the new state', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(
      <Checkbox checked={false} onCheckedChange={onChange}>
        Match case
      </Checkbox>,
    );
    const box = screen.getByRole('checkbox', { name: 'Match case' });
    expect(box.getAttribute('aria-checked')).toBe('false');
    await user.click(screen.getByText('Match case'));
    expect(onChange).toHaveBeenCalledWith(true);
  });
});

import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import retryIcon from '@gitlab/svgs/dist/sprite_icons/retry.svg?raw';

// Each test starts with none of Radix's modules fetched: a fresh copy of the UI kit's modules.
beforeEach(() => vi.resetModules());
afterEach(cleanup);

const kit = async () => ({
  ...(await import('./icon-button.tsx')),
  ...(await import('./tooltip.tsx')),
  ...(await import('./menu.tsx')),
  ...(await import('./select.tsx')),
  ...(await import('./dialog.tsx')),
});

describe('popups fetched when first wanted (decision 0025)', () => {
  it('draws an icon button that is named and works before Radix is fetched, and fetches nothing for a click', async () => {
    const { IconButton, tooltipModule } = await kit();
    const onClick = vi.fn();
    render(<IconButton icon={retryIcon} label="Retry" onClick={onClick} />);
    const button = screen.getByRole('button', { name: 'Retry' });
    fireEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(tooltipModule.get()).toBeNull();
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('shows the tooltip on keyboard focus once Radix has arrived, with the focus kept on the button', async () => {
    const { IconButton, tooltipModule } = await kit();
    const onClick = vi.fn();
    const user = userEvent.setup();
    render(<IconButton icon={retryIcon} label="Retry" shortcut="r" onClick={onClick} />);
    await user.tab();
    await act(() => tooltipModule.load());
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip.textContent).toContain('Retry');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Retry' }));
    await user.keyboard('{Enter}');
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('shows the tooltip of a button the pointer rests on, after the usual delay', async () => {
    const { IconButton, tooltipModule, TOOLTIP_DELAY_MS } = await kit();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      render(<IconButton icon={retryIcon} label="Retry" />);
      fireEvent.pointerEnter(screen.getByRole('button', { name: 'Retry' }), { pointerType: 'mouse' });
      await act(() => tooltipModule.load());
      expect(screen.queryByRole('tooltip')).toBeNull();
      await act(() => vi.advanceTimersByTimeAsync(TOOLTIP_DELAY_MS));
      expect(screen.getByRole('tooltip').textContent).toContain('Retry');
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not lose a click when Radix arrives between the press and the click', async () => {
    const { IconButton, tooltipModule } = await kit();
    const onClick = vi.fn();
    render(<IconButton icon={retryIcon} label="Retry" onClick={onClick} />);
    const button = screen.getByRole('button', { name: 'Retry' });
    fireEvent.pointerEnter(button, { pointerType: 'mouse' });
    fireEvent.pointerDown(button, { pointerType: 'mouse', button: 0 });
    await act(() => tooltipModule.load());
    expect(screen.getByRole('button', { name: 'Retry' })).toBe(button); // held until its click
    fireEvent.pointerUp(button, { pointerType: 'mouse', button: 0 });
    fireEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('opens a menu pressed before Radix arrived, and Escape gives the focus back to its button', async () => {
    const { Menu, MenuCheckboxItem, menuModule } = await kit();
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(
      <Menu label="Status" trigger={<button type="button">Status</button>}>
        <MenuCheckboxItem checked={false} onCheckedChange={onChange}>
          Failed
        </MenuCheckboxItem>
      </Menu>,
    );
    const trigger = screen.getByRole('button', { name: 'Status' });
    expect(trigger.getAttribute('aria-haspopup')).toBe('menu');
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    trigger.focus();
    await user.keyboard('{Enter}');
    await act(() => menuModule.load());
    const item = await screen.findByRole('menuitemcheckbox', { name: 'Failed' });
    await user.click(item);
    expect(onChange).toHaveBeenCalledWith(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Status' }));
  });

  it('opens a controlled popover clicked before Radix arrived', async () => {
    const { Popover, menuModule } = await kit();
    const { useState } = await import('react');
    function Panel() {
      const [open, setOpen] = useState(false);
      return (
        <Popover label="Columns" open={open} onOpenChange={setOpen} trigger={<button type="button">Columns</button>}>
          <p>the panel</p>
        </Popover>
      );
    }
    render(<Panel />);
    fireEvent.click(screen.getByRole('button', { name: 'Columns' }));
    expect(menuModule.get()).toBeNull();
    await act(() => menuModule.load());
    expect((await screen.findByRole('dialog', { name: 'Columns' })).textContent).toContain('the panel');
  });

  it('draws a select as a combobox showing its value, and opens its list when pressed', async () => {
    const { Select, selectModule } = await kit();
    Element.prototype.scrollIntoView ??= () => {}; // Radix scrolls the chosen option into view
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(
      <Select
        label="Timestamps"
        value="utc"
        options={[
          { value: 'utc', label: 'UTC' },
          { value: 'local', label: 'Local time' },
        ]}
        onValueChange={onChange}
      />,
    );
    const combobox = screen.getByRole('combobox', { name: 'Timestamps' });
    expect(combobox.textContent).toBe('UTC');
    expect(selectModule.get()).toBeNull();
    combobox.focus();
    await user.keyboard('{Enter}');
    await act(() => selectModule.load());
    await user.click(await screen.findByRole('option', { name: 'Local time' }));
    expect(onChange).toHaveBeenCalledWith('local');
  });

  it('fetches nothing for a closed dialog, and shows an opened one once Radix has arrived', async () => {
    const { Dialog, dialogModule } = await kit();
    const onClose = vi.fn();
    const { rerender } = render(
      <Dialog open={false} title="Retry job" onClose={onClose}>
        <p>Run it again?</p>
      </Dialog>,
    );
    expect(dialogModule.get()).toBeNull();
    rerender(
      <Dialog open title="Retry job" onClose={onClose}>
        <p>Run it again?</p>
      </Dialog>,
    );
    await act(() => dialogModule.load());
    expect(screen.getByRole('dialog', { name: 'Retry job' }).textContent).toContain('Run it again?');
  });
});

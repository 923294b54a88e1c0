import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from './dialog.tsx';
import { ToastProvider, useToast } from './toast.tsx';
import { tooltipModule } from './tooltip.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('Dialog', () => {
  it('is labelled by its title and closes through its close button', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    render(
      <Dialog open title="Retry job" onClose={onClose} footer={<button type="button">Retry</button>}>
        <p>Run it again?</p>
      </Dialog>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Retry job' }); // Radix is fetched when it opens
    expect(dialog.textContent).toContain('Run it again?');
    // The dialog gives the focus to its close button, and a focused button fetches its tooltip's
    // module; when that arrives the button is drawn anew inside Radix's tooltip. A person's click
    // lands on what is drawn then; a test's lands on the element it looked up, so it waits for
    // the module before looking the button up (else, on a busy machine, it clicks a detached one).
    await act(() => tooltipModule.load());
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('is not shown while closed', () => {
    render(
      <Dialog open={false} title="Hidden" onClose={() => {}}>
        x
      </Dialog>,
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

function Shout() {
  const toast = useToast();
  return (
    <button type="button" onClick={() => toast.show('Job 5 retried', { tone: 'success' })}>
      go
    </button>
  );
}

describe('Toast', () => {
  it('announces a message in a polite live region and can be dismissed', async () => {
    const user = userEvent.setup();
    render(
      <ToastProvider>
        <Shout />
      </ToastProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'go' }));
    const region = screen.getByRole('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toContain('Job 5 retried');
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(region.textContent).not.toContain('Job 5 retried');
  });

  it('refuses to work outside its provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<Shout />)).toThrow(/ToastProvider/);
  });
});

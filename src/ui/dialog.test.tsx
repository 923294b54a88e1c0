import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from './dialog.tsx';
import { ToastProvider, useToast } from './toast.tsx';

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
    const dialog = await screen.findByRole('dialog', { name: 'Retry job' });
    expect(dialog.textContent).toContain('Run it again?');
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

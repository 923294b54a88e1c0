import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Duration } from './duration.tsx';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2024-05-22T12:00:00Z'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('Duration', () => {
  it('shows a finished job’s duration and does not tick', () => {
    render(<Duration seconds={65} />);
    expect(screen.getByText('1m 05s').getAttribute('dateTime')).toBe('PT65S');
    act(() => vi.advanceTimersByTime(5000));
    expect(screen.getByText('1m 05s')).toBeTruthy();
  });

  it('ticks on from GitLab’s figure while running', () => {
    render(<Duration seconds={58} running measuredAt={Date.now()} />);
    expect(screen.getByText('58s')).toBeTruthy();
    act(() => vi.advanceTimersByTime(3000));
    expect(screen.getByText('1m 01s')).toBeTruthy();
  });

  it('falls back to started_at for a running job without a duration', () => {
    render(<Duration seconds={null} running startedAt="2024-05-22T11:59:50Z" />);
    expect(screen.getByText('10s')).toBeTruthy();
  });

  it('says there is no duration with a dash and a label', () => {
    const { container } = render(<Duration seconds={undefined} />);
    expect(screen.getByText('no duration')).toBeTruthy();
    expect(container.querySelector('[aria-hidden="true"]')?.textContent).toBe('–');
  });
});

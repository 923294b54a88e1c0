import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusBadge } from './status-badge.tsx';

afterEach(cleanup);

// GitLab's words for each status (Ci::Status::*#text / label), and the icon it draws.
const cases: Array<[status: string, allowFailure: boolean, word: string, icon: string, tone: string]> = [
  ['success', false, 'passed', 'status_success', 'success'],
  ['failed', false, 'failed', 'status_failed', 'danger'],
  ['failed', true, 'failed (allowed to fail)', 'status_warning', 'warning'],
  ['success', true, 'passed', 'status_success', 'success'],
  ['running', false, 'running', 'status_running', 'info'],
  ['pending', false, 'pending', 'status_pending', 'warning'],
  ['canceled', false, 'canceled', 'status_canceled', 'neutral'],
  ['canceling', false, 'canceling', 'status_canceled', 'neutral'],
  ['skipped', false, 'skipped', 'status_skipped', 'neutral'],
  ['manual', false, 'manual', 'status_manual', 'neutral'],
  ['scheduled', false, 'scheduled', 'status_scheduled', 'neutral'],
  ['created', false, 'created', 'status_created', 'neutral'],
  ['waiting_for_resource', false, 'waiting for resource', 'status_pending', 'warning'],
  ['preparing', false, 'preparing', 'status_preparing', 'neutral'],
  ['waiting_for_callback', false, 'waiting for callback', 'status_pending', 'warning'],
  ['bogus_new_status', false, 'bogus_new_status', 'status_notfound', 'neutral'],
  ['__proto__', false, '__proto__', 'status_notfound', 'neutral'],
];

describe('StatusBadge', () => {
  it.each(cases)('%s (allow_failure %s) reads "%s" with icon %s', (status, allowFailure, word, icon, tone) => {
    const { container } = render(<StatusBadge status={status} allowFailure={allowFailure} />);
    expect(screen.getByText(word, { exact: true })).toBeTruthy();
    const svg = container.querySelector('svg');
    expect(svg?.getAttribute('data-icon')).toBe(icon);
    expect(svg?.getAttribute('aria-hidden')).toBe('true');
    // The icon draws GitLab's shapes (its symbol in the document's sprite), not an empty box.
    const symbol = document.getElementById(svg?.querySelector('use')?.getAttribute('href')?.slice(1) ?? '');
    expect(symbol?.tagName).toBe('symbol');
    expect(symbol?.querySelector('path, circle')).not.toBeNull();
    expect(container.firstElementChild?.className).toContain(`tone-${tone}`);
  });

  it('renders a missing status as "unknown"', () => {
    render(<StatusBadge status={null} />);
    expect(screen.getByText('unknown')).toBeTruthy();
  });
});

import { QueryClient, QueryClientProvider, QueryObserver } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { GitLabError, gitlabKeys, type ConnectionHealth } from '../gitlab/index.ts';
import { ConnectionMarker, ConnectionStatus } from './connection-health.tsx';

afterEach(cleanup);

const at = Date.UTC(2026, 0, 1, 10, 0, 0);
const error = (kind: GitLabError['kind']) => new GitLabError({ kind, url: 'https://gitlab.example.com/api/v4/projects/1/jobs' });

describe('ConnectionMarker', () => {
  it('says each state in words, with what is shown and what happens next', () => {
    const cases: [ConnectionHealth, RegExp][] = [
      [{ kind: 'stale', since: at, error: new GitLabError({ kind: 'server', status: 502, url: 'https://g.example/api/v4/x' }) }, /GitLab had a problem\. Showing what GitLab said .* trying again by itself/],
      [{ kind: 'unreachable', since: at, reason: 'cors', error: error('cors') }, /GitLab unreachable: blocked by the browser \(CORS\)/],
      [{ kind: 'unreachable', since: at, reason: 'network', error: error('network') }, /GitLab unreachable: nothing answered/],
      [{ kind: 'rate-limited', since: at, until: at + 60_000, error: error('rate-limited') }, /Slowed down by GitLab \(rate limited\) until/],
      [{ kind: 'token-expired', since: at, error: error('token-expired') }, /Token expired\. Showing what GitLab said .* No request is made with this token/],
    ];
    for (const [health, words] of cases) {
      const { unmount } = render(<ConnectionMarker health={health} onRetry={() => undefined} />);
      const marker = screen.getByRole('status');
      expect(marker.getAttribute('data-health')).toBe(health.kind);
      expect(marker.textContent).toMatch(words);
      // No "Try now" while asking again would only be refused.
      expect(screen.queryByRole('button', { name: 'Try now' }) !== null).toBe(health.kind === 'stale' || health.kind === 'unreachable');
      unmount();
    }
  });

  it('is a quiet "Updated … ago" while fresh, and says nothing before the first answer', () => {
    const { container, rerender } = render(<ConnectionMarker health={{ kind: 'fresh', updatedAt: 0 }} />);
    expect(container.textContent).toBe('');
    rerender(<ConnectionMarker health={{ kind: 'fresh', updatedAt: at }} live="refreshing while the pipeline runs" />);
    expect(container.querySelector('[data-health="fresh"]')?.textContent).toMatch(/^Updated .* · refreshing while the pipeline runs$/);
    expect(screen.queryByRole('status')).toBeNull();
  });
});

describe('ConnectionStatus', () => {
  it('follows the active queries of the cache: unreachable while the newest answer failed, fresh again after a success', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const host = 'https://gitlab.example.com';
    let fail = true;
    const key = [...gitlabKeys.host(host), 'thing'];
    function Reader() {
      // An active query, as a page's.
      return <ConnectionStatus queryKey={gitlabKeys.host(host)} />;
    }
    const watch = new QueryObserver(client, { queryKey: key, queryFn: async () => (fail ? Promise.reject(error('network')) : 'ok') });
    const stop = watch.subscribe(() => undefined);
    render(
      <QueryClientProvider client={client}>
        <Reader />
      </QueryClientProvider>,
    );
    await act(async () => {
      await watch.refetch();
    });
    expect(screen.getByRole('status').getAttribute('data-health')).toBe('unreachable');
    fail = false;
    await act(async () => {
      await watch.refetch();
    });
    expect(screen.queryByRole('status')).toBeNull();
    expect(document.querySelector('[data-health]')?.getAttribute('data-health')).toBe('fresh');
    stop();
  });
});

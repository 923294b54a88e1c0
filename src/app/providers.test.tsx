// useWriteAccess: read-only mode from the settings, canWrite from the token's scopes (GitLab's answer).
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSim } from '../../gitlab-sim/index.ts';
import { DEFAULT_CONFIG, memoryStorage, parseUrlSettings } from '../config/index.ts';
import { AppProviders, createQueryClient, DEFAULT_ENV, useWriteAccess } from './providers.tsx';
import { createSession } from './session.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Probe() {
  const { readOnly, canWrite } = useWriteAccess();
  return <output aria-label="access">{`${readOnly}/${canWrite}`}</output>;
}

function renderWith(token: string | null, url = '') {
  const sim = createSim({ paused: true, hugeLogBytes: 10_000 });
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => sim.fetch(new Request(input, init)));
  const session = createSession({ config: DEFAULT_CONFIG, url: parseUrlSettings(url), baseUrl: 'http://dashboard.test/', storages: { session: memoryStorage(), local: memoryStorage() } });
  if (token) session.saveConnection({ host: 'http://sim.test', token, remember: false });
  render(
    <AppProviders queryClient={createQueryClient()} session={session} env={DEFAULT_ENV}>
      <Probe />
    </AppProviders>,
  );
  return () => screen.getByRole('status', { name: 'access' }).textContent;
}

describe('useWriteAccess', () => {
  it('an api token can write', async () => {
    const access = renderWith('glpat-sim-api');
    expect(access()).toBe('false/unknown');
    await waitFor(() => expect(access()).toBe('false/true'));
  });

  it('a read_api token cannot', async () => {
    const access = renderWith('glpat-sim-read');
    await waitFor(() => expect(access()).toBe('false/false'));
  });

  it('read-only mode from the URL', () => {
    const access = renderWith('glpat-sim-api', '?readonly=1');
    expect(access()).toBe('true/unknown');
  });

  it('without the session (a page rendered alone) nothing is known: GitLab decides', () => {
    render(
      <QueryClientProvider client={createQueryClient()}>
        <Probe />
      </QueryClientProvider>,
    );
    expect(screen.getByRole('status', { name: 'access' }).textContent).toBe('false/unknown');
  });
});

import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import { RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG, memoryStorage, parseUrlSettings } from '../config/index.ts';
import { AppProviders, createQueryClient, DEFAULT_ENV, type AppEnv } from './providers.tsx';
import { createTestRouter } from './router.tsx';
import { createSession } from './session.ts';

// Pages are lazy route modules (decision 0021): a page's first visit in a test run imports
// (and transforms) its whole feature, which can take more than the default second here.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const project = { id: 1, name: 'backend', path_with_namespace: 'acme/platform/backend', name_with_namespace: 'Acme / Platform / Backend' };
const jobs = [
  { id: 11, name: 'compile', status: 'success', stage: 'build', ref: 'main', duration: 57 },
  { id: 12, name: 'rspec 1/3', status: 'running', stage: 'test', ref: 'main', duration: 30 },
];

/** A GitLab with one project, answering by numeric id and by encoded path. */
function stubGitLab() {
  const fetch = vi.fn(async (input: string | URL | Request) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const path = url.pathname.replace(/^\/api\/v4/, '');
    if (path === '/user') return json({ id: 1, name: 'Sim Admin', username: 'root' });
    if (path === '/projects/1' || path === '/projects/acme%2Fplatform%2Fbackend') return json(project);
    if (path === '/projects/1/jobs') return json(jobs);
    return json({ message: '404 Project Not Found' }, 404);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function renderApp(path: string, { connected = true, env = DEFAULT_ENV }: { connected?: boolean; env?: AppEnv } = {}) {
  const storages = { session: memoryStorage(), local: memoryStorage() };
  const session = createSession({ config: DEFAULT_CONFIG, url: parseUrlSettings(''), baseUrl: 'http://dashboard.test/', storages });
  if (connected) session.saveConnection({ host: 'https://gitlab.example.com', token: 'glpat-x', remember: false });
  const queryClient = createQueryClient();
  const router = createTestRouter({ queryClient, session, env }, [path]);
  render(
    <AppProviders queryClient={queryClient} session={session} env={env}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { router, session, queryClient };
}

describe('routes', () => {
  it('opens a project’s jobs by its GitLab path', async () => {
    stubGitLab();
    renderApp('/acme/platform/backend/-/jobs');
    const table = await screen.findByRole('table', { name: 'Latest jobs of acme/platform/backend' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByRole('banner').textContent).toContain('acme/platform/backend');
  });

  it('opens the same project by its numeric id', async () => {
    const fetch = stubGitLab();
    renderApp('/1/-/jobs');
    await screen.findByRole('table', { name: 'Latest jobs of acme/platform/backend' });
    expect(fetch.mock.calls.some(([u]) => String(u).includes('/api/v4/projects/1?') || String(u).endsWith('/api/v4/projects/1'))).toBe(true);
  });

  it('remembers an opened project among the recent ones', async () => {
    stubGitLab();
    const { session } = renderApp('/1/-/jobs');
    await screen.findByRole('table');
    // Remembered in an effect of the project's route, which may run after the table is drawn.
    await waitFor(() => expect(session.get().recentProjects.map((p) => p.path)).toEqual(['acme/platform/backend']));
  });

  it('sends a deep link to Settings first when not connected, keeping where to go next', async () => {
    stubGitLab();
    const { router } = renderApp('/acme/platform/backend/-/jobs?x=1', { connected: false });
    await screen.findByRole('heading', { name: 'Settings', level: 1 });
    expect(router.state.location.pathname).toBe('/settings');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/acme/platform/backend/-/jobs?x=1');
  });

  it('shows the wall at /wall, without the header, with a tile per project of the address', async () => {
    stubGitLab();
    renderApp('/wall?project=acme/platform/backend&title=Team');
    expect(await screen.findByRole('heading', { name: 'Team', level: 1 })).toBeTruthy();
    expect(await screen.findByRole('article', { name: /^acme\/platform\/backend main/ })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
  });

  it.each(['/justagroup', '/-/profile'])('shows the not-found page for %s', async (path) => {
    stubGitLab();
    renderApp(path);
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });

  it('resolves GitLab links typed in the address bar as the paste box does (gitlab-links.ts)', async () => {
    stubGitLab();
    const { router } = renderApp('/acme/platform/backend');
    await waitFor(() => expect(router.state.location.pathname).toBe('/acme/platform/backend/-/jobs'));
  });

  it('says what is wrong with a malformed id', async () => {
    stubGitLab();
    renderApp('/acme/platform/backend/-/pipelines/x');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('“x” is not a pipeline id');
  });

  it('says what failed for a project GitLab does not show, with ways back', async () => {
    stubGitLab();
    renderApp('/acme/secret/vault/-/jobs');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { level: 1 }).textContent).toBe('Not found');
    expect(alert.textContent).toContain('404 Project Not Found');
    expect(within(alert).getByRole('link', { name: 'Projects' })).toBeTruthy();
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('embed mode drops the header and navigation', async () => {
    stubGitLab();
    renderApp('/1/-/jobs', { env: { ...DEFAULT_ENV, embed: true } });
    await screen.findByRole('table');
    expect(screen.queryByRole('banner')).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
  });
});

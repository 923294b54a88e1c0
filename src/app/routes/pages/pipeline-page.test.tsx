// The pipeline page as a whole route against the simulated GitLab in-process: stages in order,
// parallel and matrix groups, trigger jobs and their downstream cards expanded across projects,
// older attempts, the timeline, live updates while the pipeline runs, and GitLab's errors.
import type { QueryClient } from '@tanstack/react-query';
import { act, cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider, useParams } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSim, type Sim } from '../../../../gitlab-sim/index.ts';
import { DEFAULT_CONFIG, memoryStorage, parseUrlSettings } from '../../../config/index.ts';
import { useState } from 'react';
import { ProjectScopeContext, type Connection, type ProjectScope } from '../../../gitlab/index.ts';
import { AppProviders, createQueryClient, DEFAULT_ENV } from '../../providers.tsx';
import { createSession } from '../../session.ts';
import { pipelinePage } from './pipeline-page.tsx';

// The first render of a whole pipeline (10 pages of simulator work, a deferred graph render) can
// take more than the default second on a busy machine.
configure({ asyncUtilTimeout: 5_000 });

const HOST = 'http://sim.test';
const TOKEN = 'glpat-sim-api';

interface Row {
  id: number;
  name: string;
  status: string;
  source?: string;
  downstream_pipeline?: { id: number; project_id: number } | null;
}

let sim: Sim;
let connection: Connection;
let requests: string[] = [];

async function api<T>(path: string): Promise<T> {
  const res = await sim.fetch(new Request(`${HOST}/api/v4${path}`, { headers: { 'PRIVATE-TOKEN': TOKEN } }));
  return (await res.json()) as T;
}

async function clock(body: Record<string, unknown>): Promise<void> {
  await sim.fetch(new Request(`${HOST}/-/sim/clock`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }));
}

/** The newest project-1 pipeline (not a child) whose trigger jobs match `test`. */
async function findPipeline(test: (pipeline: Row, bridges: Row[], jobs: Row[]) => boolean): Promise<Row> {
  const pipelines = await api<Row[]>('/projects/1/pipelines?per_page=100');
  for (const p of pipelines) {
    if (p.source === 'parent_pipeline') continue;
    const bridges = await api<Row[]>(`/projects/1/pipelines/${p.id}/bridges`);
    const jobs = await api<Row[]>(`/projects/1/pipelines/${p.id}/jobs?include_retried=true&per_page=100`);
    if (test(p, bridges, jobs)) return p;
  }
  throw new Error('no such pipeline in the simulator');
}

function Page() {
  const { id = '' } = useParams();
  // As without a connection in the session: the actions are shown, not allowed. One value for
  // the page's life, as the project route keeps it.
  const [scope] = useState<ProjectScope>(() => ({ connection, projectId: 1, projectPath: 'acme/platform/backend', readOnly: false, canWrite: false }));
  return (
    <ProjectScopeContext value={scope}>
      <pipelinePage.Component params={{ pipelineId: Number(id), tab: 'pipeline' }} />
    </ProjectScopeContext>
  );
}

function renderPage(path: string, { retry = true }: { retry?: boolean } = {}) {
  const storages = { session: memoryStorage(), local: memoryStorage() };
  const session = createSession({ config: DEFAULT_CONFIG, url: parseUrlSettings(''), baseUrl: 'http://dashboard.test/', storages });
  const queryClient = createQueryClient();
  // The app retries a 5xx with seconds of backoff first; a test of the failure itself skips that.
  if (!retry) queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const router = createMemoryRouter(
    [
      { path: '/acme/platform/backend/-/pipelines/:id', element: <Page /> },
      { path: '*', element: <p>elsewhere</p> },
    ],
    { initialEntries: [path] },
  );
  render(
    <AppProviders queryClient={queryClient} session={session} env={{ ...DEFAULT_ENV, poll: SLOW_POLL }}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { router, queryClient };
}

// No poll comes due while a test runs (a 50 ms poll starved the deferred graph render on a busy
// machine): a test that needs a refresh asks for it with refreshNow(), as a poll would.
const SLOW_POLL = { activeMs: 600_000, idleMs: 600_000 };

async function refreshNow(queryClient: QueryClient): Promise<void> {
  await act(async () => {
    await queryClient.refetchQueries({ type: 'active' }, { throwOnError: false });
  });
}

/** Would any query on screen poll again? (Its refetchInterval as TanStack Query evaluates it.) */
function pollingQueries(queryClient: QueryClient, pipelineId: number): string[] {
  return queryClient
    .getQueryCache()
    .findAll({ type: 'active' })
    .filter((q) => q.queryKey.includes('pipelines') && q.queryKey.includes(pipelineId))
    .filter((q) =>
      q.observers.some((o) => {
        const interval = o.options.refetchInterval;
        return (typeof interval === 'function' ? interval(q as never) : interval) !== false && interval !== undefined;
      }),
    )
    .map((q) => JSON.stringify(q.queryKey));
}

const stageNames = (list: HTMLElement) => within(list).getAllByRole('heading', { level: 3 }).map((h) => h.textContent?.split(',')[0]);

beforeEach(() => {
  sim = createSim({ paused: true, hugeLogBytes: 10_000 });
  requests = [];
  connection = {
    host: HOST,
    token: TOKEN,
    fetch: (input, init) => {
      const request = new Request(input, init);
      requests.push(request.url);
      return sim.fetch(request);
    },
  };
});

afterEach(() => cleanup());

describe('pipeline page', { timeout: 15_000 }, () => {
  it('draws stages in pipeline order with parallel and matrix groups, trigger jobs and links to job pages', async () => {
    const p = await findPipeline((_, bridges) => bridges.length === 2 && bridges.every((b) => b.downstream_pipeline));
    const { router } = renderPage(`/acme/platform/backend/-/pipelines/${p.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: `Pipeline #${p.id}` })).toBeTruthy();
    const stages = await screen.findByRole('list', { name: `Stages of pipeline #${p.id}` });
    expect(stageNames(stages)).toEqual(['build', 'test', 'deploy']);

    const rspec = within(stages).getByRole('button', { name: /^rspec, 3 jobs/ });
    expect(rspec.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(rspec);
    const parallel = within(stages).getByRole('list', { name: 'Jobs of rspec' });
    expect(within(parallel).getAllByRole('link').map((a) => a.textContent?.split(',')[0])).toEqual(['rspec 1/3', 'rspec 2/3', 'rspec 3/3']);
    expect(within(stages).getByRole('button', { name: /^test, 2 jobs/ })).toBeTruthy();

    const compile = within(stages).getByRole('link', { name: /^compile,/ });
    expect(compile.getAttribute('href')).toMatch(/^\/acme\/platform\/backend\/-\/jobs\/\d+$/);
    // A trigger job leads to the pipeline it created, not to /jobs/:id (a 404 for bridges).
    const trigger = within(stages).getByRole('link', { name: /^deploy-downstream,/ });
    expect(trigger.getAttribute('href')).toMatch(/^\/acme\/platform\/deploy\/-\/pipelines\/\d+$/);
    expect(within(stages).getByText(/manual/, { selector: '.pg-mark' })).toBeTruthy();

    // Hovering a node lights its stage and the links on both sides of it.
    await userEvent.hover(within(stages).getByRole('link', { name: /^compile,/ }));
    const columns = within(stages).getAllByRole('listitem').filter((li) => li.classList.contains('pg-stage'));
    expect(columns.map((c) => c.classList.contains('is-highlighted'))).toEqual([true, false, false]);
    expect(columns.map((c) => c.classList.contains('is-link-lit'))).toEqual([false, true, false]);
    await userEvent.hover(within(stages).getByRole('button', { name: /^rspec, 3 jobs/ }));
    expect(columns.map((c) => c.classList.contains('is-link-lit'))).toEqual([false, true, true]);

    // Links are plain anchors; a click navigates inside the app.
    const href = compile.getAttribute('href');
    await userEvent.click(compile);
    expect(router.state.location.pathname).toBe(href);
    expect(await screen.findByText('elsewhere')).toBeTruthy();
  });

  it('expands a child and a cross-project pipeline inline, kept in the URL', async () => {
    const p = await findPipeline((_, bridges) => bridges.length === 2 && bridges.every((b) => b.downstream_pipeline));
    const bridges = await api<Row[]>(`/projects/1/pipelines/${p.id}/bridges`);
    const cross = bridges.find((b) => b.downstream_pipeline?.project_id === 2)?.downstream_pipeline;
    const child = bridges.find((b) => b.downstream_pipeline?.project_id === 1)?.downstream_pipeline;
    if (!cross || !child) throw new Error('expected both downstream pipelines');
    const { router } = renderPage(`/acme/platform/backend/-/pipelines/${p.id}`);
    const downstream = await screen.findByRole('region', { name: `Downstream pipelines of #${p.id}` });
    expect(within(downstream).getByRole('link', { name: `acme/platform/deploy #${cross.id}` })).toBeTruthy();
    expect(within(downstream).getByText(/Multi-project pipeline/)).toBeTruthy();
    expect(within(downstream).getByText(/Child pipeline/)).toBeTruthy();

    await userEvent.click(within(downstream).getByRole('button', { name: `Expand acme/platform/deploy #${cross.id}` }));
    const nested = await screen.findByRole('list', { name: `Stages of acme/platform/deploy pipeline #${cross.id}` });
    expect(within(nested).getAllByRole('heading', { level: 4 }).map((h) => h.textContent?.split(',')[0])).toEqual(['deploy', 'verify']);
    const deployJob = within(nested).getByRole('link', { name: /^deploy-staging,/ });
    expect(deployJob.getAttribute('href')).toMatch(/^\/acme\/platform\/deploy\/-\/jobs\/\d+$/);
    expect(new URLSearchParams(router.state.location.search).get('expand')).toBe(`2:${cross.id}`);

    await userEvent.click(within(downstream).getByRole('button', { name: `Expand acme/platform/backend #${child.id}` }));
    const childList = await screen.findByRole('list', { name: `Stages of acme/platform/backend pipeline #${child.id}` });
    expect(within(childList).getByRole('link', { name: /^docs-build,/ })).toBeTruthy();
    expect(new URLSearchParams(router.state.location.search).get('expand')).toBe(`2:${cross.id},1:${child.id}`);

    await userEvent.click(within(downstream).getByRole('button', { name: `Collapse acme/platform/deploy #${cross.id}` }));
    expect(screen.queryByRole('list', { name: `Stages of acme/platform/deploy pipeline #${cross.id}` })).toBeNull();
  });

  it('shows older attempts only when asked, marked as older', async () => {
    const p = await findPipeline((_, __, jobs) => jobs.filter((j) => j.name === 'lint').length === 2);
    const { router } = renderPage(`/acme/platform/backend/-/pipelines/${p.id}`);
    const stages = await screen.findByRole('list', { name: `Stages of pipeline #${p.id}` });
    expect(within(stages).getAllByRole('link', { name: /^lint,/ })).toHaveLength(1);
    expect(screen.queryByText('older attempt')).toBeNull();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Show retried jobs' }));
    await waitFor(() => expect(within(stages).getAllByRole('link', { name: /^lint,/ })).toHaveLength(2));
    expect(screen.getByText('older attempt')).toBeTruthy();
    expect(new URLSearchParams(router.state.location.search).get('retried')).toBe('1');
  });

  it('switches to the timeline: bars by stage with queued time and the slowest path', async () => {
    const p = await findPipeline((_, bridges) => bridges.length === 2 && bridges.every((b) => b.downstream_pipeline));
    const { router } = renderPage(`/acme/platform/backend/-/pipelines/${p.id}`);
    await screen.findByRole('list', { name: `Stages of pipeline #${p.id}` });
    await userEvent.click(screen.getByRole('button', { name: 'Timeline' }));
    const view = await screen.findByRole('region', { name: 'Timeline' });
    expect(within(view).getByText('Slowest path')).toBeTruthy();
    expect(within(view).getAllByRole('region').map((r) => r.getAttribute('aria-label'))).toEqual(['Stage build', 'Stage test', 'Stage deploy']);
    expect(within(view).getAllByText(/queued \d+s/).length).toBeGreaterThan(3);
    expect(within(view).getAllByText(/on the slowest path/).length).toBeGreaterThanOrEqual(2);
    expect(new URLSearchParams(router.state.location.search).get('view')).toBe('timeline');
  });

  it('follows a running pipeline until it finishes, then stops asking', async () => {
    const p = await findPipeline(
      (pipeline, bridges, jobs) =>
        pipeline.status === 'running' && bridges.length === 2 && bridges.every((b) => !b.downstream_pipeline) && jobs.every((j) => j.status !== 'canceling'),
    );
    const { queryClient } = renderPage(`/acme/platform/backend/-/pipelines/${p.id}`);
    const downstream = await screen.findByRole('region', { name: `Downstream pipelines of #${p.id}` });
    expect(within(downstream).getAllByText('Downstream pipeline not created yet')).toHaveLength(2);
    expect(screen.getByText(/refreshing while the pipeline runs/)).toBeTruthy();
    expect(pollingQueries(queryClient, p.id).length).toBeGreaterThan(0);
    await act(async () => clock({ advance_ms: 60 * 60_000 }));
    // Each round is what one poll does; the pipeline, its jobs and trigger jobs catch up in a few.
    for (let round = 0; round < 5 && !screen.queryByText(/· finished/); round++) await refreshNow(queryClient);
    await refreshNow(queryClient);
    await waitFor(() => expect(screen.getByText(/· finished/)).toBeTruthy());
    await waitFor(() => expect(within(downstream).queryAllByText('Downstream pipeline not created yet')).toHaveLength(0));
    expect(within(downstream).getByRole('link', { name: /^acme\/platform\/deploy #\d+$/ })).toBeTruthy();
    // Finished: no query of this pipeline polls any more.
    expect(pollingQueries(queryClient, p.id)).toEqual([]);
  }, 60_000);

  it('keeps the graph on screen and says so when a refresh fails', async () => {
    const p = await findPipeline(
      (pipeline, bridges, jobs) =>
        pipeline.status === 'running' && bridges.length === 2 && bridges.every((b) => !b.downstream_pipeline) && jobs.every((j) => j.status !== 'canceling'),
    );
    const { queryClient } = renderPage(`/acme/platform/backend/-/pipelines/${p.id}`, { retry: false });
    const stages = await screen.findByRole('list', { name: `Stages of pipeline #${p.id}` });
    await sim.fetch(new Request(`${HOST}/-/sim/faults`, { method: 'POST', body: JSON.stringify({ error_rate: 1, error_status: 502 }) }));
    await refreshNow(queryClient);
    const banner = await screen.findByText(/Showing what GitLab said/);
    expect(banner.closest('[data-health]')?.getAttribute('data-health')).toBe('stale');
    expect(banner).toBeTruthy();
    expect(within(stages).getByRole('link', { name: /^compile,/ })).toBeTruthy();
  });

  it('draws what GitLab 12 sends (fewer fields, trigger jobs and their downstream pipelines)', async () => {
    const p = await findPipeline((_, bridges) => bridges.length === 2 && bridges.every((b) => b.downstream_pipeline));
    await sim.fetch(new Request(`${HOST}/-/sim/faults`, { method: 'POST', body: JSON.stringify({ api_version: '12' }) }));
    renderPage(`/acme/platform/backend/-/pipelines/${p.id}`);
    const stages = await screen.findByRole('list', { name: `Stages of pipeline #${p.id}` });
    expect(stageNames(stages)).toEqual(['build', 'test', 'deploy']);
    const downstream = await screen.findByRole('region', { name: `Downstream pipelines of #${p.id}` });
    expect(within(downstream).getAllByRole('link')).toHaveLength(2);
  });

  it('draws the graph of a GitLab 9 host, which has no bridges endpoint (404 there means no trigger jobs)', async () => {
    const p = await findPipeline((_, bridges) => bridges.length === 2 && bridges.every((b) => b.downstream_pipeline));
    await sim.fetch(new Request(`${HOST}/-/sim/faults`, { method: 'POST', body: JSON.stringify({ api_version: '9' }) }));
    renderPage(`/acme/platform/backend/-/pipelines/${p.id}`);
    const stages = await screen.findByRole('list', { name: `Stages of pipeline #${p.id}` });
    expect(stageNames(stages)).toEqual(['build', 'test', 'deploy']);
    expect(within(stages).getByRole('button', { name: /^rspec, 3 jobs/ })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText('Not found')).toBeNull();
    expect(screen.queryByRole('region', { name: `Downstream pipelines of #${p.id}` })).toBeNull();
  });

  it('says what GitLab answered for a pipeline it does not have', async () => {
    renderPage('/acme/platform/backend/-/pipelines/999999');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { level: 1 }).textContent).toBe('Not found');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

// The project route's first load of a page named by the project's path: the page's first
// requests go out by the path beside the project's lookup, and land under the id's keys.
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSim, type Sim } from '../../../gitlab-sim/index.ts';
import { gitlabKeys } from '../../gitlab/index.ts';
import { preloadProjectPage } from './project-route.tsx';
import { HOST, renderApp } from './pages/test-helpers.tsx';

let sim: Sim;
/** Every API request's path and query, in order. */
let requests: string[];
/** Holds GitLab's answer to the project's lookup until the test lets it go. */
let releaseLookup: () => void;

const LOOKUP = '/projects/acme%2Fplatform%2Fbackend';

// The pages' code is imported (and transformed) before the tests: on a loaded machine a first
// import of the job list took longer than a screen's wait, and that is not what is tested here.
beforeAll(async () => {
  await Promise.all([preloadProjectPage('acme/platform/backend/-/jobs'), preloadProjectPage('acme/platform/backend/-/pipelines/1')]);
}, 120_000);

beforeEach(() => {
  sim = createSim({ paused: true });
  requests = [];
  const held = new Promise<void>((resolve) => (releaseLookup = resolve));
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/api\/v4/, '') + url.search;
    requests.push(path);
    if (path === LOOKUP) await held;
    return sim.fetch(request);
  });
});
afterEach(() => {
  // The app is unmounted with each test: left mounted, its polls ran on after the file's DOM was
  // torn down ("window is not defined" on a loaded machine).
  cleanup();
  vi.unstubAllGlobals();
});

async function newestPipelineId(): Promise<number> {
  const res = await sim.fetch(new Request(`${HOST}/api/v4/projects/1/pipelines?per_page=1`, { headers: { 'PRIVATE-TOKEN': 'glpat-sim-api' } }));
  const [pipeline] = (await res.json()) as { id: number }[];
  if (!pipeline) throw new Error('the simulator has no pipeline');
  return pipeline.id;
}

const byPath = (id: number) => [`${LOOKUP}/pipelines/${id}`, `${LOOKUP}/pipelines/${id}/jobs?page=1&per_page=100`, `${LOOKUP}/pipelines/${id}/bridges?page=1&per_page=100`];

describe('the project route’s first load', () => {
  it('asks for a pipeline page’s data by the project’s path while the project is being looked up, once, under the id’s keys', async () => {
    const id = await newestPipelineId();
    const { queryClient } = renderApp(`/acme/platform/backend/-/pipelines/${id}`);
    // The lookup is still held: the pipeline, its jobs and trigger jobs are asked for already.
    await waitFor(() => expect(requests).toEqual(expect.arrayContaining([LOOKUP, ...byPath(id)])));

    releaseLookup();
    await screen.findByRole('list', { name: `Stages of pipeline #${id}` });
    // Each asked for once, by the path; nothing asked again by the id.
    for (const path of byPath(id)) expect(requests.filter((r) => r === path)).toHaveLength(1);
    expect(requests.filter((r) => r.startsWith(`/projects/1/pipelines/${id}`))).toEqual([]);
    // One cache: the answers are under the id's keys, none under the path's.
    expect(queryClient.getQueryData(gitlabKeys.pipeline(HOST, 1, id))).toMatchObject({ id });
    expect(queryClient.getQueryData(gitlabKeys.pipelineJobs(HOST, 1, id, {}))).toMatchObject({ items: expect.any(Array) });
    expect(queryClient.getQueryData(gitlabKeys.pipelineBridges(HOST, 1, id))).toBeDefined();
    expect(queryClient.getQueryCache().findAll({ queryKey: gitlabKeys.pipelines(HOST, 'acme/platform/backend') })).toEqual([]);
  });

  it('asks by id when the address names the project by id', async () => {
    releaseLookup();
    const id = await newestPipelineId();
    renderApp(`/1/-/pipelines/${id}`);
    await screen.findByRole('list', { name: `Stages of pipeline #${id}` });
    expect(requests).toEqual(expect.arrayContaining([`/projects/1/pipelines/${id}`, `/projects/1/pipelines/${id}/jobs?page=1&per_page=100`]));
    expect(requests.filter((r) => r.startsWith(LOOKUP))).toEqual([]);
  });

  it('asks for nothing early on a page without early requests (the jobs page waits for the project)', async () => {
    renderApp('/acme/platform/backend/-/jobs');
    await waitFor(() => expect(requests).toContain(LOOKUP));
    expect(requests.filter((r) => r.includes('/jobs'))).toEqual([]);
    releaseLookup();
    await screen.findByRole('table', { name: 'Latest jobs of acme/platform/backend' });
    expect(requests.filter((r) => r.startsWith(`${LOOKUP}/`))).toEqual([]);
  });
});

describe('preloadProjectPage', () => {
  it('fetches the code of the page a path names, and nothing for a path that names none', async () => {
    await expect(preloadProjectPage('acme/platform/backend/-/pipelines/5')).resolves.toBe(true);
    await expect(preloadProjectPage('acme/platform/backend/-/nothing-here')).resolves.toBe(false);
    await expect(preloadProjectPage('settings')).resolves.toBe(false);
  });
});

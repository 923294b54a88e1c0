// Shared by the artifacts page's tests (artifacts-page*.test.tsx): one seeded simulator per test
// file (project 1's jobs read once), every request the page makes recorded, downloads caught, and
// the page module rendered under a splat route as the project route mounts it.
import { cleanup, render, screen, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider, useParams } from 'react-router';
import { afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import { createSim } from '../../../../gitlab-sim/index.ts';
import type { Sim } from '../../../../gitlab-sim/index.ts';
import { ProjectScopeContext, type FetchLike } from '../../../gitlab/index.ts';
import { ToastProvider } from '../../../ui/index.ts';
import { parseProjectLocation, projectPath } from '../../gitlab-paths.ts';
import { createQueryClient } from '../../providers.tsx';
import { artifactsRoute } from '../project-pages.ts';
import { artifactsPage } from './artifacts-page.tsx';

export const HOST = 'http://sim.test';
// Two shared cores: the listing and previews are real work (zip reading, XML parsing); give them room.
export const WAIT = { timeout: 15_000 };
export const TOKEN = 'glpat-sim-api';

export interface JobRow {
  id: number;
  name: string;
  status: string;
  ref?: string;
  erased_at?: string | null;
  artifacts_file?: { size?: number } | null;
  artifacts_expire_at?: string | null;
}

let sim: Sim;
/** The requests of the current test, in order. */
export const requests: { url: string; range: string | null; token: string | null }[] = [];
/** The files the current test saved (downloads). */
export const saved: { blob: Blob; name: string }[] = [];
const jobs: JobRow[] = [];

/**
 * Registers the hooks: a paused simulator and project 1's first 500 jobs once per file; before
 * each test GitLab 18.8, no requests or downloads yet, and object URLs and `<a download>` clicks
 * recorded (jsdom has neither); after each, the DOM and every stub undone.
 */
export function setUpArtifactsPageSim(): void {
  vi.setConfig({ testTimeout: 30_000 });
  beforeAll(async () => {
    sim = createSim({ paused: true });
    for (let page = 1; page <= 5; page++) {
      const res = await sim.fetch(new Request(`${HOST}/api/v4/projects/1/jobs?per_page=100&page=${page}`, { headers: { 'PRIVATE-TOKEN': TOKEN } }));
      const rows = (await res.json()) as JobRow[];
      jobs.push(...rows);
      if (rows.length < 100) break;
    }
  });
  beforeEach(async () => {
    requests.length = 0;
    saved.length = 0;
    await setFaults({ api_version: '18.8.2-ee' });
    // jsdom has no object URLs; a download saves through an <a download> whose click we record.
    const blobs = new Map<string, Blob>();
    let n = 0;
    vi.stubGlobal('URL', Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        const url = `blob:http://dashboard.test/${++n}`;
        blobs.set(url, blob);
        return url;
      },
      revokeObjectURL: (url: string) => void blobs.delete(url),
    }));
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      const blob = blobs.get(this.href);
      if (blob && this.download) saved.push({ blob, name: this.download });
    });
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });
}

/** The simulator as the page's fetch, each request recorded in `requests`. */
export function simFetch(): FetchLike {
  return async (input, init) => {
    const request = new Request(input, init);
    requests.push({ url: request.url, range: request.headers.get('range'), token: request.headers.get('private-token') });
    return sim.fetch(request);
  };
}

export async function setFaults(faults: Record<string, unknown>): Promise<void> {
  const res = await sim.fetch(new Request(`${HOST}/-/sim/faults`, { method: 'POST', body: JSON.stringify(faults), headers: { 'content-type': 'application/json' } }));
  expect(res.status).toBe(200);
}

export function findJob(test: (j: JobRow) => boolean, what: string): JobRow {
  const job = jobs.find(test);
  if (!job) throw new Error(`no ${what} job in the simulator`);
  return job;
}

/** A compile job whose artifacts are still there. */
export const kept = () => findJob((j) => j.name === 'compile' && !!j.artifacts_file && !j.erased_at, 'compile with artifacts');

export const PROJECT = { id: 1, name: 'backend', path_with_namespace: 'acme/platform/backend' };

/**
 * The page module under a splat route, as the project route mounts it (the shared router is
 * left out so that this test does not depend on the other pages being built at the same time).
 */
function PageHarness() {
  const splat = useParams()['*'] ?? '';
  const location = parseProjectLocation(splat);
  const params = location ? artifactsRoute.params(location.rest) : null;
  if (!params) return <p>Page not found</p>;
  return (
    <ProjectScopeContext value={{ connection: { host: HOST, token: TOKEN }, projectId: PROJECT.id, projectPath: PROJECT.path_with_namespace, readOnly: false, canWrite: 'unknown' }}>
      <artifactsPage.Component params={params} />
    </ProjectScopeContext>
  );
}

export function renderRoute(path: string, fetch: FetchLike = simFetch()) {
  vi.stubGlobal('fetch', fetch);
  const queryClient = createQueryClient();
  const router = createMemoryRouter([{ path: '*', Component: PageHarness }], { initialEntries: [path] });
  render(
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>,
  );
  return { router };
}


/** Archive answers arrive in two parts, the second held back until `release()`: progress can be seen. */
export function holdSecondHalf(inner: FetchLike): { fetch: FetchLike; release: () => void } {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const fetch: FetchLike = async (input, init) => {
    const res = await inner(input, init);
    if (!/\/jobs\/\d+\/artifacts$/.test(new URL(res.url || String(input instanceof Request ? input.url : input)).pathname)) return res;
    const bytes = new Uint8Array(await res.arrayBuffer());
    const half = bytes.length >> 1;
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(bytes.slice(0, half));
        await held;
        controller.enqueue(bytes.slice(half));
        controller.close();
      },
    });
    return new Response(body, { status: res.status, headers: res.headers });
  };
  return { fetch, release };
}

export const browse = (jobId: number, ...path: string[]) => projectPath('acme/platform/backend', 'jobs', jobId, 'artifacts', 'browse', ...path);

export async function listing(): Promise<HTMLElement> {
  return screen.findByRole('table', {}, WAIT);
}

export function rowNames(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => (r.querySelector('td a')?.textContent ?? r.querySelector('td')?.textContent ?? '').trim());
}

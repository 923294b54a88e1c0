// The Failures tab on an old GitLab: no bridges endpoint (no downstream pipelines) and no
// failure_reason (shown as unknown), against the simulator in-process.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { createSim } from '../../../gitlab-sim/index.ts';
import type { Connection } from '../../gitlab/index.ts';
import { inProjectScope } from '../../testing/in-project-scope.tsx';
import type { FindFirstErrors } from './model/types.ts';
import { FailuresDigest as BareFailuresDigest } from './failures-digest.tsx';

// The digest reads the project from the page's ProjectScope: this one takes it as props.
const FailuresDigest = inProjectScope(BareFailuresDigest);

afterEach(cleanup);

// The route hands in the job log's error scan (features do not import each other); the digest's
// wiring needs only some scan: lines that say they failed.
const findFirstErrors: FindFirstErrors = (text, max) =>
  text
    .split('\n')
    .flatMap((line, i) => (/error|fail/i.test(line) ? [{ line: i, text: line }] : []))
    .slice(0, max);

async function setup(apiVersion: string) {
  const sim = createSim({ paused: true, hugeLogBytes: 10_000, apiVersion });
  const connection: Connection = { host: 'http://sim.test', token: 'glpat-sim-api', fetch: (input, init) => sim.fetch(new Request(input, init)) };
  // A backend pipeline on main with a failed rspec job (seed: k = 20).
  const res = await sim.fetch(new Request('http://sim.test/api/v4/projects/1/pipelines?ref=main&status=failed&per_page=50', { headers: { 'PRIVATE-TOKEN': 'glpat-sim-api' } }));
  const pipelines = (await res.json()) as Array<{ id: number }>;
  let target: number | null = null;
  for (const p of pipelines) {
    const jobs = (await (await sim.fetch(new Request(`http://sim.test/api/v4/projects/1/pipelines/${p.id}/jobs?per_page=100`, { headers: { 'PRIVATE-TOKEN': 'glpat-sim-api' } }))).json()) as Array<{ name: string; status: string }>;
    if (jobs.some((j) => j.name === 'rspec 2/3' && j.status === 'failed')) {
      target = p.id;
      break;
    }
  }
  if (target === null) throw new Error('no failed rspec pipeline');
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const element = (
    <FailuresDigest connection={connection} projectId={1} projectPath="acme/platform/backend" pipelineId={target} ref="main" findFirstErrors={findFirstErrors} />
  );
  const router = createMemoryRouter([{ path: '*', element }], { initialEntries: ['/x'] });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { target };
}

describe('FailuresDigest on older GitLab versions', () => {
  it.each([['9'], ['12']])('GitLab %s (no failure_reason; 9 has no bridges endpoint): the failed job, its reason as unknown, its first error, no downstream', async (version) => {
    await setup(version);
    const digest = await screen.findByRole('region', { name: 'Failures' });
    await waitFor(() => expect(digest.getAttribute('data-complete')).toBe('true'), { timeout: 10_000 });
    const row = within(digest).getByRole('listitem', { name: 'rspec 2/3' });
    expect(row.textContent).toContain('Unknown: this GitLab does not report a failure reason.');
    expect(within(row).getByRole('list', { name: 'First error lines of rspec 2/3' }).textContent).toMatch(/L\d+/);
    expect(digest.textContent).not.toContain('downstream');
  });
});

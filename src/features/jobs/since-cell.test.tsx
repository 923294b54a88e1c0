// The "Failing since" cell of a failed row, against the simulator's storefront history
// (gitlab-sim/world/seed.ts: api-orders lost its database three pipelines ago).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSim } from '../../../gitlab-sim/index.ts';
import { recordingSimConnection } from '../../testing/sim-connection.ts';
import { fetchPipelineJobs, fetchPipelinesPage, fetchPipelineBridges, type Connection, type Job } from '../../gitlab/index.ts';
import { JobCellEnvContext, ROW_SINCE_DELAY_MS, SinceCell, type JobCellEnv } from './job-cells.tsx';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function setup() {
  const sim = createSim({ paused: true, hugeLogBytes: 10_000 });
  const requests: string[] = [];
  const connection = recordingSimConnection(sim, (url) => requests.push(url.pathname));
  const env: JobCellEnv = { connection, projectId: 5, projectPath: 'acme/platform/storefront', fetchedAt: 0, href: (p) => p };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const draw = (job: Job) =>
    render(
      <QueryClientProvider client={client}>
        <JobCellEnvContext.Provider value={env}>
          <SinceCell job={job} />
        </JobCellEnvContext.Provider>
      </QueryClientProvider>,
    );
  return { connection, requests, draw };
}

async function storefrontJobs(connection: Connection) {
  const roots = (await fetchPipelinesPage(connection, 5, { ref: 'main', perPage: 5 })).items;
  const root = roots[0];
  if (!root) throw new Error('no storefront pipeline');
  const rootJobs = (await fetchPipelineJobs(connection, 5, root.id)).items;
  const services = (await fetchPipelineBridges(connection, 5, root.id)).items.find((b) => b.name === 'services')?.downstream_pipeline;
  if (!services) throw new Error('no services child');
  const jobs = (await fetchPipelineJobs(connection, 5, services.id)).items;
  return { rootJobs, jobs };
}

describe('SinceCell', () => {
  it('asks nothing until the row has stayed on screen, then says since when a failed job fails', async () => {
    const { connection, requests, draw } = setup();
    const { jobs } = await storefrontJobs(connection);
    const orders = jobs.find((j) => j.name === 'api-orders');
    if (!orders) throw new Error('no api-orders');
    requests.length = 0;
    // Fake timers that still move with real time, so the query client's own timers keep working.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    const { unmount } = draw(orders);
    expect(requests).toEqual([]);
    // A row flicked past (unmounted before the delay) asks nothing at all.
    unmount();
    await act(() => vi.advanceTimersByTimeAsync(ROW_SINCE_DELAY_MS * 2));
    expect(requests).toEqual([]);

    const { container } = draw(orders);
    await act(() => vi.advanceTimersByTimeAsync(ROW_SINCE_DELAY_MS));
    // A child pipeline's job from the job list walks the ref's child pipelines (GitLab 17+).
    await waitFor(() => expect(container.textContent).toMatch(/^Failing since #\d+, [0-9a-f]{8} by .+ \(3 pipelines\)$/), { timeout: 5_000 });
    expect(requests.length).toBeGreaterThan(0);
  });

  it('draws nothing for jobs that did not fail, or were allowed to', async () => {
    const { connection, requests, draw } = setup();
    const { jobs } = await storefrontJobs(connection);
    const health = jobs.find((j) => j.name === 'api-health');
    if (!health) throw new Error('no api-health');
    requests.length = 0;
    const passed = draw(health);
    expect(passed.container.textContent).toBe('');
    const allowed = draw({ ...health, status: 'failed', allow_failure: true });
    expect(allowed.container.textContent).toBe('');
    expect(requests).toEqual([]);
  });
});

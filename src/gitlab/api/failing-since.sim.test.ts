// "Failing since" on the simulator's seeded storefront history (gitlab-sim/world/seed.ts,
// storefrontFailure): eight services jobs lost their database three pipelines ago, api-pricing
// is flaky, web-a11y never passed since it was added, the web unit tests broke in the newest one.
import { QueryClient } from '@tanstack/react-query';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSim } from '../../../gitlab-sim/index.ts';
import type { Sim } from '../../../gitlab-sim/index.ts';
import { recordingSimConnection } from '../../testing/sim-connection.ts';
import type { Connection } from '../transport.ts';
import type { Bridge, PipelineBasic } from '../types.ts';
import { fetchPipelineBridges } from './bridges.ts';
import { failingSinceQueryOptions, refRedRunQueryOptions } from './failing-since.ts';
import { fetchPipelinesPage } from './pipelines.ts';

const STOREFRONT = 5;

function setup(sim: Sim) {
  const requests: string[] = [];
  const conn = recordingSimConnection(sim, (url) => requests.push(url.pathname + url.search));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return { conn, client, requests };
}

async function newestStorefront(conn: Connection): Promise<{ roots: PipelineBasic[]; children: Record<string, Bridge> }> {
  const roots = (await fetchPipelinesPage(conn, STOREFRONT, { ref: 'main', perPage: 20 })).items;
  const newest = roots[0];
  if (!newest) throw new Error('no storefront pipeline');
  const bridges = (await fetchPipelineBridges(conn, STOREFRONT, newest.id)).items;
  return { roots, children: Object.fromEntries(bridges.map((b) => [b.name, b])) };
}

describe('failing since, on the simulator', () => {
  let sim: Sim;
  beforeEach(() => {
    sim = createSim({ paused: true, hugeLogBytes: 100_000 });
  });

  it('walks a child pipeline through its parents: broken three pipelines ago, flaky, never passed, new', async () => {
    const { conn, client, requests } = setup(sim);
    const { roots, children } = await newestStorefront(conn);
    const root = roots[0];
    const services = children['services']?.downstream_pipeline;
    const web = children['web']?.downstream_pipeline;
    if (!root || !services || !web) throw new Error('storefront has no children');
    requests.length = 0;

    const names = ['api-orders', 'api-payments', 'api-pricing', 'api-reviews', 'api-health'];
    const lineage = { project: STOREFRONT, ref: 'main', via: { rootProject: STOREFRONT, rootPipelineId: root.id, bridges: ['services'] } };
    const result = await client.fetchQuery(failingSinceQueryOptions(conn, lineage, services.id, names));

    // The database went away in k = 5: three pipelines ago, counting the newest.
    const orders = result.byName['api-orders'];
    expect(orders).toMatchObject({ state: 'failing', failures: 3, bound: 'passed', flaky: false });
    expect(orders?.since?.pipeline.source).toBe('parent_pipeline');
    expect(orders?.since?.job?.commit?.title).toBeTruthy();
    expect(result.culprits['api-orders']?.title).toBe(orders?.since?.job?.commit?.title);
    expect(result.culprits['api-orders']?.author).toBe(orders?.since?.job?.commit?.author_name);
    expect(result.byName['api-payments']).toMatchObject({ failures: 3, bound: 'passed' });
    // Flaky: red now, green before, red before that.
    expect(result.byName['api-pricing']).toMatchObject({ state: 'failing', failures: 1, flaky: true, bound: 'passed' });
    expect(result.byName['api-pricing']?.since?.pipeline.id).toBe(services.id);
    expect(result.byName['api-reviews']).toMatchObject({ failures: 1, flaky: false });
    expect(result.byName['api-health']?.state).toBe('not-failing');
    // Bounded: the ref's pipelines, then one bridges list and at most one jobs list per parent walked.
    expect(requests.length).toBeLessThanOrEqual(1 + 1 + 2 * 6);
    expect(result.lookedAt).toBe(requests.length);
    expect(requests.filter((r) => r.includes('/pipelines?')).length).toBe(1);

    // The since pipeline is the services child of the third-newest parent.
    const k5Bridges = (await fetchPipelineBridges(conn, STOREFRONT, roots[2]?.id ?? 0)).items;
    expect(orders?.since?.pipeline.id).toBe(k5Bridges.find((b) => b.name === 'services')?.downstream_pipeline?.id);

    const webResult = await client.fetchQuery(
      failingSinceQueryOptions(conn, { ...lineage, via: { ...lineage.via, bridges: ['web'] } }, web.id, ['web-a11y', 'web-unit 3/8', 'web-lint']),
    );
    // web-a11y came in k = 3 and has failed ever since: the history before it does not have it.
    expect(webResult.byName['web-a11y']).toMatchObject({ state: 'failing', failures: 5, bound: 'never-passed' });
    expect(webResult.byName['web-unit 3/8']).toMatchObject({ failures: 1, bound: 'passed' });
    expect(webResult.byName['web-lint']).toMatchObject({ failures: 2, bound: 'passed' });
  });

  it('finds the same start through the ref child pipelines (GitLab 17+), and says when a GitLab lists none', async () => {
    const { conn, client } = setup(sim);
    const { children } = await newestStorefront(conn);
    const services = children['services']?.downstream_pipeline;
    if (!services) throw new Error('no services child');
    const viaChild = await client.fetchQuery(failingSinceQueryOptions(conn, { project: STOREFRONT, ref: 'main', child: true }, services.id, ['api-orders'], { window: 30 }));
    expect(viaChild.byName['api-orders']).toMatchObject({ state: 'failing', failures: 3, bound: 'passed' });

    await sim.fetch(new Request('http://sim.test/-/sim/faults', { method: 'POST', body: JSON.stringify({ api_version: '15' }) }));
    const old = setup(sim);
    const r = await old.client.fetchQuery(failingSinceQueryOptions(old.conn, { project: STOREFRONT, ref: 'main', child: true }, services.id, ['api-orders']));
    expect(r.byName['api-orders']).toMatchObject({ state: 'failing', failures: 1, bound: 'no-history' });
  });

  it('gives a ref red run with its first pipeline and who pushed it, in three requests at most', async () => {
    const { conn, client, requests } = setup(sim);
    const result = await client.fetchQuery(refRedRunQueryOptions(conn, STOREFRONT, 'main'));
    const used = requests.length;
    // k = 3 turned main red (web-a11y arrived failing); k = 2 was the last green one.
    expect(result.run).toMatchObject({ state: 'failing', failures: 5, bound: 'passed' });
    const roots = (await fetchPipelinesPage(conn, STOREFRONT, { ref: 'main', perPage: 20 })).items;
    expect(result.run.since?.id).toBe(roots[4]?.id);
    expect(result.culprit).toMatchObject({ pipelineId: roots[4]?.id, title: expect.any(String), author: expect.any(String) });
    expect(result.failedJobs).toContain('web');
    // The pipelines, the jobs of the first red one, and its trigger jobs (only they failed there).
    expect(used).toBe(3);

    const none = await client.fetchQuery(refRedRunQueryOptions(conn, STOREFRONT, 'no-such-branch'));
    expect(none).toEqual({ run: expect.objectContaining({ state: 'unknown' }), culprit: null, failedJobs: [] });
  });
});

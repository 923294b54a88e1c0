// Pagination (keyset and offset, and the fallbacks between them) against the simulated GitLab, in-process.
import { describe, expect, it } from 'vitest';
import { fetchJobsPage } from './api/jobs.ts';
import { fetchPipelineJobs } from './api/pipeline-jobs.ts';
import { fetchPipelinesPage } from './api/pipelines.ts';
import { fetchAllPages, fetchPage } from './pagination.ts';
import type { Page } from './pagination.ts';
import type { FetchLike } from './transport.ts';
import { JobSchema } from './types.ts';
import type { Job } from './types.ts';
import { failure, conn, setUpSimConnections, sim, simFetch } from './test-helpers.ts';

setUpSimConnections();

describe('pagination against the simulator', () => {
  it('keyset: follows Link rel=next across pages, newest first, no totals', async () => {
    const first = await fetchJobsPage(conn, 3, {}, null);
    expect(first.mode).toBe('keyset');
    expect(first.total).toBeUndefined();
    expect(first.next?.mode).toBe('keyset');
    const ids = [...first.items.map((j) => j.id)];
    let page: Page<Job> = first;
    for (let i = 0; i < 3; i++) {
      page = await fetchJobsPage(conn, 3, {}, page.next);
      ids.push(...page.items.map((j) => j.id));
    }
    expect(ids).toHaveLength(80);
    expect(new Set(ids).size).toBe(80);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
  });

  it('offset: reads X-Next-Page across pages, no totals on the jobs list', async () => {
    const p1 = await fetchPage(conn, '/projects/3/jobs', { item: JobSchema, perPage: 50, pagination: 'offset' });
    expect(p1).toMatchObject({ mode: 'offset', page: 1, next: { mode: 'offset', page: 2 } });
    expect(p1.total).toBeUndefined();
    expect(p1.totalPages).toBeUndefined();
    const p2 = await fetchPage(conn, '/projects/3/jobs', { item: JobSchema, perPage: 50, cursor: p1.next });
    expect(p2.page).toBe(2);
    expect(p2.items[0]!.id).toBeLessThan(p1.items[49]!.id);
    // Keyset and offset agree on the order.
    const k = await fetchJobsPage(conn, 3, { perPage: 100 });
    expect(k.items.map((j) => j.id)).toEqual([...p1.items, ...p2.items].map((j) => j.id));
  });

  it('the jobs list with a scope filter, by keyset', async () => {
    const page = await fetchJobsPage(conn, 3, { scope: ['failed', 'canceled'], perPage: 30 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((j) => j.status === 'failed' || j.status === 'canceled')).toBe(true);
  });

  it('deep offsets on the jobs list are refused (405) and reported as such', async () => {
    const e = await failure(fetchPage(conn, '/projects/3/jobs', { item: JobSchema, perPage: 100, cursor: { mode: 'offset', page: 502 } }));
    expect(e.kind).toBe('method-not-allowed');
    expect(e.gitlabMessage).toMatch(/maximum allowed offset of 50000/);
  });

  it('falls back to offset when the host refuses keyset (405)', async () => {
    const refusing: FetchLike = async (input, init) => {
      if (String(input).includes('pagination=keyset')) {
        return new Response(JSON.stringify({ error: 'Keyset pagination is not yet available for this type of request' }), { status: 405, headers: { 'content-type': 'application/json' } });
      }
      return simFetch(sim)(input, init);
    };
    const page = await fetchJobsPage({ ...conn, fetch: refusing }, 3, { perPage: 20 });
    expect(page.mode).toBe('offset');
    expect(page.next).toEqual({ mode: 'offset', page: 2 });
    const next = await fetchJobsPage({ ...conn, fetch: refusing }, 3, { perPage: 20 }, page.next);
    expect(next.items[0]!.id).toBeLessThan(page.items[19]!.id);
  });

  it('falls back to offset when an old host ignores keyset (answers with offset headers)', async () => {
    const ignoring: FetchLike = (input, init) => {
      const url = new URL(String(input));
      for (const p of ['pagination', 'order_by', 'sort', 'cursor']) url.searchParams.delete(p);
      return simFetch(sim)(url.toString(), init);
    };
    const all = await fetchAllPages({ ...conn, fetch: ignoring }, '/projects/3/jobs', { item: JobSchema, pagination: 'keyset', perPage: 100, maxPages: 3 });
    expect(all.pages).toBe(3);
    expect(all.truncated).toBe(true);
    expect(new Set(all.items.map((j) => j.id)).size).toBe(300);
  });

  it('pipeline jobs: offset pages with totals, all of them', async () => {
    const pipeline = (await fetchPipelinesPage(conn, 1, {}, 1)).items[0]!;
    const small = await fetchAllPages(conn, `/projects/1/pipelines/${pipeline.id}/jobs`, { item: JobSchema, perPage: 2 });
    const whole = await fetchPipelineJobs(conn, 1, pipeline.id);
    expect(small.items.map((j) => j.id)).toEqual(whole.items.map((j) => j.id));
    expect(small.pages).toBe(Math.max(1, Math.ceil(whole.items.length / 2)));
    const first = await fetchPage(conn, `/projects/1/pipelines/${pipeline.id}/jobs`, { item: JobSchema, perPage: 2 });
    if (first.total !== undefined) expect(first.total).toBe(whole.items.length);
  });
});

// The job list's rows are derived from the loaded pages (which every head answer is pushed into)
// and, for the rows below the newest page that the pages show as active, from each job's own
// query. Against a small GitLab of the test's own, so that every job's status is set by hand.
import { MutationObserver, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { eraseJobMutationOptions, gitlabKeys, jobListHeadQueryOptions, jobListPagesQueryOptions, type Connection, type Job } from '../../gitlab/index.ts';
import { flattenJobs } from './job-list-merge.ts';
import { useJobList } from './use-job-list.ts';

afterEach(cleanup);

const HOST = 'http://gitlab.test';
const POLL = { activeMs: 60 * 60_000, idleMs: 60 * 60_000 };

/**
 * Jobs of project 1, newest first, 100 a page by keyset (`cursor` is the id to continue below).
 * `GET /jobs/:id` answers the job; `POST /jobs/:id/erase` erases it.
 */
function fakeGitLab(count: number, first = 1_000) {
  const jobs = new Map<number, Job>();
  for (let id = first; id > first - count; id--) jobs.set(id, { id, name: `job ${id}`, status: 'success' } as Job);
  const asked: string[] = [];
  const json = (body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json', ...headers } });
  const conn: Connection = {
    host: HOST,
    token: 'glpat-test',
    fetch: async (input, init) => {
      const req = new Request(input, init);
      const url = new URL(req.url);
      asked.push(`${req.method} ${url.pathname}`);
      const one = /^\/api\/v4\/projects\/1\/jobs\/(\d+)(\/erase)?$/.exec(url.pathname);
      if (one) {
        const job = jobs.get(Number(one[1]));
        if (!job) return new Response(JSON.stringify({ message: '404 Not found' }), { status: 404, headers: { 'Content-Type': 'application/json' } });
        if (one[2] && req.method === 'POST') jobs.set(job.id, { ...job, erased_at: '2026-12-03T12:00:00Z' });
        return json(jobs.get(job.id));
      }
      if (url.pathname === '/api/v4/projects/1/jobs') {
        const below = Number(url.searchParams.get('cursor') ?? Number.POSITIVE_INFINITY);
        const all = [...jobs.values()].sort((a, b) => b.id - a.id).filter((j) => j.id < below);
        const items = all.slice(0, 100);
        const last = items.at(-1);
        const more = all.length > items.length && last;
        return json(items, more ? { Link: `<${HOST}/api/v4/projects/1/jobs?cursor=${last.id}&pagination=keyset&per_page=100>; rel="next"` } : {});
      }
      return new Response('{}', { status: 404 });
    },
  };
  const set = (id: number, change: Partial<Job>) => jobs.set(id, { ...(jobs.get(id) as Job), ...change });
  const add = (id: number, status = 'pending') => jobs.set(id, { id, name: `job ${id}`, status } as Job);
  return { conn, jobs, asked, set, add };
}

function newClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}

function renderList(client: QueryClient, conn: Connection) {
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  return renderHook(() => useJobList(conn, 1, [], POLL), { wrapper });
}

const statusOf = (jobs: readonly Job[], id: number) => jobs.find((j) => j.id === id)?.status;

describe('useJobList', () => {
  it('follows an active row below the newest page, and keeps its finished state once nothing polls it', async () => {
    const gitlab = fakeGitLab(150);
    gitlab.set(900, { status: 'running' });
    const client = newClient();
    const list = renderList(client, gitlab.conn);
    await waitFor(() => expect(list.result.current.jobs).toHaveLength(100));
    // GitLab finishes the job before the second page is read: the page still says running.
    await act(() => list.result.current.loadMore());
    gitlab.set(900, { status: 'success' });
    await waitFor(() => expect(list.result.current.jobs).toHaveLength(150));
    const jobKey = gitlabKeys.job(gitlab.conn, 1, 900);

    // Row 900 was active in the pages: polled once, it says success, and is polled no more.
    await waitFor(() => expect(statusOf(list.result.current.jobs, 900)).toBe('success'));
    expect(list.result.current.trackedCount).toBe(0);
    expect(gitlab.asked.filter((a) => a === 'GET /api/v4/projects/1/jobs/900')).toHaveLength(1);
    expect(client.getQueryCache().find({ queryKey: jobKey, exact: true })?.isActive()).toBe(false);
    // The pages themselves were not rewritten: the row is derived from the job's query.
    const loaded = client.getQueryData(jobListPagesQueryOptions(gitlab.conn, 1, []).queryKey);
    expect(statusOf(flattenJobs(loaded), 900)).toBe('running');

    // Away and back (the job page, say): the row shows what was learnt at once, and is not polled again.
    list.unmount();
    const again = renderList(client, gitlab.conn);
    expect(statusOf(again.result.current.jobs, 900)).toBe('success');
    expect(again.result.current.trackedCount).toBe(0);
    expect(gitlab.asked.filter((a) => a === 'GET /api/v4/projects/1/jobs/900')).toHaveLength(1);
  });

  it('shows what the job page learnt about a followed row', async () => {
    const gitlab = fakeGitLab(150);
    gitlab.set(880, { status: 'pending' });
    const client = newClient();
    const list = renderList(client, gitlab.conn);
    await waitFor(() => expect(list.result.current.jobs).toHaveLength(100));
    await act(() => list.result.current.loadMore());
    await waitFor(() => expect(statusOf(list.result.current.jobs, 880)).toBe('pending'));
    // The job's own query, as the job page fills it.
    act(() => client.setQueryData(gitlabKeys.job(gitlab.conn, 1, 880), { id: 880, name: 'job 880', status: 'failed' } as Job));
    await waitFor(() => expect(statusOf(list.result.current.jobs, 880)).toBe('failed'));
    expect(list.result.current.trackedCount).toBe(0);
  });

  it('shows an action’s answer on a finished row that nobody follows', async () => {
    const gitlab = fakeGitLab(150);
    const client = newClient();
    const list = renderList(client, gitlab.conn);
    await waitFor(() => expect(list.result.current.jobs).toHaveLength(100));
    await act(() => list.result.current.loadMore());
    await waitFor(() => expect(list.result.current.jobs).toHaveLength(150));
    expect(list.result.current.jobs.find((j) => j.id === 950)?.erased_at).toBeUndefined();

    await act(() => new MutationObserver(client, eraseJobMutationOptions(gitlab.conn, 1)).mutate({ jobId: 950 }));
    await waitFor(() => expect(list.result.current.jobs.find((j) => j.id === 950)?.erased_at).toBe('2026-12-03T12:00:00Z'));
    // Written into the loaded pages (which never refetch), so it stays.
    const loaded = client.getQueryData(jobListPagesQueryOptions(gitlab.conn, 1, []).queryKey);
    expect(flattenJobs(loaded).find((j) => j.id === 950)?.erased_at).toBe('2026-12-03T12:00:00Z');
  });

  it('keeps the rows that new jobs pushed off the newest page, without "load more"', async () => {
    const gitlab = fakeGitLab(150);
    const client = newClient();
    const list = renderList(client, gitlab.conn);
    await waitFor(() => expect(list.result.current.jobs).toHaveLength(100));
    const firstRows = list.result.current.jobs;
    expect(firstRows[99]?.id).toBe(901);

    gitlab.add(1_002);
    gitlab.add(1_001);
    await act(() => client.refetchQueries({ queryKey: jobListHeadQueryOptions(gitlab.conn, 1, [], POLL).queryKey }));
    await waitFor(() => expect(list.result.current.jobs.map((j) => j.id).slice(0, 3)).toEqual([1_002, 1_001, 1_000]));
    const rows = list.result.current.jobs;
    // 901 and 902 left the newest page and stay; the unchanged rows are the same objects (no re-render).
    expect(rows).toHaveLength(102);
    expect(rows.at(-1)?.id).toBe(901);
    expect(rows[2]).toBe(firstRows[0]);
    expect(rows.at(-1)).toBe(firstRows[99]);
    // "Load more" goes on from there.
    await act(() => list.result.current.loadMore());
    await waitFor(() => expect(list.result.current.jobs).toHaveLength(152));
    expect(new Set(list.result.current.jobs.map((j) => j.id)).size).toBe(152);
  });
});

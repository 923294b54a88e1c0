// Busy and pending behind JobActions, from useMutationState over the host's job-action keys: every
// view of a job sees an action on it, no other job does, and a row mounts no MutationObserver.
import { MutationObserver, QueryClient, QueryClientProvider, type MutationCache, type MutationCacheNotifyEvent } from '@tanstack/react-query';
import { act, cleanup, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Sim } from '../../../gitlab-sim/index.ts';
import { cancelJobMutationOptions, gitlabKeys, type Connection, type Job } from '../../gitlab/index.ts';
import { ToastProvider } from '../../ui/index.ts';
import { inProjectScope } from '../../testing/in-project-scope.tsx';
import { BulkJobActions as BareBulkJobActions } from './bulk-job-actions.tsx';
import { useJobActionInFlight } from './job-actions-in-flight.ts';
import { JobActions as BareJobActions } from './job-actions.tsx';

// The actions read the project from the page's ProjectScope: these take it as props.
const JobActions = inProjectScope(BareJobActions);
const BulkJobActions = inProjectScope(BareBulkJobActions);
import type { ActionableJob } from './model/availability.ts';
import { findJob, newSim, simConnection, simFetch } from './test-helpers.ts';

let sim: Sim;
beforeEach(() => {
  sim = newSim();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** How many listeners the components hold on the cache (counted from here on). */
function countListeners(cache: MutationCache): () => number {
  let n = 0;
  const subscribe = cache.subscribe.bind(cache);
  vi.spyOn(cache, 'subscribe').mockImplementation((listener) => {
    n++;
    const stop = subscribe(listener);
    return () => {
      n--;
      stop();
    };
  });
  return () => n;
}

function newClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000 }, mutations: { retry: false } } });
}

function renderWithApp(ui: ReactNode, client = newClient()) {
  const router = createMemoryRouter([{ path: '*', element: ui }], { initialEntries: ['/'] });
  const view = render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>,
  );
  return { client, router, view };
}

/** The simulator behind a gate: writes (POST/DELETE) wait until `open()` (it stays open); reads go straight through. */
function gatedConnection() {
  const base = simConnection(sim);
  const baseFetch = simFetch(sim);
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  let writes = 0;
  const conn: Connection = {
    ...base,
    fetch: async (input, init) => {
      const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
      if (method !== 'GET' && method !== 'HEAD') {
        writes++;
        await gate;
      }
      return baseFetch(input, init);
    },
  };
  return {
    conn,
    writes: () => writes,
    open() {
      release();
    },
  };
}

/** One "view" of a job (a row, the job page, a graph node), told apart by its region's name. */
function View({ label, conn, job }: { label: string; conn: Connection; job: ActionableJob }) {
  return (
    <section aria-label={label}>
      <JobActions connection={conn} projectId={1} job={job} readOnly={false} canWrite={true} />
    </section>
  );
}

const button = (region: string, name: RegExp | string) => within(screen.getByRole('region', { name: region })).getByRole('button', { name });
/** Toggles the list's rows, as scrolling them out of and back into view does. */
const scroll = () => act(() => screen.getByRole('button', { name: 'Scroll' }).click());
const toastRegion = () => document.querySelector('.toasts') as HTMLElement;

describe('busy and pending from the MutationCache', () => {
  it('an action on a job makes every view of that job busy, and no other job', async () => {
    const user = userEvent.setup();
    const gated = gatedConnection();
    const running = await findJob(gated.conn, 1, (j) => j.status === 'running' && j.ref === 'main');
    const other = await findJob(gated.conn, 1, (j) => j.status === 'running' && j.id !== running.id);
    renderWithApp(
      <>
        <View label="row" conn={gated.conn} job={running} />
        <View label="page" conn={gated.conn} job={running} />
        <View label="other" conn={gated.conn} job={other} />
      </>,
    );
    await user.click(button('row', 'Cancel'));
    // The view that did not start it shows the same action in flight, and refuses a second one.
    await waitFor(() => expect(button('page', 'Cancel…').getAttribute('aria-busy')).toBe('true'));
    expect(button('page', 'Cancel…').getAttribute('aria-disabled')).toBe('true');
    expect(button('row', 'Cancel…').getAttribute('aria-busy')).toBe('true');
    await user.click(button('page', 'Cancel…'));
    expect(gated.writes()).toBe(1);
    // Another job is not touched.
    expect(button('other', 'Cancel').getAttribute('aria-disabled')).toBeNull();
    expect(button('other', 'Cancel').getAttribute('aria-busy')).toBeNull();

    act(() => gated.open());
    await waitFor(() => expect(toastRegion().textContent).toMatch(/Cancel(ing|ed) /));
    await waitFor(() => expect(button('page', 'Cancel').getAttribute('aria-disabled')).toBeNull());
    expect(button('row', 'Cancel').getAttribute('aria-busy')).toBeNull();
    expect(gated.writes()).toBe(1);
  });

  it('a row that scrolled away and back while its retry runs shows it again; the toast still comes', async () => {
    const user = userEvent.setup();
    const gated = gatedConnection();
    const failed = await findJob(gated.conn, 1, (j) => j.status === 'failed' && j.ref === 'main' && j.name.startsWith('rspec'));
    function List() {
      const [shown, setShown] = useState(true);
      return (
        <>
          <button type="button" onClick={() => setShown((s) => !s)}>
            Scroll
          </button>
          {shown ? <View label="row" conn={gated.conn} job={failed} /> : <p>scrolled away</p>}
        </>
      );
    }
    const client = newClient();
    const listeners = countListeners(client.getMutationCache());
    renderWithApp(<List />, client);
    await user.click(button('row', 'Retry'));
    expect(button('row', 'Retry…').getAttribute('aria-busy')).toBe('true');

    scroll();
    expect(screen.queryByRole('region', { name: 'row' })).toBeNull();
    // The unmounted row left nothing subscribed.
    expect(listeners()).toBe(0);
    scroll();
    expect(button('row', 'Retry…').getAttribute('aria-busy')).toBe('true');
    expect(button('row', 'Retry…').getAttribute('aria-disabled')).toBe('true');

    scroll();
    act(() => gated.open());
    // The mutation finishes without its row: the toast (the provider's) links to the new job.
    const link = await within(toastRegion()).findByRole('link', { name: /^Open job #\d+$/ });
    expect(Number(/#(\d+)/.exec(link.textContent ?? '')?.[1])).toBeGreaterThan(failed.id);
    await waitFor(() => expect(client.getMutationCache().getAll().every((m) => m.state.status === 'success')).toBe(true));
    scroll();
    expect(button('row', 'Retry').getAttribute('aria-busy')).toBeNull();
    expect(gated.writes()).toBe(1);
  });

  it('the bulk bar marks its targets busy until the batch is done', async () => {
    const user = userEvent.setup();
    const gated = gatedConnection();
    const failed = await findJob(gated.conn, 1, (j) => j.status === 'failed' && j.ref === 'main' && j.name.startsWith('rspec'));
    const other = await findJob(gated.conn, 1, (j) => j.status === 'failed' && j.id !== failed.id);
    renderWithApp(
      <>
        <BulkJobActions connection={gated.conn} projectId={1} jobs={[failed]} readOnly={false} canWrite={true} />
        <View label="row" conn={gated.conn} job={failed} />
        <View label="other" conn={gated.conn} job={other} />
      </>,
    );
    await user.click(screen.getByRole('button', { name: 'Retry 1 failed' }));
    await waitFor(() => expect(button('row', 'Retry…').getAttribute('aria-disabled')).toBe('true'));
    expect(button('other', 'Retry').getAttribute('aria-disabled')).toBeNull();
    act(() => gated.open());
    await screen.findByRole('list', { name: 'Retried 1 of 1 job.' });
    await waitFor(() => expect(button('row', 'Retry').getAttribute('aria-disabled')).toBeNull());
  });
});

describe('mounting is cheap', () => {
  it('50 rows create no mutation and no observer; running one action creates one', async () => {
    const user = userEvent.setup();
    const gated = gatedConnection();
    const client = newClient();
    const events: MutationCacheNotifyEvent['type'][] = [];
    client.getMutationCache().subscribe((e) => events.push(e.type));
    const listeners = countListeners(client.getMutationCache());
    const rows: Job[] = Array.from({ length: 50 }, (_, i) => ({ id: 900_000 + i, name: `job-${i}`, status: 'running' }) as Job);
    function List() {
      const [shown, setShown] = useState(true);
      return (
        <>
          <button type="button" onClick={() => setShown((s) => !s)}>
            Scroll
          </button>
          {shown ? rows.map((job) => <View key={job.id} label={job.name} conn={gated.conn} job={job} />) : null}
        </>
      );
    }
    renderWithApp(<List />, client);
    expect(screen.getAllByRole('button', { name: 'Cancel' })).toHaveLength(50);
    expect(client.getMutationCache().getAll()).toEqual([]);
    // A MutationObserver announces itself to the cache ('observerOptionsUpdated') when constructed.
    expect(events).toEqual([]);
    // One listener per row (useMutationState), and nothing else.
    expect(listeners()).toBe(50);

    await user.click(button('job-7', 'Cancel'));
    expect(client.getMutationCache().getAll()).toHaveLength(1);
    expect(client.getMutationCache().getAll()[0]?.state.variables).toEqual({ jobId: 900_007 });

    // Unmounting every row mid-action leaves no listener behind; the action still settles (GitLab's 404 for a made-up job).
    scroll();
    expect(listeners()).toBe(0);
    act(() => gated.open());
    await waitFor(() => expect(client.getMutationCache().getAll()[0]?.state.status).toBe('error'));
    await waitFor(() => expect(toastRegion().textContent).toContain('404'));
  });
});

describe('useJobActionInFlight', () => {
  const hookWith = (client: QueryClient, actionsKey: readonly unknown[], jobId: number) =>
    renderHook(() => useJobActionInFlight(actionsKey, jobId), { wrapper: ({ children }) => <QueryClientProvider client={client}>{children}</QueryClientProvider> });

  it('reports the action on its job only, and ignores other mutations and other hosts', async () => {
    const gated = gatedConnection();
    const conn = gated.conn;
    const running = await findJob(conn, 1, (j) => j.status === 'running' && j.ref === 'main');
    const other = await findJob(conn, 1, (j) => j.status === 'running' && j.id !== running.id);
    const client = newClient();
    const actions = gitlabKeys.jobActions(conn);
    const mine = hookWith(client, actions, running.id);
    const theirs = hookWith(client, actions, other.id);
    const elsewhere = hookWith(client, gitlabKeys.jobActions('http://elsewhere.test'), running.id);
    const seen: (string | null)[] = [];
    const stop = client.getMutationCache().subscribe(() => seen.push(mine.result.current));

    await act(() => new MutationObserver(client, { mutationKey: ['something', 'else'], mutationFn: (v: { jobId: number }) => Promise.resolve(v) }).mutate({ jobId: running.id }));
    expect(mine.result.current).toBeNull();

    let pending: Promise<unknown> = Promise.resolve();
    act(() => {
      pending = new MutationObserver(client, cancelJobMutationOptions(conn, 1)).mutate({ jobId: running.id });
    });
    // Pending while its request waits at the gate.
    await waitFor(() => expect(mine.result.current).toBe('cancel'));
    expect(gated.writes()).toBe(1);
    expect(theirs.result.current).toBeNull();
    expect(elsewhere.result.current).toBeNull();
    act(() => gated.open());
    await act(() => pending);
    await waitFor(() => expect(mine.result.current).toBeNull());
    expect(seen).toContain('cancel');
    stop();
  });

  it('sees actions already in flight when it mounts, and a bulk batch on each of its targets', async () => {
    const gated = gatedConnection();
    const client = newClient();
    const done = new MutationObserver(client, cancelJobMutationOptions(gated.conn, 1)).mutate({ jobId: 4321 }).catch(() => undefined);
    const batch = new MutationObserver(client, {
      mutationKey: gitlabKeys.bulkJobAction(gated.conn),
      mutationFn: ({ targets }: { action: 'retry'; targets: readonly ActionableJob[] }) => Promise.resolve(targets.length),
    });
    let batchDone: Promise<unknown> = Promise.resolve();
    act(() => {
      batchDone = batch.mutate({ action: 'retry', targets: [{ id: 77, name: 'a', status: 'failed' } as ActionableJob, { id: 78, name: 'b', status: 'failed' } as ActionableJob] });
    });
    const actions = gitlabKeys.jobActions(gated.conn);
    expect(hookWith(client, actions, 4321).result.current).toBe('cancel');
    const target = hookWith(client, actions, 78);
    expect(target.result.current).toBe('retry');
    await act(() => batchDone);
    await waitFor(() => expect(target.result.current).toBeNull());
    act(() => gated.open());
    await done;
    await waitFor(() => expect(hookWith(client, actions, 4321).result.current).toBeNull());
  });
});

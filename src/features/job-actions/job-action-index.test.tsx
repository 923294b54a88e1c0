// The shared in-flight index behind JobActions: one cache listener per QueryClient, a primitive per job,
// and no MutationObserver for a row until one of its actions runs.
import { MutationObserver, QueryClient, QueryClientProvider, type MutationCacheNotifyEvent } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sim } from '../../../gitlab-sim/index.ts';
import { cancelJobMutationOptions, gitlabKeys, type Connection, type Job } from '../../gitlab/index.ts';
import { ToastProvider } from '../../ui/index.ts';
import { inProjectScope } from '../../testing/in-project-scope.tsx';
import { BulkJobActions as BareBulkJobActions } from './bulk-job-actions.tsx';
import { jobActionIndexFor } from './job-action-index.ts';
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
afterEach(() => cleanup());

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

describe('busy and pending from the shared index', () => {
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
    const { client } = renderWithApp(<List />);
    await user.click(button('row', 'Retry'));
    expect(button('row', 'Retry…').getAttribute('aria-busy')).toBe('true');

    scroll();
    expect(screen.queryByRole('region', { name: 'row' })).toBeNull();
    // The unmounted row left nothing subscribed.
    expect(jobActionIndexFor(client).watchedJobs).toBe(0);
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
    expect(jobActionIndexFor(client).watchedJobs).toBe(50);

    await user.click(button('job-7', 'Cancel'));
    expect(client.getMutationCache().getAll()).toHaveLength(1);
    expect(client.getMutationCache().getAll()[0]?.state.variables).toEqual({ jobId: 900_007 });

    // Unmounting every row mid-action leaves no listener behind; the action still settles (GitLab's 404 for a made-up job).
    scroll();
    expect(jobActionIndexFor(client).watchedJobs).toBe(0);
    act(() => gated.open());
    await waitFor(() => expect(client.getMutationCache().getAll()[0]?.state.status).toBe('error'));
    await waitFor(() => expect(toastRegion().textContent).toContain('404'));
  });
});

describe('JobActionIndex', () => {
  it('tells each job’s listeners only about that job, and ignores other mutations', async () => {
    const conn = simConnection(sim);
    const running = await findJob(conn, 1, (j) => j.status === 'running' && j.ref === 'main');
    const other = await findJob(conn, 1, (j) => j.status === 'running' && j.id !== running.id);
    const client = newClient();
    const index = jobActionIndexFor(client);
    expect(jobActionIndexFor(client)).toBe(index);
    const host = gitlabKeys.host(conn)[1];
    const seen: (string | null)[] = [];
    const stop = index.subscribe(host, running.id, () => seen.push(index.get(host, running.id)));
    let otherCalls = 0;
    const stopOther = index.subscribe(host, other.id, () => otherCalls++);

    await new MutationObserver(client, { mutationKey: ['something', 'else'], mutationFn: (v: { jobId: number }) => Promise.resolve(v) }).mutate({ jobId: running.id });
    expect(seen).toEqual([]);

    const pending = new MutationObserver(client, cancelJobMutationOptions(conn, 1)).mutate({ jobId: running.id });
    // Synchronously pending, before any request went out.
    expect(index.get(host, running.id)).toBe('cancel');
    expect(index.get(host, other.id)).toBeNull();
    expect(index.get('http://elsewhere.test', running.id)).toBeNull();
    await pending;
    expect(seen).toEqual(['cancel', null]);
    expect(otherCalls).toBe(0);
    stop();
    stopOther();
    expect(index.watchedJobs).toBe(0);
  });

  it('sees actions already in flight when it is made', async () => {
    const gated = gatedConnection();
    const client = newClient();
    const done = new MutationObserver(client, cancelJobMutationOptions(gated.conn, 1)).mutate({ jobId: 4321 }).catch(() => undefined);
    const host = gitlabKeys.host(gated.conn)[1];
    expect(jobActionIndexFor(client).get(host, 4321)).toBe('cancel');
    gated.open();
    await done;
    expect(jobActionIndexFor(client).get(host, 4321)).toBeNull();
  });
});

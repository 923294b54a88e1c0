// The list on its own (no app router): the action slots, row selection, keyboard, column choice,
// against the simulated GitLab in-process.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSim, type Sim } from '../../../gitlab-sim/index.ts';
import { gitlabQueryDefaults, type Connection, type Job } from '../../gitlab/index.ts';
import { COLUMN_PREFS_KEY } from './column-prefs.ts';
import { inProjectScope } from '../../testing/in-project-scope.tsx';
import { JobList as BareJobList, type JobListProps } from './job-list.tsx';

// The list reads the project from the page's ProjectScope: this one takes it as props.
const JobList = inProjectScope(BareJobList);

let sim: Sim;
let connection: Connection;

beforeEach(() => {
  sim = createSim({ paused: true, hugeLogBytes: 10_000 });
  connection = { host: 'http://sim.test', token: 'glpat-sim-api', fetch: (input, init) => sim.fetch(new Request(input, init)) };
});
afterEach(cleanup);

function memoryStore() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

function renderList(props: Partial<JobListProps> = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { ...gitlabQueryDefaults, retry: false } } });
  const storage = props.storage ?? memoryStore();
  const router = createMemoryRouter(
    [
      {
        path: '/acme/platform/backend/-/jobs',
        element: <JobList connection={connection} projectId={1} projectPath="acme/platform/backend" poll={{ activeMs: 60_000, idleMs: 60_000 }} storage={storage} {...props} />,
      },
      { path: '*', element: <p>elsewhere</p> },
    ],
    { initialEntries: ['/acme/platform/backend/-/jobs'] },
  );
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { router, storage };
}

const rows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);

describe('JobList', () => {
  it('has no checkboxes and no actions column without the slots', async () => {
    renderList();
    await screen.findByRole('table');
    expect(screen.queryByRole('checkbox', { name: /^Select job/ })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
  });

  it('fills the actions cell of every row and hands the selected jobs to the bulk toolbar', async () => {
    const user = userEvent.setup();
    let lastSelected: Job[] = [];
    renderList({
      renderActions: (job) => <button type="button">Act on {job.id}</button>,
      renderBulkActions: (selected) => {
        lastSelected = selected;
        return <button type="button">Bulk {selected.length}</button>;
      },
    });
    await screen.findByRole('table');
    expect(screen.getByRole('columnheader', { name: 'Actions' })).toBeTruthy();
    const [first, second] = rows() as [HTMLElement, HTMLElement];
    const firstId = Number(first.getAttribute('data-job-id'));
    const secondId = Number(second.getAttribute('data-job-id'));
    expect(within(first).getByRole('button', { name: `Act on ${firstId}` })).toBeTruthy();

    await user.click(within(first).getByRole('checkbox', { name: `Select job ${firstId}` }));
    await user.click(within(second).getByRole('checkbox', { name: `Select job ${secondId}` }));
    const toolbar = screen.getByRole('toolbar', { name: 'Selected jobs' });
    expect(within(toolbar).getByRole('button', { name: 'Bulk 2' })).toBeTruthy();
    expect(lastSelected.map((j) => j.id).sort()).toEqual([firstId, secondId].sort());
    expect(first.getAttribute('aria-selected')).toBe('true');

    await user.click(within(toolbar).getByRole('button', { name: 'Clear selection' }));
    expect(screen.queryByRole('toolbar', { name: 'Selected jobs' })).toBeNull();
  });

  it('moves between rows with the arrow keys and opens a job with Enter', async () => {
    const user = userEvent.setup();
    const { router } = renderList();
    await screen.findByRole('table');
    const [first, , third] = rows() as [HTMLElement, HTMLElement, HTMLElement];
    expect(first.tabIndex).toBe(0);
    first.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    await waitFor(() => expect(document.activeElement).toBe(third));
    expect(third.tabIndex).toBe(0);
    expect(first.tabIndex).toBe(-1);
    await user.keyboard('{Enter}');
    expect(router.state.location.pathname).toBe(`/acme/platform/backend/-/jobs/${third.getAttribute('data-job-id')}`);
  });

  it('opens a job, its pipeline and its artifacts in the app from plain links', async () => {
    const user = userEvent.setup();
    const { router } = renderList();
    await screen.findByRole('table');
    const first = rows()[0] as HTMLElement;
    const id = first.getAttribute('data-job-id');
    const jobLink = within(first).getByRole('link', { name: new RegExp(`^#${id} `) });
    // A real href (new tab, copy link) and an in-app navigation on a plain click.
    expect(jobLink.getAttribute('href')).toBe(`/acme/platform/backend/-/jobs/${id}`);
    await user.click(jobLink);
    expect(router.state.location.pathname).toBe(`/acme/platform/backend/-/jobs/${id}`);
  });

  it('leaves modified clicks on a row link to the browser', async () => {
    const { router } = renderList();
    await screen.findByRole('table');
    const link = within(rows()[0] as HTMLElement).getByRole('link', { name: /^Pipeline / });
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ctrlKey: true });
    link.dispatchEvent(event);
    expect(router.state.location.pathname).toBe('/acme/platform/backend/-/jobs');
  });

  it('draws light rows while the list is flicked and full ones once it settles', async () => {
    sim = createSim({ paused: true, hugeLogBytes: 10_000, bigProjectJobs: 300 });
    connection = { ...connection, fetch: (input, init) => sim.fetch(new Request(input, init)) };
    const client = new QueryClient({ defaultOptions: { queries: { ...gitlabQueryDefaults, retry: false } } });
    const router = createMemoryRouter(
      [{ path: '*', element: <JobList connection={connection} projectId={3} projectPath="acme/tools/big-history" poll={{ activeMs: 60_000, idleMs: 60_000 }} storage={memoryStore()} /> }],
      { initialEntries: ['/acme/tools/big-history/-/jobs'] },
    );
    render(
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
    await screen.findByRole('table');
    const box = screen.getByTestId('job-table-scroll');
    const linksIn = (row: Element) => row.querySelectorAll('a').length;
    expect(linksIn(rows()[0] as HTMLElement)).toBeGreaterThan(0);
    // Scroll events 20 and more rows apart within a frame: a flick. The rows the last one brings
    // into view mount while the flick is known.
    // The flick's speed and its end are measured with performance.now() and a settle timer: both
    // run on a fake clock from here, so a busy machine (a slow render between the scroll events
    // and the check) cannot end the flick early. act() flushes React's work without waiting.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      // Scroll events 20 and more rows apart at one instant: a flick. The rows the last one brings
      // into view mount while the flick is known.
      act(() => {
        for (const top of [20 * 52, 40 * 52, 80 * 52]) {
          box.scrollTop = top;
          fireEvent.scroll(box);
        }
      });
      const mountedDuringFlick = box.querySelector('[data-index="82"]') as HTMLElement | null;
      expect(mountedDuringFlick).not.toBeNull();
      expect(linksIn(mountedDuringFlick as HTMLElement)).toBe(0);
      expect(mountedDuringFlick?.textContent).toContain(mountedDuringFlick?.getAttribute('data-job-id') ?? 'no id');
      // Still light just before the scroll counts as stopped (120 ms without a scroll event)…
      act(() => vi.advanceTimersByTime(100));
      expect(linksIn(box.querySelector('[data-index="82"]') as HTMLElement)).toBe(0);
      // …and once it has, the same row draws its links, buttons and times.
      act(() => vi.advanceTimersByTime(50));
      expect(linksIn(box.querySelector('[data-index="82"]') as HTMLElement)).toBeGreaterThan(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('hides and reorders columns and keeps the choice', async () => {
    const user = userEvent.setup();
    const storage = memoryStore();
    renderList({ storage });
    await screen.findByRole('table');
    await user.click(screen.getByText('Columns'));
    // The panel opens once the popover's module has arrived (decision 0025): wait for it before looking inside.
    await user.click(await screen.findByRole('checkbox', { name: 'Triggered by' }));
    await user.click(screen.getByRole('checkbox', { name: 'Queued' }));
    await user.click(screen.getByRole('button', { name: 'Move Pipeline left' }));
    const headers = within(screen.getByRole('table'))
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).not.toContain('Triggered by');
    expect(headers).toContain('Queued');
    expect(headers.slice(0, 4)).toEqual(['Status', 'Job', 'Pipeline', 'Stage']);
    expect(JSON.parse(storage.map.get(COLUMN_PREFS_KEY) ?? '{}')).toMatchObject({ visible: { user: false, queued: true } });
  });
});

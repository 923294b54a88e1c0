// The artifact browser as a whole route, against the simulated GitLab in-process: listing by the
// 18.8 tree endpoint and by the zip's central directory (with and without Range), navigation,
// every preview kind, the hostile HTML/SVG kept as source or in a script-less sandbox, downloads,
// and what expired, erased and missing artifacts say.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider, useParams } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ARTIFACT_PATHS } from '../../../../gitlab-sim/content/artifacts.ts';
import { createSim } from '../../../../gitlab-sim/index.ts';
import type { Sim } from '../../../../gitlab-sim/index.ts';
import { storageRedirectWithoutCors, withoutRange } from '../../../features/artifacts/model/test-helpers.ts';
import { ProjectScopeContext, type FetchLike } from '../../../gitlab/index.ts';
import { ToastProvider } from '../../../ui/index.ts';
import { parseProjectLocation, projectPath } from '../../gitlab-paths.ts';
import { createQueryClient } from '../../providers.tsx';
import { ArtifactBrowser as BareArtifactBrowser } from '../../../features/artifacts/index.ts';
import { inProjectScope } from '../../../testing/in-project-scope.tsx';
import { artifactsRoute } from '../project-pages.ts';
import { artifactsPage } from './artifacts-page.tsx';

// The browser on its own reads the project from a ProjectScope: this one takes it as props.
const ArtifactBrowser = inProjectScope(BareArtifactBrowser);

const HOST = 'http://sim.test';
// Two shared cores: the listing and previews are real work (zip reading, XML parsing); give them room.
const WAIT = { timeout: 15_000 };
vi.setConfig({ testTimeout: 30_000 });
const TOKEN = 'glpat-sim-api';

interface JobRow {
  id: number;
  name: string;
  status: string;
  ref?: string;
  erased_at?: string | null;
  artifacts_file?: { size?: number } | null;
  artifacts_expire_at?: string | null;
}

let sim: Sim;
let requests: { url: string; range: string | null; token: string | null }[] = [];
const jobs: JobRow[] = [];

function simFetch(): FetchLike {
  return async (input, init) => {
    const request = new Request(input, init);
    requests.push({ url: request.url, range: request.headers.get('range'), token: request.headers.get('private-token') });
    return sim.fetch(request);
  };
}

async function setFaults(faults: Record<string, unknown>): Promise<void> {
  const res = await sim.fetch(new Request(`${HOST}/-/sim/faults`, { method: 'POST', body: JSON.stringify(faults), headers: { 'content-type': 'application/json' } }));
  expect(res.status).toBe(200);
}

function findJob(test: (j: JobRow) => boolean, what: string): JobRow {
  const job = jobs.find(test);
  if (!job) throw new Error(`no ${what} job in the simulator`);
  return job;
}

const kept = () => findJob((j) => j.name === 'compile' && !!j.artifacts_file && !j.erased_at, 'compile with artifacts');

beforeAll(async () => {
  sim = createSim({ paused: true });
  for (let page = 1; page <= 5; page++) {
    const res = await sim.fetch(new Request(`${HOST}/api/v4/projects/1/jobs?per_page=100&page=${page}`, { headers: { 'PRIVATE-TOKEN': TOKEN } }));
    const rows = (await res.json()) as JobRow[];
    jobs.push(...rows);
    if (rows.length < 100) break;
  }
});

let saved: { blob: Blob; name: string }[] = [];

beforeEach(async () => {
  requests = [];
  saved = [];
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

const PROJECT = { id: 1, name: 'backend', path_with_namespace: 'acme/platform/backend' };

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

function renderRoute(path: string, fetch: FetchLike = simFetch()) {
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
function holdSecondHalf(inner: FetchLike): { fetch: FetchLike; release: () => void } {
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

const browse = (jobId: number, ...path: string[]) => projectPath('acme/platform/backend', 'jobs', jobId, 'artifacts', 'browse', ...path);

async function listing(): Promise<HTMLElement> {
  return screen.findByRole('table', {}, WAIT);
}

function rowNames(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => (r.querySelector('td a')?.textContent ?? r.querySelector('td')?.textContent ?? '').trim());
}

describe('the page module', () => {
  it.each([
    [['jobs', '5', 'artifacts'], { jobId: 5, path: '' }],
    [['jobs', '5', 'artifacts', 'browse'], { jobId: 5, path: '' }],
    [['jobs', '5', 'artifacts', 'browse', 'a b', 'Ü.txt'], { jobId: 5, path: 'a b/Ü.txt' }],
    [['jobs', '5', 'artifacts', 'file', 'reports', 'junit.xml'], { jobId: 5, path: 'reports/junit.xml' }],
    [['jobs', '5', 'artifacts', 'raw', 'x.log'], { jobId: 5, path: 'x.log' }],
    [['jobs', '5'], null],
    [['jobs', '5', 'artifacts', 'download'], null],
    [['jobs', '5', 'artifacts', 'file'], null],
    [['jobs', 'abc', 'artifacts'], null],
    [['pipelines', '5', 'artifacts'], null],
  ])('matches %j', (rest, params) => {
    expect(artifactsRoute.params(rest)).toEqual(params);
  });
});

describe('listing', () => {
  it('lists through the 18.8 tree endpoint, folders first, with sizes and counts', async () => {
    renderRoute(browse(kept().id));
    const table = await listing();
    const names = rowNames(table);
    expect(names.slice(0, 2)).toEqual(['assets', 'build']);
    // Folders first, then files.
    expect(names.indexOf('reports')).toBeLessThan(names.indexOf('README.md'));
    expect(names.indexOf('src')).toBeLessThan(names.indexOf('empty.txt'));
    const reports = within(table).getByRole('link', { name: 'Folder reports' }).closest('tr');
    expect(reports?.textContent).toMatch(/1 folder, 1 file \(4 files in all\)/);
    expect(screen.getByText(/Listed by GitLab\./)).toBeTruthy();
    expect(requests.some((r) => r.url.includes('/artifacts/tree'))).toBe(true);
    expect(requests.some((r) => r.range !== null)).toBe(false);
  });

  it('reads the zip central directory with Range requests on GitLab 17 (no tree endpoint)', async () => {
    await setFaults({ api_version: '17' });
    renderRoute(browse(kept().id));
    const table = await listing();
    expect(rowNames(table)).toContain('reports');
    expect(screen.getByText(/Read from the archive's index: .* of .* fetched\./)).toBeTruthy();
    expect(requests.some((r) => r.url.includes('/artifacts/tree'))).toBe(false);
    expect(requests.find((r) => /\/jobs\/\d+\/artifacts$/.test(new URL(r.url).pathname))?.range).toMatch(/^bytes=-\d+$/);
  });

  it('downloads the archive once when the host ignores Range', async () => {
    await setFaults({ api_version: '17' });
    renderRoute(browse(kept().id), withoutRange(simFetch()));
    const table = await listing();
    expect(rowNames(table)).toContain('reports');
    expect(screen.getByText(/Listed from the downloaded archive/)).toBeTruthy();
  });

  it('shows a progress bar while it downloads the archive to list it', async () => {
    await setFaults({ api_version: '17' });
    const { fetch: slow, release } = holdSecondHalf(withoutRange(simFetch()));
    renderRoute(browse(kept().id), slow);
    const bar = await screen.findByRole('progressbar', { name: 'Listing progress' }, WAIT);
    await waitFor(() => expect(Number(bar.getAttribute('value'))).toBeGreaterThan(0), WAIT);
    expect(Number(bar.getAttribute('max'))).toBe(kept().artifacts_file?.size);
    expect(screen.getByText(/so it is downloaded once to list it: .* of /)).toBeTruthy();
    release();
    expect(rowNames(await listing())).toContain('reports');
  });

  it('says when the archive sits in object storage the browser may not read, with the plain link', async () => {
    await setFaults({ api_version: '17' });
    renderRoute(browse(kept().id), storageRedirectWithoutCors(simFetch()));
    const alert = await screen.findByRole('alert', {}, WAIT);
    expect(alert.textContent).toContain('object storage that this site may not read');
    const link = within(alert).getByRole('link', { name: 'Download the archive from GitLab' });
    expect(link.getAttribute('href')).toBe(`${HOST}/api/v4/projects/1/jobs/${kept().id}/artifacts`);
    expect(link.getAttribute('href')).not.toContain(TOKEN);
  });

  it('never puts the token in a URL', async () => {
    renderRoute(browse(kept().id, ...ARTIFACT_PATHS.summary.split('/')));
    await screen.findByRole('region', { name: 'Contents of summary.json' }, WAIT);
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) {
      expect(r.url).not.toContain(TOKEN);
      expect(r.token).toBe(TOKEN);
    }
  });
});

describe('navigation', () => {
  it('browses into a nested folder with breadcrumbs, and back up', async () => {
    const user = userEvent.setup();
    const { router } = renderRoute(browse(kept().id));
    await user.click(within(await listing()).getByRole('link', { name: 'Folder src' }));
    await user.click(await screen.findByRole('link', { name: 'Folder lib' }, WAIT));
    await user.click(await screen.findByRole('link', { name: 'Folder deep' }, WAIT));
    await user.click(await screen.findByRole('link', { name: 'Folder nested' }, WAIT));
    expect(await screen.findByRole('link', { name: 'notes.txt' }, WAIT)).toBeTruthy();
    expect(router.state.location.pathname).toBe(browse(kept().id, 'src', 'lib', 'deep', 'nested'));
    const crumbs = screen.getByRole('navigation', { name: 'Breadcrumb' });
    expect(within(crumbs).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Artifacts', 'src', 'lib', 'deep', 'nested']);
    await user.click(within(crumbs).getByRole('link', { name: 'lib' }));
    expect(await screen.findByRole('link', { name: 'Folder deep' }, WAIT)).toBeTruthy();
    expect(router.state.location.pathname).toBe(browse(kept().id, 'src', 'lib'));
  });

  it('opens a deep link to a file whose name has spaces and other scripts, and its path round-trips', async () => {
    const { router } = renderRoute(browse(kept().id, ...ARTIFACT_PATHS.unicodeName.split('/')));
    const region = await screen.findByRole('region', { name: 'Contents of Release notes – Überblick ✓ 2024.md' }, WAIT);
    expect(region.textContent).toContain('Änderungen ✓, naïve café, 日本語.');
    // The link in the listing leads to the same URL the deep link used.
    const link = screen.getByRole('link', { name: 'Release notes – Überblick ✓ 2024.md' });
    expect(link.getAttribute('href')).toBe(router.state.location.pathname);
  });

  it('keeps %, # and ? in a path as typed', async () => {
    renderRoute(browse(kept().id, 'data', '100% done #1?.txt'));
    expect(await screen.findByText(/There is no “data\/100% done #1\?\.txt” in these artifacts; showing the folder data instead\./, {}, WAIT)).toBeTruthy();
  });

  it('filters by name and sorts by size, keeping both in the URL', async () => {
    const user = userEvent.setup();
    const { router } = renderRoute(browse(kept().id, 'build'));
    const table = await listing();
    expect(rowNames(table)).toEqual(['..', 'bin', 'output.log']);
    await user.click(within(table).getByRole('button', { name: /Size/ }));
    await user.click(within(table).getByRole('button', { name: /Size/ }));
    expect(new URLSearchParams(router.state.location.search).get('sort')).toBe('size');
    expect(new URLSearchParams(router.state.location.search).get('order')).toBe('desc');
    expect(within(table).getByRole('columnheader', { name: /Size/ }).getAttribute('aria-sort')).toBe('descending');
    await user.type(screen.getByRole('searchbox', { name: 'Filter by name' }), 'OUT');
    expect(rowNames(screen.getByRole('table'))).toEqual(['output.log']);
    expect(new URLSearchParams(router.state.location.search).get('q')).toBe('OUT');
    await user.click(screen.getByRole('checkbox', { name: /in subfolders too/ }));
    await user.clear(screen.getByRole('searchbox', { name: 'Filter by name' }));
    await user.type(screen.getByRole('searchbox', { name: 'Filter by name' }), 'run');
    expect(rowNames(screen.getByRole('table'))).toEqual(['bin/run.sh']);
  });

  it('shows the nearest folder for a path that is not in the archive', async () => {
    renderRoute(browse(kept().id, 'reports', 'nope.txt'));
    expect(await screen.findByText(/There is no “reports\/nope.txt” in these artifacts; showing the folder reports instead\./, {}, WAIT)).toBeTruthy();
    expect(rowNames(screen.getByRole('table'))).toContain('junit.xml');
  });
});

describe('previews', () => {
  const open = (path: string) => renderRoute(browse(kept().id, ...path.split('/')));

  it('hands a coloured log to the job log’s viewer, nothing from the file becoming markup', async () => {
    open(ARTIFACT_PATHS.buildLog);
    // jsdom lays nothing out, so the virtual viewer draws no lines here; the e2e story reads them.
    expect(await screen.findByLabelText(/output\.log/, {}, WAIT)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(document.body.textContent).not.toContain('\u001b');
  });

  it('shows a PNG as an image', async () => {
    open(ARTIFACT_PATHS.image);
    const img = await screen.findByRole('img', { name: 'pipeline.png' }, WAIT);
    await waitFor(() => expect(img.getAttribute('src')).toMatch(/^blob:/), WAIT);
  });

  it('formats JSON', async () => {
    open(ARTIFACT_PATHS.summary);
    const region = await screen.findByRole('region', { name: 'Contents of summary.json' }, WAIT);
    const lines = Array.from(region.querySelectorAll('.artifact-text__content'), (l) => l.textContent);
    expect(lines[0]).toBe('{');
    expect(lines[1]).toMatch(/^ {2}"job": "compile",$/);
    expect(region.textContent).toContain('"note": "Generated by gitlab-sim <b>not HTML</b> ✓"');
  });

  it('shows a JUnit report: failed cases first with their messages, durations, names as text', async () => {
    open(ARTIFACT_PATHS.junit);
    const report = await screen.findByRole('region', { name: 'Test report junit.xml' }, WAIT);
    expect(within(report).getByText(/^Failing:/).parentElement?.textContent).toMatch(/\d+ tests, 2 failed, 0 skipped|\d+ tests, 2 failed, 1 skipped/);
    const suites = within(report).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    // Failing suites first.
    expect(suites.slice(0, 2).sort()).toEqual(['API::Ci::Jobs', 'compile smoke']);
    const cases = within(report).getByRole('list', { name: 'Test cases of API::Ci::Jobs' });
    const first = within(cases).getAllByRole('listitem')[0];
    expect(first?.textContent).toContain('Failed');
    expect(first?.textContent).toContain('POST /projects/:id/jobs/:job_id/retry retries a failed job');
    expect(first?.textContent).toContain('expected: 201');
    expect(first?.textContent).toContain('2.314 s');
    expect(report.textContent).toContain('parses <script>alert(1)</script> & "quotes" as text');
    expect(report.querySelector('script')).toBeNull();
  });

  it('shows HTML as source first, and renders it only in a sandbox without scripts or the app origin', async () => {
    const user = userEvent.setup();
    open(ARTIFACT_PATHS.evilHtml);
    const region = await screen.findByRole('region', { name: 'Contents of steal.html' }, WAIT);
    expect(region.textContent).toContain('<script>');
    expect(document.querySelector('script')).toBeNull();
    expect(document.querySelector('iframe')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Render in a sandbox' }));
    const frame = screen.getByTitle(`HTML artifact ${ARTIFACT_PATHS.evilHtml}`);
    expect(frame.tagName).toBe('IFRAME');
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.hasAttribute('src')).toBe(false);
    expect(frame.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(frame.getAttribute('srcdoc')).toMatch(/^<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    // The app's own document holds no script from the file.
    expect(document.querySelector('script')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Source' }));
    expect(document.querySelector('iframe')).toBeNull();
  });

  it('shows SVG as source, never as an <img>, and renders it in the same sandbox', async () => {
    const user = userEvent.setup();
    open(ARTIFACT_PATHS.evilSvg);
    await screen.findByRole('region', { name: 'Contents of image.svg' }, WAIT);
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('svg[onload]')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Render in a sandbox' }));
    const frame = screen.getByTitle(`SVG artifact ${ARTIFACT_PATHS.evilSvg}`);
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toContain('Content-Security-Policy');
  });

  it('offers a binary file for download only', async () => {
    open(ARTIFACT_PATHS.binary);
    const preview = await screen.findByRole('region', { name: 'Preview of app' }, WAIT);
    expect(await within(preview).findByText(/This is a binary file of .*: it cannot be shown here/, {}, WAIT)).toBeTruthy();
    expect(within(preview).getByRole('button', { name: 'Download app' })).toBeTruthy();
  });
});

describe('downloads', () => {
  it('downloads one file with the token in the header, saved under its name', async () => {
    const user = userEvent.setup();
    renderRoute(browse(kept().id, ...ARTIFACT_PATHS.junit.split('/')));
    await user.click(await screen.findByRole('button', { name: 'Download junit.xml' }, WAIT));
    await screen.findByText(/Saved reports\/junit.xml/, {}, WAIT);
    expect(saved).toHaveLength(1);
    expect(saved[0]?.name).toBe('junit.xml');
    expect(await saved[0]?.blob.text()).toContain('<testsuites');
  });

  it('downloads the whole archive, with progress', async () => {
    const user = userEvent.setup();
    const { fetch: slow, release } = holdSecondHalf(simFetch());
    renderRoute(browse(kept().id), slow);
    await listing();
    await user.click(screen.getByRole('button', { name: 'Download archive' }));
    const bar = await screen.findByRole('progressbar', { name: 'Download progress' }, WAIT);
    expect(Number(bar.getAttribute('value'))).toBeGreaterThan(0);
    expect(Number(bar.getAttribute('max'))).toBe(kept().artifacts_file?.size);
    release();
    await screen.findByText(/Saved the whole archive/, {}, WAIT);
    expect(saved[0]?.name).toBe(`job-${kept().id}-artifacts.zip`);
    expect(saved[0]?.blob.size).toBe(kept().artifacts_file?.size);
  });

  it('downloads the latest artifacts of a job on a ref: the archive and one file', async () => {
    const user = userEvent.setup();
    renderRoute(browse(kept().id));
    await listing();
    await user.click(screen.getByText('Latest artifacts of a job on a branch or tag'));
    const form = screen.getByRole('form', { name: 'Latest artifacts by ref' });
    expect((within(form).getByRole('textbox', { name: 'Job name' }) as HTMLInputElement).value).toBe('compile');
    expect((within(form).getByRole('textbox', { name: 'Branch or tag' }) as HTMLInputElement).value).toBe(kept().ref);
    await user.click(within(form).getByRole('button', { name: 'Download latest archive' }));
    await screen.findByText(/Saved the latest artifacts of compile on/, {}, WAIT);
    expect(saved[0]?.name).toMatch(/^compile-.*-artifacts\.zip$/);
    await user.type(within(form).getByRole('textbox', { name: 'File path in the archive' }), ARTIFACT_PATHS.summary);
    await user.click(within(form).getByRole('button', { name: 'Download latest file' }));
    await screen.findByText(/Saved data\/summary.json of the latest compile/, {}, WAIT);
    expect(saved[1]?.name).toBe('summary.json');
    expect(requests.some((r) => r.url.includes('/jobs/artifacts/') && r.url.includes('/raw/data/summary.json?job=compile'))).toBe(true);
  });

  it('says what GitLab answered when there is no such job on that ref', async () => {
    const user = userEvent.setup();
    renderRoute(browse(kept().id));
    await listing();
    await user.click(screen.getByText('Latest artifacts of a job on a branch or tag'));
    const form = screen.getByRole('form', { name: 'Latest artifacts by ref' });
    await user.clear(within(form).getByRole('textbox', { name: 'Job name' }));
    await user.type(within(form).getByRole('textbox', { name: 'Job name' }), 'no-such-job');
    await user.click(within(form).getByRole('button', { name: 'Download latest archive' }));
    expect(await screen.findByText(/404/, {}, WAIT)).toBeTruthy();
    expect(saved).toHaveLength(0);
  });
});

describe('what the artifacts are', () => {
  it('says when artifacts expired, and lists nothing', async () => {
    const expired = findJob((j) => !j.artifacts_file && !!j.artifacts_expire_at && !j.erased_at, 'expired');
    renderRoute(browse(expired.id));
    expect(await screen.findByRole('heading', { name: 'These artifacts have expired' }, WAIT)).toBeTruthy();
    expect(requests.some((r) => /\/artifacts/.test(r.url))).toBe(false);
  });

  it('says when the job was erased', async () => {
    const erased = findJob((j) => !!j.erased_at, 'erased');
    renderRoute(browse(erased.id));
    expect(await screen.findByRole('heading', { name: 'This job was erased' }, WAIT)).toBeTruthy();
  });

  it('says kept artifacts do not expire', async () => {
    const keptForever = findJob((j) => !!j.artifacts_file && j.artifacts_expire_at === null && !j.erased_at, 'kept');
    renderRoute(projectPath('acme/platform/backend', 'jobs', keptForever.id, 'artifacts'));
    await listing();
    expect(screen.getByRole('region', { name: 'About these artifacts' }).textContent).toContain('Kept.');
  });

  it('says when a job has none', async () => {
    const none = findJob((j) => !j.artifacts_file && !j.artifacts_expire_at && !j.erased_at && ['failed', 'canceled', 'skipped'].includes(j.status), 'without artifacts');
    renderRoute(browse(none.id));
    expect(await screen.findByRole('heading', { name: 'No artifacts to browse' }, WAIT)).toBeTruthy();
  });

  it('says when a job uploaded only reports', async () => {
    const job = kept();
    const inner = simFetch();
    // GitLab's answer for a job whose `artifacts:` held only `reports:` (no archive).
    const reportsOnly: FetchLike = async (input, init) => {
      const res = await inner(input, init);
      if (new URL(res.url || String(input)).pathname !== `/api/v4/projects/1/jobs/${job.id}`) return res;
      const body = (await res.json()) as Record<string, unknown>;
      const { artifacts_file: _dropped, ...rest } = body;
      return new Response(JSON.stringify({ ...rest, artifacts: [{ file_type: 'junit', size: 812, filename: 'junit.xml.gz', file_format: 'gzip' }], artifacts_expire_at: null }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    renderRoute(browse(job.id), reportsOnly);
    expect(await screen.findByRole('heading', { name: 'Only reports, no files to browse' }, WAIT)).toBeTruthy();
    expect(screen.getByRole('region', { name: 'About these artifacts' }).textContent).toContain('only reports (junit)');
    expect(screen.queryByRole('button', { name: 'Download archive' })).toBeNull();
  });

  it('says a running job has no artifacts yet', async () => {
    const running = findJob((j) => j.status === 'running', 'running');
    renderRoute(browse(running.id));
    expect(await screen.findByRole('heading', { name: 'No artifacts yet' }, WAIT)).toBeTruthy();
  });

  function renderFeature(path: string, withAnsiRenderer = true) {
    vi.stubGlobal('fetch', simFetch());
    const element = (
      <ArtifactBrowser
        connection={{ host: HOST, token: TOKEN }}
        projectId={1}
        projectPath="acme/platform/backend"
        jobId={kept().id}
        path={path}
        renderArtifactActions={(j) => <button type="button">Keep artifacts of {j.name}</button>}
        renderAnsiText={
          withAnsiRenderer ? (text, label) => <pre aria-label={label}>{text.includes('\u001b[1m') ? 'escapes handed over' : 'escapes lost'}</pre> : undefined
        }
      />
    );
    const router = createMemoryRouter([{ path: '*', element }], { initialEntries: ['/'] });
    render(
      <QueryClientProvider client={createQueryClient()}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
  }

  it('gives the artifact actions slot the job', async () => {
    renderFeature('');
    expect(await screen.findByRole('button', { name: 'Keep artifacts of compile' }, WAIT)).toBeTruthy();
  });

  it('without an ANSI renderer, shows a coloured log as escaped plain text with line numbers', async () => {
    renderFeature(ARTIFACT_PATHS.buildLog, false);
    const region = await screen.findByRole('region', { name: 'Contents of output.log' }, WAIT);
    expect(region.textContent).toContain('==> Building compile');
    expect(region.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(region.textContent).not.toContain('\u001b');
    expect(region.querySelector('img')).toBeNull();
    expect(region.querySelector('.artifact-text__number')?.textContent).toBe('1');
  });

  it('hands a coloured log, escapes and all, to the ANSI renderer slot', async () => {
    renderFeature(ARTIFACT_PATHS.buildLog);
    expect((await screen.findByLabelText('Contents of output.log', {}, WAIT)).textContent).toBe('escapes handed over');
  });
});

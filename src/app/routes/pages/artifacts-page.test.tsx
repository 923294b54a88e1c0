// The artifact browser as a whole route, against the simulated GitLab in-process: the page
// module's paths, listing by the 18.8 tree endpoint and by the zip's central directory (with and
// without Range), and navigation.
import { screen, waitFor, within } from '@testing-library/react';
import { ARTIFACT_PATHS } from '../../../../gitlab-sim/content/artifacts.ts';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { storageRedirectWithoutCors, withoutRange } from '../../../features/artifacts/model/test-helpers.ts';
import { artifactsRoute } from '../project-pages.ts';
import { browse, holdSecondHalf, HOST, kept, listing, renderRoute, requests, rowNames, setFaults, simFetch, TOKEN, setUpArtifactsPageSim, WAIT } from './artifacts-test-helpers.tsx';

setUpArtifactsPageSim();

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

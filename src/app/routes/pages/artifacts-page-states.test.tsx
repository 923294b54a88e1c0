// The artifact browser against the simulated GitLab in-process: what expired, erased, missing,
// reports-only and not-yet-uploaded artifacts say, and the feature's own slots.
import { render, screen } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { ARTIFACT_PATHS } from '../../../../gitlab-sim/content/artifacts.ts';
import { type FetchLike } from '../../../gitlab/index.ts';
import { projectPath } from '../../gitlab-paths.ts';
import { createQueryClient } from '../../providers.tsx';
import { ArtifactBrowser as BareArtifactBrowser } from '../../../features/artifacts/index.ts';
import { inProjectScope } from '../../../testing/in-project-scope.tsx';
import { browse, findJob, HOST, kept, listing, renderRoute, requests, simFetch, TOKEN, setUpArtifactsPageSim, WAIT } from './artifacts-test-helpers.tsx';

// The browser on its own reads the project from a ProjectScope: this one takes it as props.
const ArtifactBrowser = inProjectScope(BareArtifactBrowser);

setUpArtifactsPageSim();

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

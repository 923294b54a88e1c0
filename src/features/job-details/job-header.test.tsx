import { cleanup, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../gitlab/index.ts';
import { JobHeader } from './job-header.tsx';

afterEach(cleanup);

const NOW = Date.parse('2024-05-22T12:00:00Z');

function renderHeader(job: Job, extra: Partial<Parameters<typeof JobHeader>[0]> = {}) {
  const router = createMemoryRouter([{ path: '*', element: <JobHeader job={job} projectPath="acme/backend" projectId={1} fetchedAt={NOW} {...extra} /> }]);
  render(<RouterProvider router={router} />);
}

const field = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent ?? '';

describe('JobHeader', () => {
  it('says why a job failed in plain words, and keeps an unknown reason as GitLab sent it', () => {
    renderHeader({ id: 7, name: 'rspec', status: 'failed', failure_reason: 'job_execution_timeout' });
    expect(screen.getByRole('note').textContent).toContain('exceeded the maximum execution time');
    cleanup();
    renderHeader({ id: 7, name: 'rspec', status: 'failed', failure_reason: 'brand_new_failure' });
    expect(screen.getByRole('note').textContent).toContain('brand_new_failure');
  });

  it('tells an allowed failure, a manual job, a scheduled job and an erased job apart', () => {
    renderHeader({ id: 1, name: 'a', status: 'failed', allow_failure: true });
    expect(screen.getByText('failed (allowed to fail)')).toBeTruthy();
    cleanup();
    renderHeader({ id: 2, name: 'b', status: 'manual', allow_failure: true });
    expect(screen.getByText('manual')).toBeTruthy();
    expect(screen.getByText('allowed to fail')).toBeTruthy();
    cleanup();
    renderHeader({ id: 3, name: 'c', status: 'scheduled' });
    expect(screen.getByText('scheduled')).toBeTruthy();
    cleanup();
    renderHeader({ id: 4, name: 'd', status: 'success', erased_at: '2024-05-22T11:00:00Z' });
    expect(screen.getByText('erased', { selector: '.job-tag' })).toBeTruthy();
    expect(field('Artifacts')).toBe('erased');
  });

  it('shows where and when it ran, the runner and its version, coverage and the artifacts', () => {
    renderHeader({
      id: 9,
      name: 'rspec 1/3',
      status: 'success',
      stage: 'test',
      ref: 'main',
      coverage: 87.5,
      created_at: '2024-05-22T11:00:00Z',
      started_at: '2024-05-22T11:00:30Z',
      finished_at: '2024-05-22T11:02:30Z',
      duration: 120,
      queued_duration: 30,
      user: { id: 1, name: 'Alice', username: 'alice' },
      commit: { id: 'abcdef1234', short_id: 'abcdef12', title: 'Fix it', author_name: 'Bob' },
      pipeline: { id: 55, status: 'success', project_id: 1 },
      runner: { id: 3, description: 'k8s-runner' },
      runner_manager: { id: 1, version: '17.4.2' },
      tag_list: ['docker', 'linux'],
      artifacts_file: { filename: 'artifacts.zip', size: 2048 },
      artifacts: [{ file_type: 'archive', size: 2048, filename: 'artifacts.zip' }, { file_type: 'junit', size: 100 }],
      artifacts_expire_at: null,
      web_url: 'https://gitlab.example.com/acme/backend/-/jobs/9',
    });
    expect(field('Stage')).toBe('test');
    expect(field('Branch')).toBe('main');
    expect(field('Commit')).toContain('abcdef12 Fix it by Bob');
    expect(field('Triggered by')).toContain('Alice @alice');
    expect(field('Duration')).toBe('2m 00s');
    expect(field('Queued for')).toBe('30s');
    expect(field('Runner')).toContain('k8s-runner #3 · gitlab-runner 17.4.2');
    expect(field('Runner tags')).toBe('dockerlinux');
    expect(field('Coverage')).toBe('87.5%');
    expect(field('Artifacts')).toContain('2.0 KiB · 2 files (archive, junit) · kept');
    expect(screen.getByRole('link', { name: '#55' }).getAttribute('href')).toBe('/acme/backend/-/pipelines/55');
    expect(screen.getByRole('link', { name: 'Browse' }).getAttribute('href')).toBe('/acme/backend/-/jobs/9/artifacts/browse');
  });

  it('copes with a GitLab 9 job that has only id, name and status, and an unknown status', () => {
    renderHeader({ id: 5, name: 'old', status: 'quantum' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('old #5');
    expect(screen.getByText('quantum')).toBeTruthy();
    expect(field('Runner')).toBe('–no runner');
  });

  it('never links a javascript: address from GitLab', () => {
    renderHeader({ id: 6, name: 'x', status: 'success', web_url: 'javascript:alert(1)' });
    expect(screen.queryByRole('link', { name: /Open job/ })).toBeNull();
  });

  it('puts the actions slot in the header', () => {
    renderHeader({ id: 8, name: 'y', status: 'failed' }, { renderActions: (j) => <button type="button">Retry #{j.id}</button> });
    expect(screen.getByRole('button', { name: 'Retry #8' })).toBeTruthy();
  });
});

import { describe, expect, it } from 'vitest';
import { GitLabError, LostAnswerError } from '../../../gitlab/index.ts';
import { didHappen, errorOutcome, failureMessage, lostAnswerOutcome, successOutcome } from './outcome.ts';

const job = { id: 7, name: 'rspec 2/3', status: 'running' };

describe('what the person is told', () => {
  it('cancel: canceling, or already finished when GitLab answers the job unchanged', () => {
    expect(successOutcome('cancel', job, { ...job, status: 'canceling' })).toEqual({ tone: 'success', message: 'Canceling rspec 2/3 (#7).' });
    expect(successOutcome('cancel', job, { ...job, status: 'success' })).toEqual({ tone: 'info', message: 'rspec 2/3 (#7) had already finished (success); there was nothing to cancel.' });
  });

  it('retry and play lead to the new job', () => {
    expect(successOutcome('retry', job, { ...job, id: 9, status: 'pending' })).toEqual({ tone: 'success', message: 'Retried rspec 2/3: new job #9.', newJobId: 9 });
    expect(successOutcome('play', { ...job, status: 'manual' }, { ...job, status: 'pending' }).message).toBe('Started rspec 2/3 (#7); it is pending.');
    expect(successOutcome('play', { ...job, status: 'success' }, { ...job, id: 10, status: 'pending' }).newJobId).toBe(10);
  });

  it('failures carry GitLab’s own message', () => {
    const e = new GitLabError({ kind: 'forbidden', url: 'http://x/api/v4/projects/1/jobs/7/retry', method: 'POST', status: 403, gitlabMessage: '403 Forbidden - Job is not retryable' });
    expect(failureMessage('retry', job, e)).toBe('Retry rspec 2/3 (#7) failed — Not allowed. GitLab refused this (403). GitLab said: “403 Forbidden - Job is not retryable”.');
  });
});

describe('an answer lost after the request left', () => {
  const cors = new GitLabError({ kind: 'cors', url: 'http://x/api/v4/projects/1/jobs/7/retry', method: 'POST' });
  const failedJob = { id: 7, name: 'rspec 2/3', status: 'failed', pipeline: { id: 3, project_id: 1, status: 'failed' } };
  const lost = (after?: { job?: object; latest?: object }, checkError?: unknown) =>
    new LostAnswerError({ action: 'retry', jobId: 7, cause: cors, ...(after ? { after: { job: undefined, latest: undefined, ...after } as never } : {}), ...(checkError ? { checkError } : {}) });

  it('decides from what GitLab shows now whether each action happened', () => {
    const running = { ...failedJob, status: 'running' };
    expect(didHappen('retry', failedJob, { job: failedJob, latest: { ...failedJob, id: 9, status: 'pending' } })).toBe(true);
    expect(didHappen('retry', failedJob, { job: failedJob, latest: failedJob })).toBe(false);
    expect(didHappen('cancel', running, { job: { ...running, status: 'canceling' }, latest: undefined })).toBe(true);
    expect(didHappen('cancel', running, { job: running, latest: undefined })).toBe(false);
    expect(didHappen('play', { ...failedJob, status: 'manual' }, { job: { ...failedJob, status: 'pending' }, latest: undefined })).toBe(true);
    expect(didHappen('play', { ...failedJob, status: 'manual' }, { job: { ...failedJob, status: 'manual' }, latest: undefined })).toBe(false);
    expect(didHappen('erase', failedJob, { job: { ...failedJob, erased_at: '2026-01-01T00:00:00Z' }, latest: undefined })).toBe(true);
    expect(didHappen('erase', failedJob, { job: { ...failedJob, erased_at: null }, latest: undefined })).toBe(false);
    expect(didHappen('keep-artifacts', failedJob, { job: { ...failedJob, artifacts_expire_at: null }, latest: undefined })).toBe(true);
    expect(didHappen('keep-artifacts', failedJob, { job: { ...failedJob, artifacts_expire_at: '2030-01-01T00:00:00Z' }, latest: undefined })).toBe(false);
    expect(didHappen('delete-artifacts', failedJob, { job: { ...failedJob, artifacts: [] }, latest: undefined })).toBe(true);
    expect(didHappen('delete-artifacts', failedJob, { job: { ...failedJob, artifacts_file: { filename: 'artifacts.zip', size: 3 } }, latest: undefined })).toBe(false);
  });

  it('says it happened, with the new job, when GitLab shows it', () => {
    const outcome = lostAnswerOutcome('retry', failedJob, lost({ job: failedJob, latest: { ...failedJob, id: 9, status: 'pending' } }));
    expect(outcome).toEqual({
      tone: 'success',
      happened: true,
      newJobId: 9,
      message: 'GitLab’s answer to Retry rspec 2/3 (#7) was lost (Blocked by the browser (CORS)), but GitLab shows it happened. Retried rspec 2/3: new job #9.',
    });
  });

  it('says it did not happen, and may be tried again, when GitLab shows the job unchanged', () => {
    const outcome = lostAnswerOutcome('retry', failedJob, lost({ job: failedJob, latest: failedJob }));
    expect(outcome.happened).toBe(false);
    expect(outcome.message).toBe('GitLab’s answer to Retry rspec 2/3 (#7) was lost (Blocked by the browser (CORS)); GitLab shows it did not happen; rspec 2/3 is failed. You can try again.');
  });

  it('says the outcome is unknown, never "failed", when GitLab cannot be asked again', () => {
    const down = new GitLabError({ kind: 'network', url: 'http://x/api/v4/projects/1/jobs/7', method: 'GET' });
    const outcome = errorOutcome('retry', failedJob, lost(undefined, down));
    expect(outcome.tone).toBe('info');
    expect(outcome.message).toBe(
      'Outcome unknown: GitLab’s answer to Retry rspec 2/3 (#7) was lost (Blocked by the browser (CORS)) and the job could not be read again (GitLab is unreachable). It may have happened; look at the job before trying again.',
    );
    expect(outcome.message).not.toMatch(/failed/);
  });

  it('keeps GitLab’s own refusal a failure', () => {
    const refused = new GitLabError({ kind: 'forbidden', url: 'http://x/api/v4/projects/1/jobs/7/retry', method: 'POST', status: 403 });
    expect(errorOutcome('retry', failedJob, refused).tone).toBe('danger');
  });
});

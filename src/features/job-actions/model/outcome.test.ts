import { describe, expect, it } from 'vitest';
import { GitLabError } from '../../../gitlab/index.ts';
import { failureMessage, successOutcome } from './outcome.ts';

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

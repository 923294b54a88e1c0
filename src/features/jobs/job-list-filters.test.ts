import { describe, expect, it } from 'vitest';
import type { Job } from '../../gitlab/index.ts';
import { filterLoadedJobs, NO_FILTERS, readJobListFilters, SCOPE_STATUSES, tabOfScope, writeJobListFilters } from './job-list-filters.ts';

describe('job list filters in the URL', () => {
  it('reads scopes (repeated or GitLab’s scope[]), drops unknown ones and keeps GitLab’s order', () => {
    const f = readJobListFilters(new URLSearchParams('scope=failed&scope[]=running&scope=bogus&scope=failed&name=%20rspec%20&ref=main'));
    expect(f).toEqual({ scope: ['running', 'failed'], name: 'rspec', stage: '', ref: 'main' });
  });

  it('writes only what is set and keeps unrelated parameters', () => {
    const out = writeJobListFilters({ scope: ['failed', 'canceled'], name: 'lint', stage: '', ref: '' }, new URLSearchParams('embed=1&name=old'));
    expect(out.toString()).toBe('embed=1&scope=failed&scope=canceled&name=lint');
    expect(readJobListFilters(out)).toEqual({ scope: ['failed', 'canceled'], name: 'lint', stage: '', ref: '' });
    expect(writeJobListFilters(NO_FILTERS).toString()).toBe('');
  });

  it('offers every status of FACTS.md as a scope', () => {
    expect(SCOPE_STATUSES).toEqual([
      'created', 'waiting_for_resource', 'preparing', 'waiting_for_callback', 'pending', 'running',
      'success', 'failed', 'canceling', 'canceled', 'skipped', 'manual', 'scheduled',
    ]);
  });

  it('knows which quick tab a scope is', () => {
    expect(tabOfScope([])?.id).toBe('all');
    expect(tabOfScope(['failed'])?.id).toBe('failed');
    expect(tabOfScope(['canceled', 'success', 'failed'])?.id).toBe('finished');
    expect(tabOfScope(['failed', 'running'])).toBeUndefined();
  });

  it('filters loaded jobs by name, stage and ref, case-insensitively, tolerating missing fields', () => {
    const jobs = [
      { id: 1, name: 'rspec 1/3', status: 'success', stage: 'test', ref: 'main' },
      { id: 2, name: 'compile', status: 'success', stage: 'build', ref: 'feature/login' },
      { id: 3, name: 'RSpec 2/3', status: 'failed' },
    ] as Job[];
    expect(filterLoadedJobs(jobs, { name: 'rspec', stage: '', ref: '' }).map((j) => j.id)).toEqual([1, 3]);
    expect(filterLoadedJobs(jobs, { name: 'rspec', stage: 'TEST', ref: '' }).map((j) => j.id)).toEqual([1]);
    expect(filterLoadedJobs(jobs, { name: '', stage: '', ref: 'login' }).map((j) => j.id)).toEqual([2]);
    expect(filterLoadedJobs(jobs, { name: '', stage: '', ref: '' })).toBe(jobs);
  });
});

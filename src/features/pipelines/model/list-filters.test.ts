import { describe, expect, it } from 'vitest';
import { NO_PIPELINE_FILTERS, pipelineListParams, readPipelineListFilters, writePipelineListFilters } from './list-filters.ts';

describe('pipelines list filters in the URL', () => {
  it('reads GitLab\'s own query', () => {
    expect(readPipelineListFilters(new URLSearchParams('scope=tags&ref=v1&status=failed&source=push&username=alice&page=3'))).toEqual({
      scope: 'tags',
      ref: 'v1',
      status: 'failed',
      source: 'push',
      username: 'alice',
      sha: '',
      page: 3,
    });
  });

  it('falls back on anything it cannot read', () => {
    expect(readPipelineListFilters(new URLSearchParams('scope=weird&page=-2'))).toEqual(NO_PIPELINE_FILTERS);
    expect(readPipelineListFilters(new URLSearchParams('page=abc')).page).toBe(1);
  });

  it('writes only what differs from the default and keeps other parameters', () => {
    const out = writePipelineListFilters(new URLSearchParams('embed=1&page=4'), { ...NO_PIPELINE_FILTERS, scope: 'running', ref: ' main ' });
    expect(out.toString()).toBe('embed=1&scope=running&ref=main');
  });

  it('round-trips', () => {
    const f = { ...NO_PIPELINE_FILTERS, scope: 'branches' as const, status: 'success', username: 'root', sha: 'abc1234', page: 2 };
    expect(readPipelineListFilters(writePipelineListFilters(new URLSearchParams(), f))).toEqual(f);
  });

  it('asks GitLab with its parameter names', () => {
    expect(pipelineListParams({ ...NO_PIPELINE_FILTERS, scope: 'finished', source: 'schedule', sha: 'abc1234' })).toEqual({ perPage: 20, scope: 'finished', source: 'schedule', sha: 'abc1234' });
    expect(pipelineListParams(NO_PIPELINE_FILTERS)).toEqual({ perPage: 20 });
  });
});

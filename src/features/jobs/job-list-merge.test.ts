import { describe, expect, it } from 'vitest';
import type { Job, Page } from '../../gitlab/index.ts';
import { activeBelowHead, flattenJobs, mergeHead, replaceJobs, stillActive, type JobPages } from './job-list-merge.ts';

const job = (id: number, status = 'success'): Job => ({ id, name: `job ${id}`, status }) as Job;
const page = (ids: number[], next: Page<Job>['next'] = { mode: 'keyset', query: 'cursor=x' }, status?: string): Page<Job> => ({
  items: ids.map((id) => job(id, status)),
  next,
  mode: 'keyset',
});
const pages = (...p: Page<Job>[]): JobPages => ({ pages: p, pageParams: p.map(() => null) });
const ids = (d: JobPages) => flattenJobs(d).map((j) => j.id);

describe('job list merge', () => {
  it('flattens pages without repeating rows that offset pages shifted onto the next page', () => {
    expect(ids(pages(page([9, 8, 7]), page([7, 6, 5])))).toEqual([9, 8, 7, 6, 5]);
    expect(flattenJobs(undefined)).toEqual([]);
  });

  it('replaces loaded rows by id and keeps untouched pages (and the whole store) as they were', () => {
    const data = pages(page([9, 8]), page([7, 6]));
    const updated = replaceJobs(data, [job(6, 'failed'), job(100, 'running')]);
    expect(updated.pages[0]).toBe(data.pages[0]);
    expect(updated.pages[1]?.items.map((j) => j.status)).toEqual(['success', 'failed']);
    expect(replaceJobs(data, [])).toBe(data);
    const sameRefs = replaceJobs(data, [data.pages[0]!.items[0]!]);
    expect(sameRefs).toBe(data);
  });

  it('puts new jobs on top and updates the statuses of the newest page', () => {
    const data = pages(page([9, 8, 7], undefined, 'running'), page([6, 5]));
    const merged = mergeHead(data, page([11, 10, 9, 8, 7], undefined, 'success'));
    expect(ids(merged)).toEqual([11, 10, 9, 8, 7, 6, 5]);
    expect(flattenJobs(merged).slice(0, 5).every((j) => j.status === 'success')).toBe(true);
    expect(merged.pages[1]).toBe(data.pages[1]);
  });

  it('inserts a job that entered the scope at its place among older pages', () => {
    const data = pages(page([20, 18]), page([15, 12]));
    const merged = mergeHead(data, page([20, 18, 13]));
    expect(ids(merged)).toEqual([20, 18, 15, 13, 12]);
    expect(merged.pages[1]?.items.map((j) => j.id)).toEqual([15, 13, 12]);
  });

  it('restarts from the fresh page when it is full and newer than everything loaded (a hole otherwise)', () => {
    const data = pages(page([5, 4]), page([3, 2]));
    const head = page([50, 49, 48]);
    expect(mergeHead(data, head)).toEqual({ pages: [head], pageParams: [null] });
    // The last page (no next) cannot hide anything.
    expect(ids(mergeHead(data, page([50, 49], null)))).toEqual([50, 49, 5, 4, 3, 2]);
  });

  it('starts from the fresh page when nothing is loaded', () => {
    const head = page([3, 2, 1], null);
    expect(mergeHead(undefined, head)).toEqual({ pages: [head], pageParams: [null] });
  });

});

describe('followed and polled rows', () => {
  it('follows the rows below the newest page that the pages show as active, newest first, at most max', () => {
    const head = page([20, 19], undefined, 'running');
    const data = pages(head, { ...page([18, 17, 16, 15]), items: [job(18, 'running'), job(17, 'success'), job(16, 'pending'), job(15, 'manual')] }, page([16, 14], null, 'created'));
    // 20 and 19 are the head's (polled with it); 17 finished and 15 waits for a person; 16 repeats on an offset page.
    expect(activeBelowHead(data, head, 10)).toEqual([18, 16, 14]);
    expect(activeBelowHead(data, head, 2)).toEqual([18, 16]);
    expect(activeBelowHead(undefined, head, 10)).toEqual([]);
  });

  it('polls the followed rows that their own queries do not know to have finished', () => {
    // 18 finished by its own query (the pages still say running): still followed, no longer polled.
    expect(stillActive([18, 16, 14], [job(18, 'success'), job(16, 'running')], 10)).toEqual([16, 14]);
    expect(stillActive([18, 16, 14], [], 2)).toEqual([18, 16]);
    // A finished one frees its place for the next.
    expect(stillActive([18, 16, 14], [job(18, 'failed')], 2)).toEqual([16, 14]);
  });
});

/**
 * The job list's loaded pages as one store that live data is merged into (decision 0013): the
 * polled newest page and single jobs replace rows by id, new jobs go in at their place (id
 * order), and nothing refetches the whole list. Pure functions: a changed page is a new object,
 * an unchanged one (and the whole store, when nothing changed) the same.
 */
import { replaceEqualDeep, type InfiniteData } from '@tanstack/react-query';
import type { Page } from '../pagination.ts';
import type { Job } from '../types.ts';

/** The job list's loaded pages (`jobListPagesQueryOptions`' data). */
export type JobListPages = InfiniteData<Page<Job>, unknown>;

/**
 * Replaces loaded rows by the newer versions given; rows not loaded are ignored. A row whose
 * newer version says the same is kept as it was (a poll that moved the rows down one place
 * re-renders none of them); a changed page is a new object, an unchanged one (and the whole
 * store, when nothing changed) the same.
 */
export function replaceJobs(data: JobListPages, jobs: readonly Job[]): JobListPages {
  if (jobs.length === 0) return data;
  const byId = new Map(jobs.map((j) => [j.id, j]));
  let changed = false;
  const pages = data.pages.map((page) => {
    let pageChanged = false;
    const items = page.items.map((job) => {
      const next = byId.get(job.id);
      if (!next || next === job) return job;
      const shared = replaceEqualDeep(job, next);
      if (shared !== job) pageChanged = true;
      return shared;
    });
    if (!pageChanged) return page;
    changed = true;
    return { ...page, items };
  });
  return changed ? { ...data, pages } : data;
}

function insertSorted(items: readonly Job[], additions: readonly Job[]): Job[] {
  return [...items, ...additions].sort((a, b) => b.id - a.id);
}

/**
 * Merges a fresh first page (newest jobs) into the loaded pages: known rows are replaced,
 * unknown ones inserted in id order into the page whose range holds them. When the fresh page
 * is full and entirely newer than everything loaded, jobs between the two may be missing:
 * the list restarts from the fresh page rather than show a hole.
 */
export function mergeHead(data: JobListPages | undefined, head: Page<Job>): JobListPages {
  const restart: JobListPages = { pages: [head], pageParams: [null] };
  if (!data || data.pages.length === 0) return restart;
  const loaded = new Set<number>();
  let newest = Number.NEGATIVE_INFINITY;
  for (const page of data.pages) {
    for (const job of page.items) {
      loaded.add(job.id);
      if (job.id > newest) newest = job.id;
    }
  }
  const oldestHead = head.items.reduce((min, j) => Math.min(min, j.id), Number.POSITIVE_INFINITY);
  if (head.next !== null && head.items.length > 0 && oldestHead > newest && loaded.size > 0) return restart;

  let merged = replaceJobs(data, head.items);
  const fresh = head.items.filter((j) => !loaded.has(j.id));
  if (fresh.length === 0) return merged;

  // Each new job goes into the first page that holds an older job (or the last page).
  const perPage = new Map<number, Job[]>();
  for (const job of fresh) {
    let target = merged.pages.length - 1;
    for (let i = 0; i < merged.pages.length; i += 1) {
      const items = merged.pages[i]?.items ?? [];
      if (items.some((j) => j.id < job.id)) {
        target = i;
        break;
      }
    }
    const list = perPage.get(target) ?? [];
    list.push(job);
    perPage.set(target, list);
  }
  merged = {
    ...merged,
    pages: merged.pages.map((page, i) => {
      const additions = perPage.get(i);
      return additions ? { ...page, items: insertSorted(page.items, additions) } : page;
    }),
  };
  return merged;
}

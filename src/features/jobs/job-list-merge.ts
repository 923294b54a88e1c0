/**
 * The job list's rows from its loaded pages (docs/decisions/0013-job-list-live-refresh.md; the
 * merge itself, `mergeHead` and `replaceJobs`, is `gitlab/api/job-list-pages.ts`), and which
 * rows the list follows and polls. Pure functions.
 */
import { isActiveStatus, mergeHead, replaceJobs, type Job, type JobListPages, type Page } from '../../gitlab/index.ts';

export type JobPages = JobListPages;
export { mergeHead, replaceJobs };

/** Rows in the order GitLab lists them (id descending), each id once. */
export function flattenJobs(data: JobPages | undefined): Job[] {
  if (!data) return [];
  const seen = new Set<number>();
  const out: Job[] = [];
  for (const page of data.pages) {
    for (const job of page.items) {
      // Offset pages shift when new jobs arrive: the next page repeats rows we already have.
      if (seen.has(job.id)) continue;
      seen.add(job.id);
      out.push(job);
    }
  }
  return out;
}

/**
 * Rows below the newest page that the loaded pages show as active, newest first, at most `max`.
 * Only new pages change this list (the head's rows are left out), never the jobs' own queries:
 * a followed job stays followed once its query says it finished, so that answer stays shown.
 */
export function activeBelowHead(data: JobPages | undefined, head: Page<Job> | undefined, max: number): number[] {
  if (!data) return [];
  const inHead = new Set(head?.items.map((j) => j.id));
  const ids: number[] = [];
  const seen = new Set<number>();
  for (const page of data.pages) {
    for (const job of page.items) {
      if (ids.length >= max) return ids;
      if (seen.has(job.id) || inHead.has(job.id) || !isActiveStatus(job.status)) continue;
      seen.add(job.id);
      ids.push(job.id);
    }
  }
  return ids;
}

/** Of the followed rows, those not known to have finished (by their own query, when it answered), at most `max`: these are polled. */
export function stillActive(followed: readonly number[], known: readonly Job[], max: number): number[] {
  const byId = new Map(known.map((j) => [j.id, j]));
  const ids: number[] = [];
  for (const id of followed) {
    if (ids.length >= max) break;
    const job = byId.get(id);
    if (!job || isActiveStatus(job.status)) ids.push(id);
  }
  return ids;
}

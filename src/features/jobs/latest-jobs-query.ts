import { jobsPageQueryOptions, type Connection, type PollIntervals } from '../../gitlab/index.ts';

/** Fast while any job on screen is queued or running, slow otherwise; paused in hidden tabs. */
export const LATEST_JOBS_POLL: PollIntervals = { activeMs: 5_000, idleMs: 30_000 };

export const LATEST_JOBS_PER_PAGE = 20;

/** The newest jobs of a project; the route's loader and the table read the same options. */
export function latestJobsQueryOptions(conn: Connection, projectId: number, poll: PollIntervals = LATEST_JOBS_POLL) {
  return jobsPageQueryOptions(conn, projectId, { perPage: LATEST_JOBS_PER_PAGE }, null, { poll });
}

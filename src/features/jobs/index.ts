export { LatestJobs, type LatestJobsProps } from './latest-jobs.tsx';
export { latestJobsQueryOptions, LATEST_JOBS_POLL } from './latest-jobs-query.ts';

export { JobList, type JobListProps } from './job-list.tsx';
export { jobListHeadQueryOptions, JOB_LIST_PER_PAGE } from './job-list-query.ts';
export { readJobListFilters, writeJobListFilters, type JobListFilters } from './job-list-filters.ts';

export { JobList, type JobListProps } from './job-list.tsx';
export { readJobListFilters, writeJobListFilters, type JobListFilters } from './job-list-filters.ts';

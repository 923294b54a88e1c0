// The project's pipelines list (GitLab's /-/pipelines).
export { PipelineList, type PipelineListProps } from './pipeline-list.tsx';
export { pipelineListQueryOptions } from './pipeline-list-query.ts';
export { readPipelineListFilters, writePipelineListFilters, NO_PIPELINE_FILTERS, type PipelineListFilters } from './model/list-filters.ts';

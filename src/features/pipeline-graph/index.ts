// The pipeline page: graph of jobs by stage with trigger jobs and downstream pipelines, timeline.
export { PipelineDetails, type PipelineDetailsProps } from './pipeline-details.tsx';
export { askPipelinePage, loadPipelinePage, pipelineBridgesQuery, pipelineHeaderQuery, pipelineJobsQuery, pipelinePoll } from './pipeline-queries.ts';
export {
  DEFAULT_VIEW_STATE,
  parseViewState,
  refFromParam,
  refToParam,
  toggleExpanded,
  writeViewState,
  type PipelineView,
  type PipelineViewState,
} from './view-state.ts';

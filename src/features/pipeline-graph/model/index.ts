// The pure model of the pipeline graph: no React, no fetching, `now` passed in.
export type {
  GraphBridgeInput,
  GraphDownstreamPipelineInput,
  GraphJobInput,
  GraphPipelineRef,
  PipelineJobsInput,
} from './types.ts';
export {
  compositeStatus,
  ORDERED_STATUSES,
  statusRank,
  type CompositeResult,
  type CompositeStatus,
  type StatusInput,
} from './composite-status.ts';
export {
  compareJobsAsGitLab,
  compareSortableNames,
  groupJobs,
  groupName,
  jobFlags,
  sortableName,
  type GroupJobsOptions,
  type GroupKind,
  type JobFlags,
  type JobGroup,
} from './group-name.ts';
export {
  buildStageGraph,
  detectRetried,
  orderStages,
  stageOf,
  type BuildStagesOptions,
  type RetriedSplit,
  type StageColumn,
  type StageGraph,
  type StageGroup,
  type StageLink,
} from './stages.ts';
export {
  downstreamCards,
  expandDownstream,
  pipelineKey,
  projectPathFromWebUrl,
  resolveDownstreamTree,
  type DownstreamCard,
  type DownstreamEdge,
  type DownstreamKind,
  type DownstreamNode,
  type DownstreamNodeState,
  type DownstreamState,
  type ExpandOptions,
  type LazyTreeOptions,
  type ParentPipeline,
  type PipelineLookup,
  type PipelineRef,
} from './downstream.ts';
export {
  buildTimeline,
  criticalPath,
  timelineBar,
  type CriticalPath,
  type Timeline,
  type TimelineBar,
  type TimelineOptions,
  type TimelineStage,
} from './timeline.ts';

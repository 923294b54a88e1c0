// The public surface of the GitLab client. Everything that talks to GitLab goes through here.
export { GitLabError, describeError, errorFromResponse, isGitLabError, isOutcomeUnknown, parseErrorBody, redactUrl } from './errors.ts';
export type { ErrorDescription, GitLabErrorKind } from './errors.ts';

export {
  apiBase,
  buildUrl,
  classifyFetchFailure,
  encodeQuery,
  gitlabRequest,
  normalizeHost,
  parseWith,
  projectSegment,
  requestUrl,
  isTokenKnownExpired,
  markTokenExpired,
  tryNormalizeHost,
} from './transport.ts';
export type { Connection, FetchFailureKind, FetchLike, GitLabResponse, ProjectRef, Query, RequestOptions, ResponseType } from './transport.ts';

export { cursorFromString, cursorToString, fetchAllPages, fetchPage, parseLinkHeader, readPageInfo } from './pagination.ts';
export type { AllPages, FetchAllPagesOptions, FetchPageOptions, Page, PageCursor } from './pagination.ts';

export {
  KNOWN_JOB_STATUSES,
  canCancel,
  canErase,
  canPlay,
  canRetry,
  hasArtifacts,
  hasBrowsableArchive,
  isActiveStatus,
  isAllowedFailure,
  isFinishedStatus,
  isIgnoredStatus,
  isKnownStatus,
  isNotStartedStatus,
  isPassedWithWarningsStatus,
  isQueuedStatus,
  isQueueTimeStatus,
  isRunningStatus,
  isUnfinishedStatus,
} from './status.ts';
export type { JobStatus, KnownJobStatus } from './status.ts';
export {
  ArtifactFileSchema,
  ArtifactSchema,
  ArtifactTreeEntrySchema,
  BridgeSchema,
  CommitSchema,
  JobSchema,
  PipelineBasicSchema,
  PipelineSchema,
  ProjectSchema,
  RunnerManagerSchema,
  RunnerSchema,
  TokenInfoSchema,
  UserSchema,
  VersionSchema,
} from './types.ts';
export type {
  Artifact,
  ArtifactFile,
  ArtifactTreeEntry,
  Bridge,
  Commit,
  DetailedStatus,
  Job,
  Namespace,
  Pipeline,
  PipelineBasic,
  Project,
  Runner,
  RunnerManager,
  TokenInfo,
  User,
  Version,
} from './types.ts';

export { gitlabKeys, hostKey, projectKey } from './query-keys.ts';
export { askByPath } from './ask-by-path.ts';
export type { AskableQuery, AskByPath, EarlyRequests } from './ask-by-path.ts';
export type { ArtifactTreeParams, FailingSinceKeyParams, JobAction, JobListParams, PipelineJobsParams, PipelineListParams, ProjectListParams } from './query-keys.ts';

export {
  MAX_BACKOFF_MS,
  RATE_LIMIT_FLOOR_MS,
  bandwidthIntervalMs,
  failureStreak,
  gitlabMutationDefaults,
  gitlabQueryDefaults,
  intervalForStatuses,
  nextPollDelay,
  retryDelay,
  shouldRetry,
  statusPolling,
  statusRefetchInterval,
} from './polling.ts';
export type { PollDelayInput, PollIntervals, PolledQuery } from './polling.ts';

export { GITLAB_CAPABILITIES, JOB_SCOPE_SINCE, capabilityReason, fetchVersion, gitlabFeatures, jobScopeReason, parseVersion, unavailableReason, versionAtLeast, versionQueryOptions } from './api/version.ts';
export type { GitLabCapability, GitLabFeatures, ParsedVersion } from './api/version.ts';
export { useGitLabFeatures } from './use-gitlab-features.ts';
export { currentUserQueryOptions, fetchCurrentUser } from './api/user.ts';
export { fetchTokenSelf, scopesCanWrite } from './api/token.ts';
export { checkConnection, connectionQueryOptions } from './api/connection.ts';
export type { ConnectionCheck } from './api/connection.ts';
export { fetchProject, fetchProjects, projectQueryOptions, projectsQueryOptions } from './api/projects.ts';
export { fetchJob, fetchJobsPage, JOB_LIST_PER_PAGE, jobListHeadQueryOptions, jobListPagesQueryOptions, jobQueryOptions, jobsPageQueryOptions } from './api/jobs.ts';
export type { PollOption } from './api/jobs.ts';
export { mergeHead, replaceJobs, type JobListPages } from './api/job-list-pages.ts';
export { fetchJobTrace, fetchJobTraceResponse, jobTraceQueryOptions } from './api/job-trace.ts';
export type { TraceOptions } from './api/job-trace.ts';
export { fetchPipeline, fetchPipelinesPage, pipelineQueryOptions, pipelinesQueryOptions } from './api/pipelines.ts';
export { PIPELINE_JOBS_MAX_PAGES, fetchPipelineJobs, pipelineJobsQueryOptions } from './api/pipeline-jobs.ts';
export { fetchPipelineBridges, pipelineBridgesQueryOptions } from './api/bridges.ts';
export type { PipelineBridges } from './api/bridges.ts';
export {
  artifactFileUrl,
  artifactTreeQueryOptions,
  downloadArtifactsArchive,
  encodeArtifactPath,
  fetchArtifactFile,
  fetchArtifactFileByRef,
  fetchArtifactTree,
  fetchArtifactsArchive,
  fetchArtifactsArchiveByRef,
} from './api/artifacts.ts';
export type { ArchiveResult, BlobDownload } from './api/artifacts.ts';
export {
  afterLostAnswerQueryOptions,
  cancelJob,
  cancelJobMutationOptions,
  deleteArtifacts,
  deleteArtifactsMutationOptions,
  eraseJob,
  eraseJobMutationOptions,
  invalidateAfterJobAction,
  isValidVariableKey,
  jobActionInvalidationKeys,
  keepArtifacts,
  keepArtifactsMutationOptions,
  isLostAnswer,
  LOST_ANSWER_CHECK_MS,
  LostAnswerError,
  playJob,
  playJobMutationOptions,
  readAfterLostAnswer,
  rememberJobAnswer,
  retryJob,
  retryJobMutationOptions,
  writeOrCheck,
} from './api/job-actions.ts';
export type { AfterLostAnswer, GitLabMutationMeta, JobActionVariables, JobVariable, PlayVariables } from './api/job-actions.ts';

export {
  DEFAULT_FLAKY_LOOKBACK,
  DEFAULT_WINDOW,
  culpritOf,
  latestAttempt,
  pipelineRedRun,
  walkFailingSince,
} from './failing-since.ts';
export type { Culprit, HistoryEntry, HistoryJob, HistoryPipeline, JobSince, RedRun, RunBound, WalkOptions, WalkResult } from './failing-since.ts';
export {
  HISTORY_PAGE_SIZE,
  failingSinceQueryOptions,
  fetchLineageBefore,
  followBridges,
  lineageOfJob,
  refRedRunQueryOptions,
} from './api/failing-since.ts';
export type { FailingSinceOptions, FailingSinceResult, Lineage, RefRedRunResult } from './api/failing-since.ts';
export { failureSignature, groupByCause } from './failure-signature.ts';
export type { CauseGroup } from './failure-signature.ts';
export { KNOWN_FAILURE_REASONS, describeFailureReason } from './failure-reason.ts';
export { createLimiter } from './limiter.ts';
export type { Limiter } from './limiter.ts';
export { TRACE_HEAD_CONCURRENCY, TRACE_HEAD_LIMIT, fetchJobTraceHead, jobTraceHeadQueryOptions, traceSizeOf } from './api/job-trace-head.ts';
export type { TraceHead, TraceHeadOptions } from './api/job-trace-head.ts';
export { GROUP_PROJECTS_MAX_PAGES, fetchGroupProjects, groupProjectsQueryOptions } from './api/groups.ts';
export { fetchPipelineJobsPage } from './api/pipeline-jobs.ts';
export { authorizeUrl, exchangeCode, pkceChallenge, randomToken, refreshDelay, refreshTokens, revokeToken } from './oauth.ts';
export type { OAuthClient, OAuthTokens } from './oauth.ts';
export { connectionHealth, sameHealth, type ConnectionHealth, type ConnectionHealthKind, type HealthQueryState } from './health.ts';

export { ProjectScopeContext, useProjectScope } from './project-scope.ts';
export type { ProjectScope } from './project-scope.ts';

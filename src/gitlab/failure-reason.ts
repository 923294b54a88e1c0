/**
 * GitLab's `failure_reason` values in plain words, as GitLab's own job page words them
 * (app/presenters/commit_status_presenter.rb, CALLOUT_FAILURE_MESSAGES, and the enum in
 * app/models/concerns/enums/ci/commit_status.rb). New values keep coming: an unknown one is
 * shown as GitLab sent it.
 */
const REASONS: Record<string, string> = {
  unknown_failure: 'There is an unknown failure, please try again.',
  script_failure: 'The script failed: a command in the job exited with an error.',
  api_failure: 'There has been an API failure, please try again.',
  stuck_or_timeout_failure: 'There has been a timeout failure or the job got stuck. Check your timeout limits or try again.',
  runner_system_failure: 'There has been a runner system failure, please try again.',
  missing_dependency_failure: 'There has been a missing dependency failure: an artifact this job needs is missing or expired.',
  runner_unsupported: 'Your runner is outdated, please upgrade your runner.',
  stale_schedule: 'The delayed job could not be executed for some reason, please try again.',
  job_execution_timeout: 'The script exceeded the maximum execution time set for the job.',
  archived_failure: 'The job is archived and cannot be run.',
  unmet_prerequisites: 'The job failed to complete prerequisite tasks.',
  scheduler_failure: 'The scheduler failed to assign the job to the runner, please try again or contact your administrator.',
  data_integrity_failure: 'There has been a structural integrity problem detected, please contact your administrator.',
  forward_deployment_failure: 'The deployment job is older than the previously succeeded deployment job, and therefore cannot be run.',
  user_blocked: 'The user who created this job is blocked.',
  project_deleted: 'The job belongs to a deleted project.',
  ci_quota_exceeded: 'No more compute minutes available.',
  pipeline_loop_detected: 'This job could not be executed because it would create infinitely looping pipelines.',
  no_matching_runner: 'No matching runner available.',
  trace_size_exceeded: 'The job log size limit was reached.',
  builds_disabled: 'CI/CD is disabled for this project.',
  environment_creation_failure: 'This job could not be executed because it would create an environment with an invalid parameter.',
  deployment_rejected: 'This deployment job was rejected.',
  failed_outdated_deployment_job: 'The deployment job is older than the latest deployment, and therefore failed.',
  protected_environment_failure: 'The environment this job is deploying to is protected. Only users with permission may successfully run this job.',
  insufficient_bridge_permissions: 'This job could not be executed because of insufficient permissions to create a downstream pipeline.',
  downstream_bridge_project_not_found: 'This job could not be executed because the downstream project could not be found.',
  invalid_bridge_trigger: 'This job could not be executed because the downstream pipeline trigger definition is invalid.',
  upstream_bridge_project_not_found: 'This job could not be executed because the upstream project could not be found.',
  insufficient_upstream_permissions: 'This job could not be executed because of insufficient permissions to track the upstream project.',
  bridge_pipeline_is_child_pipeline: 'This job belongs to a child pipeline and cannot create further child pipelines.',
  downstream_pipeline_creation_failed: 'The downstream pipeline could not be created.',
  secrets_provider_not_found: 'The secrets provider can not be found.',
  reached_max_descendant_pipelines_depth: 'You reached the maximum depth of child pipelines.',
  reached_max_pipeline_hierarchy_size: 'The downstream pipeline tree is too large.',
  reached_downstream_pipeline_trigger_rate_limit: 'Too many downstream pipelines were triggered in the last minute. Try again later.',
  ip_restriction_failure: 'This job could not be executed because group IP address restrictions are preventing access to this job.',
  job_token_expired: 'The job’s CI job token expired before the job finished.',
  job_router_failure: 'The job router failed to route the job to a runner.',
  runner_provisioning_timeout: 'The runner took too long to provision an environment for the job.',
  duo_workflow_not_allowed: 'This job could not be executed because GitLab Duo workflows are not allowed here.',
  upload_artifacts_on_failure: 'The job failed while uploading its artifacts.',
};

/** The plain-words explanation of a failure reason; unknown values come back as sent. */
export function describeFailureReason(reason: string | null | undefined): string | null {
  if (!reason) return null;
  return Object.hasOwn(REASONS, reason) ? (REASONS[reason] ?? reason) : reason;
}

/** Every reason this dashboard words (for tests and docs). */
export const KNOWN_FAILURE_REASONS: readonly string[] = Object.keys(REASONS);

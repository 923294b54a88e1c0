// GitLab's API entities (lib/api/entities/ci/*) as the schemas in gitlab-sim/schemas want
// them. An older host (`host`) drops the fields and statuses it did not have (versions.ts).
import type { ContentStore } from './content.ts';
import { isArchived } from './job-actions.ts';
import { getProject } from './lookup.ts';
import type { Job, Pipeline, Project, User, World } from './model.ts';
import { detailedStatus } from './statuses.ts';
import { JOB_FIELDS, PIPELINE_FIELDS, dropNewer, statusAt, type HostVersion } from '../versions.ts';

export interface View {
  world: World;
  now: number;
  /** Origin for web_url and friends, e.g. http://127.0.0.1:4010 */
  base: string;
  /** The GitLab version served (versions.ts). */
  host: HostVersion;
  content: ContentStore;
}

type Json = Record<string, unknown>;

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function secs(ms: number): number {
  return Math.round(ms) / 1000;
}

export function projectPath(p: Project): string {
  return `${p.namespace.fullPath}/${p.path}`;
}

function userById(world: World, id: number): User | undefined {
  return world.users.find((u) => u.id === id);
}

export function userBasic(v: View, user: User): Json {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    state: 'active',
    locked: false,
    avatar_url: `https://www.gravatar.com/avatar/${user.username}?s=80&d=identicon`,
    web_url: `${v.base}/${user.username}`,
  };
}

/** The user as Entities::User shows it (jobs, /user). */
export function userFull(v: View, user: User): Json {
  return {
    ...userBasic(v, user),
    created_at: iso(user.createdAt),
    bio: '',
    location: '',
    public_email: null,
    skype: '',
    linkedin: '',
    twitter: '',
    discord: '',
    website_url: '',
    organization: 'Acme',
    job_title: '',
    pronouns: null,
    bot: false,
    work_information: null,
    followers: 0,
    following: 0,
    local_time: null,
  };
}

export function commitEntity(v: View, pipeline: Pipeline): Json {
  const c = pipeline.commit;
  const project = getProject(v.world, pipeline.projectId);
  const when = new Date(c.at).toISOString();
  return {
    id: c.sha,
    short_id: c.sha.slice(0, 8),
    created_at: when,
    parent_ids: [c.parentSha],
    title: c.title,
    message: c.message,
    author_name: c.authorName,
    author_email: c.authorEmail,
    authored_date: when,
    committer_name: c.authorName,
    committer_email: c.authorEmail,
    committed_date: when,
    trailers: {},
    extended_trailers: {},
    web_url: `${v.base}/${project ? projectPath(project) : ''}/-/commit/${c.sha}`,
  };
}

export function pipelineWebUrl(v: View, p: Pipeline): string {
  const project = getProject(v.world, p.projectId);
  return `${v.base}/${project ? projectPath(project) : ''}/-/pipelines/${p.id}`;
}

/** PipelineBasic. */
export function pipelineBasic(v: View, p: Pipeline): Json {
  const out: Json = {
    id: p.id,
    iid: p.iid,
    project_id: p.projectId,
    sha: p.commit.sha,
    ref: p.ref,
    status: statusAt(v.host, p.status),
    source: p.source,
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
    web_url: pipelineWebUrl(v, p),
  };
  dropNewer(v.host, out, PIPELINE_FIELDS);
  return out;
}

/** Entities::Ci::PipelineWithMetadata / the pipeline detail. */
export function pipelineDetail(v: View, p: Pipeline): Json {
  const user = userById(v.world, p.userId);
  const project = getProject(v.world, p.projectId);
  const started = p.startedAt;
  const duration = started === null ? null : Math.round(((p.finishedAt ?? v.now) - started) / 1000);
  return {
    ...pipelineBasic(v, p),
    name: null,
    before_sha: p.beforeSha,
    tag: p.tag,
    yaml_errors: null,
    user: user ? userBasic(v, user) : null,
    started_at: iso(started),
    finished_at: iso(p.finishedAt),
    committed_at: iso(p.commit.at),
    duration,
    queued_duration: started === null ? null : secs(Math.max(0, started - p.createdAt)),
    coverage: pipelineCoverage(v, p),
    detailed_status: detailedStatus(statusAt(v.host, p.status), p.warnings, `/${project ? projectPath(project) : ''}/-/pipelines/${p.id}`),
    archived: false,
  };
}

function pipelineCoverage(v: View, p: Pipeline): string | null {
  const values: number[] = [];
  for (const id of p.jobIds) {
    const j = v.world.jobs.get(id);
    if (j && !j.retried && j.coverage !== null) values.push(j.coverage);
  }
  if (!values.length) return null;
  return (values.reduce((a, b) => a + b, 0) / values.length).toFixed(2);
}

function jobBasic(v: View, job: Job): Json {
  const pipeline = v.world.pipelines.get(job.pipelineId);
  const project = getProject(v.world, job.projectId);
  const user = userById(v.world, job.userId);
  const running = job.startedAt !== null && job.finishedAt === null;
  const duration = job.startedAt === null ? null : secs((job.finishedAt ?? v.now) - job.startedAt);
  let queued: number | null = null;
  if (job.queuedAt !== null) queued = secs((job.startedAt ?? (job.status === 'pending' ? v.now : job.queuedAt)) - job.queuedAt);
  const out: Json = {
    id: job.id,
    status: statusAt(v.host, job.status),
    stage: job.stage,
    name: job.name,
    ref: pipeline?.ref ?? '',
    tag: pipeline?.tag ?? false,
    coverage: job.coverage,
    allow_failure: job.allowFailure,
    created_at: iso(job.createdAt),
    started_at: iso(job.startedAt),
    finished_at: iso(job.finishedAt),
    erased_at: iso(job.erasedAt),
    duration: running || job.startedAt !== null ? duration : null,
    queued_duration: queued,
    user: user ? userFull(v, user) : null,
    commit: pipeline ? commitEntity(v, pipeline) : null,
    pipeline: pipeline ? pipelineBasic(v, pipeline) : null,
    web_url: `${v.base}/${project ? projectPath(project) : ''}/-/jobs/${job.id}`,
    project: { ci_job_token_scope_enabled: false },
  };
  if (job.status === 'failed') out.failure_reason = job.failureReason ?? 'unknown_failure';
  return out;
}

/** Entities::Ci::Job for a build, Entities::Ci::Bridge for a trigger job. */
export function jobEntity(v: View, job: Job): Json {
  return job.kind === 'bridge' ? bridgeEntity(v, job) : asJobEntity(v, job);
}

/**
 * Entities::Ci::Job whatever the job is: the retry endpoint presents even a new bridge this
 * way (`present response[:job], with: Entities::Ci::Job`), so it has no downstream_pipeline.
 */
export function asJobEntity(v: View, job: Job): Json {
  const out = jobBasic(v, job);
  const size = v.content.archiveSize(job, v.now);
  if (size !== null) out.artifacts_file = { filename: 'artifacts.zip', size };
  out.artifacts = v.content.artifactsField(v.world, job, v.now);
  const runner = job.runnerId === null ? undefined : v.world.runners.find((r) => r.id === job.runnerId);
  out.runner = runner
    ? {
        id: runner.id,
        description: runner.description,
        ip_address: runner.ipAddress,
        active: true,
        is_shared: runner.isShared,
        name: runner.name,
        online: true,
        status: 'online',
      }
    : null;
  out.runner_manager = runner
    ? {
        id: runner.managerId,
        system_id: runner.systemId,
        version: runner.version,
        revision: runner.revision,
        platform: 'linux',
        architecture: 'amd64',
        created_at: iso(v.world.startAt - 30 * 86_400_000),
        contacted_at: iso(v.now - 3_000),
        ip_address: runner.ipAddress,
        status: 'online',
      }
    : null;
  out.artifacts_expire_at = job.artifacts && job.artifacts.uploaded && !job.artifacts.deleted ? iso(job.artifacts.expireAt) : null;
  out.archived = isArchived(v.world, job, v.now);
  out.tag_list = job.tagList;
  return downgrade(v, out, job);
}

/** Entities::Ci::Bridge: JobBasic and the downstream pipeline. */
export function bridgeEntity(v: View, job: Job): Json {
  const out = jobBasic(v, job);
  const down = job.downstreamPipelineId === null ? undefined : v.world.pipelines.get(job.downstreamPipelineId);
  out.downstream_pipeline = down ? pipelineBasic(v, down) : null;
  return downgrade(v, out, job);
}

/** The fields an older version lacked (versions.ts JOB_FIELDS, from the api-docs examples). */
function downgrade(v: View, out: Json, job: Job): Json {
  dropNewer(v.host, out, JOB_FIELDS);
  // 9.x sent `artifacts_file: null` on a job without artifacts (api-docs 9).
  if (!('artifacts' in out) && job.kind === 'build' && !('artifacts_file' in out)) out.artifacts_file = null;
  return out;
}

export function projectEntity(v: View, p: Project, withPermissions: boolean, userId: number): Json {
  const path = projectPath(p);
  const ns = p.namespace;
  const lastActivity = Math.max(p.createdAt, ...(v.world.projectPipelines.get(p.id) ?? []).slice(-1).map((id) => v.world.pipelines.get(id)?.updatedAt ?? 0));
  const out: Json = {
    id: p.id,
    description: p.description,
    name: p.name,
    name_with_namespace: `Acme / ${ns.name === 'acme' ? '' : `${capital(ns.name)} / `}${p.name}`,
    path: p.path,
    path_with_namespace: path,
    created_at: iso(p.createdAt),
    default_branch: p.defaultBranch,
    tag_list: [],
    topics: [],
    ssh_url_to_repo: `git@sim.gitlab.invalid:${path}.git`,
    http_url_to_repo: `${v.base}/${path}.git`,
    web_url: `${v.base}/${path}`,
    readme_url: `${v.base}/${path}/-/blob/main/README.md`,
    forks_count: 0,
    avatar_url: null,
    star_count: p.id === 1 ? 12 : 1,
    last_activity_at: iso(lastActivity),
    namespace: {
      id: ns.id,
      name: capital(ns.name),
      path: ns.path,
      kind: 'group',
      full_path: ns.fullPath,
      parent_id: ns.parentId,
      avatar_url: null,
      web_url: `${v.base}/groups/${ns.fullPath}`,
    },
    visibility: p.visibility,
    archived: false,
    empty_repo: false,
    jobs_enabled: true,
    builds_access_level: 'enabled',
    ci_job_token_scope_enabled: false,
  };
  if (withPermissions) {
    out.permissions = {
      project_access: { access_level: userId === 1 ? 40 : 20, notification_level: 3 },
      group_access: null,
    };
  }
  return out;
}

function capital(s: string): string {
  return s.slice(0, 1).toUpperCase() + s.slice(1);
}


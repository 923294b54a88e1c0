/**
 * The GitLab entities, typed once, with the zod schemas that check them where they enter
 * (the transport parses every JSON body it returns).
 *
 * We use `zod/mini` (the functional, tree-shakable build of zod 4) because only what is used
 * ends up in the bundle; the classic chained API pulls the whole library in.
 *
 * Leniency (FACTS.md): every field but `id`, `name`, `status` may be missing or null in some
 * GitLab version, and newer versions add fields and values. So every other field is
 * `nullish` and wrapped in `catch`: a field of an unexpected type becomes `undefined` instead
 * of failing the whole list. Unknown fields are dropped (plain `object` strips them).
 * Statuses are plain strings; `KnownJobStatus` names the ones we know.
 */
import * as z from 'zod/mini';

/** An optional, nullable field whose wrong-typed value is dropped rather than fatal. */
function opt<T extends z.core.SomeType>(schema: T) {
  return z.catch(z.nullish(schema), undefined);
}

const str = () => opt(z.string());
const num = () => opt(z.number());
const bool = () => opt(z.boolean());
/** Keeps the strings of a list, drops other items (GitLab lists of tags, scopes, parents). */
const stringList = () => opt(z.pipe(z.array(z.unknown()), z.transform((items) => items.filter((i): i is string => typeof i === 'string'))));

// ---------------------------------------------------------------------------------------------
// Small entities

export const UserSchema = z.object({
  id: z.number(),
  name: z.catch(z.string(), ''),
  username: str(),
  state: str(),
  avatar_url: str(),
  web_url: str(),
  created_at: str(),
  public_email: str(),
  bot: bool(),
  locked: bool(),
  is_admin: bool(),
});
export type User = z.infer<typeof UserSchema>;

export const CommitSchema = z.object({
  id: str(),
  short_id: str(),
  title: str(),
  message: str(),
  created_at: str(),
  parent_ids: stringList(),
  author_name: str(),
  author_email: str(),
  authored_date: str(),
  committer_name: str(),
  committer_email: str(),
  committed_date: str(),
  web_url: str(),
});
export type Commit = z.infer<typeof CommitSchema>;

export const RunnerSchema = z.object({
  id: z.number(),
  description: str(),
  ip_address: str(),
  active: bool(),
  paused: bool(),
  is_shared: bool(),
  runner_type: str(),
  name: str(),
  online: bool(),
  status: str(),
});
export type Runner = z.infer<typeof RunnerSchema>;

export const RunnerManagerSchema = z.object({
  id: z.number(),
  system_id: str(),
  version: str(),
  revision: str(),
  platform: str(),
  architecture: str(),
  created_at: str(),
  contacted_at: str(),
  ip_address: str(),
  status: str(),
});
export type RunnerManager = z.infer<typeof RunnerManagerSchema>;

export const ArtifactSchema = z.object({
  file_type: str(),
  size: num(),
  filename: str(),
  file_format: str(),
});
export type Artifact = z.infer<typeof ArtifactSchema>;

export const ArtifactFileSchema = z.object({
  filename: str(),
  size: num(),
});
export type ArtifactFile = z.infer<typeof ArtifactFileSchema>;

// ---------------------------------------------------------------------------------------------
// Pipelines

const pipelineBasicShape = {
  id: z.number(),
  iid: num(),
  project_id: num(),
  sha: str(),
  ref: str(),
  status: z.string(),
  source: str(),
  name: str(),
  created_at: str(),
  updated_at: str(),
  web_url: str(),
};
export const PipelineBasicSchema = z.object(pipelineBasicShape);
export type PipelineBasic = z.infer<typeof PipelineBasicSchema>;

export const DetailedStatusSchema = z.object({
  icon: str(),
  text: str(),
  label: str(),
  group: str(),
  tooltip: str(),
  has_details: bool(),
  details_path: str(),
  favicon: str(),
});
export type DetailedStatus = z.infer<typeof DetailedStatusSchema>;

export const PipelineSchema = z.object({
  ...pipelineBasicShape,
  before_sha: str(),
  tag: bool(),
  yaml_errors: str(),
  user: opt(UserSchema),
  started_at: str(),
  finished_at: str(),
  committed_at: str(),
  duration: num(),
  queued_duration: num(),
  coverage: opt(z.union([z.string(), z.number()])),
  detailed_status: opt(DetailedStatusSchema),
});
/** A pipeline as `GET /projects/:id/pipelines/:pipeline_id` returns it. */
export type Pipeline = z.infer<typeof PipelineSchema>;

// ---------------------------------------------------------------------------------------------
// Jobs and bridges

const jobBasicShape = {
  id: z.number(),
  name: z.string(),
  status: z.string(),
  stage: str(),
  ref: str(),
  tag: bool(),
  coverage: opt(z.union([z.number(), z.string()])),
  allow_failure: bool(),
  created_at: str(),
  started_at: str(),
  finished_at: str(),
  erased_at: str(),
  duration: num(),
  queued_duration: num(),
  user: opt(UserSchema),
  commit: opt(CommitSchema),
  pipeline: opt(PipelineBasicSchema),
  failure_reason: str(),
  web_url: str(),
  project: opt(z.object({ ci_job_token_scope_enabled: bool() })),
  archived: bool(),
};

export const JobSchema = z.object({
  ...jobBasicShape,
  artifacts_file: opt(ArtifactFileSchema),
  artifacts: opt(z.array(ArtifactSchema)),
  artifacts_expire_at: str(),
  tag_list: stringList(),
  runner: opt(RunnerSchema),
  runner_manager: opt(RunnerManagerSchema),
});
export type Job = z.infer<typeof JobSchema>;

export const BridgeSchema = z.object({
  ...jobBasicShape,
  /** Null until GitLab has created it; may belong to another project (use its project_id). */
  downstream_pipeline: opt(PipelineBasicSchema),
});
export type Bridge = z.infer<typeof BridgeSchema>;

export const JobListSchema = z.array(JobSchema);
export const BridgeListSchema = z.array(BridgeSchema);
export const PipelineListSchema = z.array(PipelineBasicSchema);

// ---------------------------------------------------------------------------------------------
// Projects, instance, token

export const NamespaceSchema = z.object({
  id: num(),
  name: str(),
  path: str(),
  kind: str(),
  full_path: str(),
  avatar_url: str(),
  web_url: str(),
});
export type Namespace = z.infer<typeof NamespaceSchema>;

const accessSchema = opt(z.object({ access_level: num() }));

export const ProjectSchema = z.object({
  id: z.number(),
  name: z.string(),
  path: str(),
  path_with_namespace: str(),
  name_with_namespace: str(),
  description: str(),
  web_url: str(),
  default_branch: str(),
  avatar_url: str(),
  visibility: str(),
  archived: bool(),
  last_activity_at: str(),
  namespace: opt(NamespaceSchema),
  permissions: opt(z.object({ project_access: accessSchema, group_access: accessSchema })),
});
export type Project = z.infer<typeof ProjectSchema>;
export const ProjectListSchema = z.array(ProjectSchema);

export const VersionSchema = z.object({
  version: z.string(),
  revision: str(),
  enterprise: bool(),
  kas: opt(z.object({ enabled: bool(), externalUrl: str(), version: str() })),
});
export type Version = z.infer<typeof VersionSchema>;

export const TokenInfoSchema = z.object({
  id: z.number(),
  name: str(),
  description: str(),
  revoked: bool(),
  active: bool(),
  created_at: str(),
  last_used_at: str(),
  expires_at: str(),
  scopes: stringList(),
  user_id: num(),
});
/** `GET /personal_access_tokens/self` (GitLab 15.5+). */
export type TokenInfo = z.infer<typeof TokenInfoSchema>;

export const ArtifactTreeEntrySchema = z.object({
  name: z.string(),
  /** Directories end in "/". */
  path: z.string(),
  /** "file" | "directory" (kept as a string: newer GitLab may add kinds). */
  type: z.string(),
  size: num(),
  mode: str(),
});
export type ArtifactTreeEntry = z.infer<typeof ArtifactTreeEntrySchema>;
export const ArtifactTreeSchema = z.array(ArtifactTreeEntrySchema);

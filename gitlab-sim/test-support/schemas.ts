// Validators for the simulator's responses, built on GitLab's own JSON schemas
// (gitlab-sim/schemas, a verbatim copy of GitLab's spec/fixtures/api/schemas).
// Tests call these; the simulator itself never does.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const SCHEMA_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));
// Any absolute base works; it only lets the relative `$ref`s ("user/basic.json",
// "../../../status/ci_detailed_status.json") resolve exactly as they do in GitLab's tree.
const BASE = 'https://gitlab-sim.invalid/schemas/';

type JsonObject = Record<string, unknown>;

function listJsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return listJsonFiles(full);
    return entry.name.endsWith('.json') ? [full] : [];
  });
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function loadSchemas(): Map<string, JsonObject> {
  const byId = new Map<string, JsonObject>();
  for (const file of listJsonFiles(SCHEMA_DIR)) {
    const rel = relative(SCHEMA_DIR, file).split(sep).join('/');
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isObject(parsed)) throw new Error(`schema ${rel} is not an object`);
    byId.set(BASE + rel, { ...parsed, $id: BASE + rel });
  }
  return byId;
}

const schemas = loadSchemas();

function schemaAt(rel: string): JsonObject {
  const s = schemas.get(BASE + rel);
  if (!s) throw new Error(`missing schema ${rel}`);
  return s;
}

// strict: false because GitLab's job.json writes `"project": {"ci_job_token_scope_enabled": …}`
// (a property list without `properties`), which strict mode rejects as an unknown keyword.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
for (const s of schemas.values()) ajv.addSchema(s);

const jobSchema = schemaAt('public_api/v4/job.json');
const jobProps = jobSchema.properties as JsonObject;
const jobRequired = jobSchema.required as string[];

// GitLab's job.json leaves `project` effectively unchecked (see above); FACTS.md and the
// JobBasic entity say it is `{ci_job_token_scope_enabled: boolean}`, so check that shape.
const projectSchema = {
  type: 'object',
  required: ['ci_job_token_scope_enabled'],
  properties: { ci_job_token_scope_enabled: { type: 'boolean' } },
};

// job.json says `additionalProperties: false` yet does not list `failure_reason`, which the
// JobBasic entity exposes `if: ->(job) { job.failed? }` (lib/api/entities/ci/job_basic.rb):
// GitLab's own specs only match failed jobs loosely. So a failed job must carry it (a string)
// and any other job must not.
const failureReason = { type: 'string', minLength: 1 };

function withFailure(schema: JsonObject, failed: boolean): JsonObject {
  const props = schema.properties as JsonObject;
  const required = schema.required as string[];
  if (!failed) return schema;
  return {
    ...schema,
    properties: { ...props, failure_reason: failureReason },
    required: [...required, 'failure_reason'],
  };
}

function jobVariant(failed: boolean): JsonObject {
  // A new $id beside job.json keeps its relative $refs resolving the same way.
  const $id = BASE + `public_api/v4/job-${failed ? 'failed' : 'other'}.json`;
  return withFailure({ ...jobSchema, $id, properties: { ...jobProps, project: projectSchema } }, failed);
}

// There is no bridge schema in GitLab. API::Entities::Ci::Bridge is `JobBasic` plus
// `expose :downstream_pipeline, with: PipelineBasic` (lib/api/entities/ci/bridge.rb), so a
// bridge has JobBasic's fields (FACTS.md) typed as job.json types them, and none of the
// Job-only ones (artifacts, artifacts_file, artifacts_expire_at, runner, runner_manager,
// tag_list, archived).
const JOB_BASIC_FIELDS = [
  'id', 'status', 'stage', 'name', 'ref', 'tag', 'coverage', 'allow_failure', 'created_at',
  'started_at', 'finished_at', 'erased_at', 'duration', 'queued_duration', 'user', 'commit',
  'pipeline', 'web_url', 'project',
] as const;

function bridgeVariant(failed: boolean): JsonObject {
  const properties: JsonObject = {};
  for (const f of JOB_BASIC_FIELDS) properties[f] = f === 'project' ? projectSchema : jobProps[f];
  properties.downstream_pipeline = {
    oneOf: [{ type: 'null' }, { $ref: 'pipeline/basic.json' }],
  };
  const required = [
    ...jobRequired.filter((f) => (JOB_BASIC_FIELDS as readonly string[]).includes(f)),
    'downstream_pipeline',
  ];
  return withFailure(
    {
      // Same directory as job.json so its relative $refs resolve the same way.
      $id: BASE + `public_api/v4/bridge-${failed ? 'failed' : 'other'}.json`,
      type: 'object',
      required,
      properties,
      additionalProperties: false,
    },
    failed,
  );
}

// GitLab has no schema for the artifacts tree (18.8+); FACTS.md gives its rows:
// {name, path (directories end in "/"), type: "file" | "directory", size? (files), mode}.
const treeEntrySchema = {
  $id: BASE + 'artifacts-tree-entry.json',
  type: 'object',
  required: ['name', 'path', 'type', 'mode'],
  properties: {
    name: { type: 'string', minLength: 1 },
    path: { type: 'string', minLength: 1 },
    type: { enum: ['file', 'directory'] },
    size: { type: 'integer', minimum: 0 },
    mode: { type: 'string', pattern: '^[0-7]{6}$' },
  },
  allOf: [
    {
      if: { properties: { type: { const: 'directory' } } },
      then: { properties: { path: { pattern: '/$' } } },
      else: { properties: { path: { not: { pattern: '/$' } } }, required: ['size'] },
    },
  ],
};

const compiled = {
  jobFailed: ajv.compile(jobVariant(true)),
  jobOther: ajv.compile(jobVariant(false)),
  bridgeFailed: ajv.compile(bridgeVariant(true)),
  bridgeOther: ajv.compile(bridgeVariant(false)),
  pipeline: ajv.getSchema(BASE + 'public_api/v4/pipeline/basic.json'),
  pipelineDetail: ajv.getSchema(BASE + 'public_api/v4/pipeline/detail.json'),
  user: ajv.getSchema(BASE + 'public_api/v4/user/basic.json'),
  pipelines: ajv.getSchema(BASE + 'public_api/v4/pipelines.json'),
  treeEntry: ajv.compile(treeEntrySchema),
};

function describe(e: ErrorObject): string {
  const at = e.instancePath === '' ? '(root)' : e.instancePath;
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return `${at} has unexpected property "${String(params.additionalProperty)}"`;
  if (e.keyword === 'required') return `${at} is missing required property "${String(params.missingProperty)}"`;
  return `${at} ${e.message ?? e.keyword}`;
}

function run(fn: ValidateFunction | undefined, v: unknown): string[] {
  if (!fn) throw new Error('schema not compiled');
  if (fn(v)) return [];
  return (fn.errors ?? []).map(describe);
}

function isFailed(v: unknown): boolean {
  return isObject(v) && v.status === 'failed';
}

/** A Job as `GET /projects/:id/jobs/:job_id` returns it; [] when valid. */
export function validateJob(v: unknown): string[] {
  return run(isFailed(v) ? compiled.jobFailed : compiled.jobOther, v);
}

/** A Bridge (trigger job) as `GET /projects/:id/pipelines/:pipeline_id/bridges` lists it. */
export function validateBridge(v: unknown): string[] {
  return run(isFailed(v) ? compiled.bridgeFailed : compiled.bridgeOther, v);
}

/** A PipelineBasic (pipeline/basic.json), e.g. one row of `GET /projects/:id/pipelines`. */
export function validatePipeline(v: unknown): string[] {
  return run(compiled.pipeline, v);
}

/** A single pipeline as `GET /projects/:id/pipelines/:pipeline_id` returns it (pipeline/detail.json). */
export function validatePipelineDetail(v: unknown): string[] {
  return run(compiled.pipelineDetail, v);
}

/** A user (user/basic.json). The schema admits null for a job without a user; `/user` must not. */
export function validateUser(v: unknown): string[] {
  if (v === null) return ['(root) must be a user object, not null'];
  return run(compiled.user, v);
}

/** `GET /projects/:id/pipelines` as a whole (pipelines.json: an array of PipelineBasic). */
export function validatePipelines(v: unknown): string[] {
  return run(compiled.pipelines, v);
}

/** One row of `GET …/jobs/:id/artifacts/tree` (GitLab 18.8+), as FACTS.md describes it. */
export function validateArtifactTreeEntry(v: unknown): string[] {
  return run(compiled.treeEntry, v);
}

// Minimal structural inputs of the pipeline-graph model.
// The model reads only these fields, so GitLab's full Job/Bridge types (src/gitlab/types.ts,
// every field optional but id, name, status) are assignable to them. Every field except
// id, name and status may be missing or null on some GitLab version (FACTS.md "Entities").

/** The `pipeline` a job belongs to, as nested in a Job or Bridge. */
export interface GraphPipelineRef {
  id?: number | null;
  project_id?: number | null;
  web_url?: string | null;
}

/** A bridge's `downstream_pipeline` (PipelineBasic), possibly in another project. */
export interface GraphDownstreamPipelineInput {
  id?: number | null;
  iid?: number | null;
  project_id?: number | null;
  status?: string | null;
  /** `parent_pipeline` for a child pipeline, `pipeline` for a multi-project one. */
  source?: string | null;
  ref?: string | null;
  web_url?: string | null;
}

/** The fields of a Job (or Bridge) that the graph, the grouping and the timeline read. */
export interface GraphJobInput {
  id: number;
  name: string;
  status: string;
  stage?: string | null;
  allow_failure?: boolean | null;
  created_at?: string | null;
  started_at?: string | null;
  finished_at?: string | null;
  /** Seconds running (finished − started, or now − started while running). */
  duration?: number | null;
  /** Seconds between queued_at and started_at (or the response time while pending). */
  queued_duration?: number | null;
  web_url?: string | null;
  pipeline?: GraphPipelineRef | null;
}

/** A trigger job: a Job plus the pipeline it created (null until it exists). */
export interface GraphBridgeInput extends GraphJobInput {
  downstream_pipeline?: GraphDownstreamPipelineInput | null;
}

/** What one pipeline's graph is built from: `GET …/pipelines/:id/jobs` and `…/bridges`. */
export interface PipelineJobsInput<J extends GraphJobInput = GraphJobInput, B extends GraphBridgeInput = GraphBridgeInput> {
  jobs: readonly J[];
  bridges: readonly B[];
}

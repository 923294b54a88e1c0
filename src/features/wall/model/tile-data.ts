/**
 * What the wall keeps per tile (one project × ref), in the tile's query. Only the few fields a tile
 * shows are kept, and only for the latest pipelines, so a wall's memory stays flat for weeks.
 */
import type { Culprit, ProjectRef } from '../../../gitlab/index.ts';

/** A project and ref on the wall, resolved (default branch known). */
export interface TileTarget {
  /** Stable id of the tile: `project@ref`. */
  key: string;
  /** Numeric id when known (from a group or the project lookup), else the path. */
  project: ProjectRef;
  path: string;
  name: string;
  webUrl: string | null;
  ref: string;
  /** Position in the wall's configuration (the stable order inside a group of tiles). */
  order: number;
}

/** A pipeline as the tile keeps it: PipelineBasic's fields that it reads (the times may be missing on old GitLab). */
export interface TilePipeline {
  id: number;
  iid: number | null;
  status: string;
  source: string | null;
  sha: string | null;
  created_at: string | null;
  updated_at: string | null;
  web_url: string | null;
}

export interface TileJob {
  id: number;
  name: string;
  status: string;
  stage: string | null;
  allowFailure: boolean | null;
  failureReason: string | null;
}

/** The jobs of one pipeline, as they were at that pipeline's `updatedAt`. */
export interface TileJobs {
  pipelineId: number;
  updatedAt: string | null;
  status: string;
  items: TileJob[];
  /** Jobs in the pipeline when GitLab said (more than one page), else items.length. */
  total: number;
}

/** A failing downstream pipeline (child or multi-project) triggered by the tile's pipeline. */
export interface TileDownstream {
  bridge: string;
  pipelineId: number;
  projectId: number | null;
  status: string;
  webUrl: string | null;
  failed: TileJob[];
}

/** Who broke it: the first failing pipeline of the current red run (src/gitlab/failing-since.ts). */
export type TileCulprit = Culprit;

export interface TileData {
  /** Newest first (by id), child pipelines left out, at most HISTORY_SIZE. */
  pipelines: TilePipeline[];
  /** GitLab had no older pipelines on the ref than these. */
  exhausted: boolean;
  /** The latest pipeline's jobs (fetched only when that pipeline changed). */
  jobs: TileJobs | null;
  /** The failing jobs of the newest failed pipeline of the current red run (kept while a fix runs). */
  redJobs: TileJobs | null;
  /** Failing downstream pipelines of the newest finished pipeline, and which pipeline state they were read at. */
  downstream: TileDownstream[];
  downstreamOf: { pipelineId: number; updatedAt: string | null } | null;
  culprit: TileCulprit | null;
  /** Syncs since the last full read of the pipelines list (updated_after between). */
  sinceFullSync: number;
}

export const EMPTY_TILE_DATA: TileData = {
  pipelines: [],
  exhausted: false,
  jobs: null,
  redJobs: null,
  downstream: [],
  downstreamOf: null,
  culprit: null,
  sinceFullSync: 0,
};

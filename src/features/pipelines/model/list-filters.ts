// The pipelines list's view state, kept in the URL as GitLab's own `/-/pipelines` does:
// `?scope=running|finished|branches|tags` (the tabs; none is "All"), `ref`, `status`, `source`,
// `username` (the filters), `sha` (a commit's pipelines), `page`.
import type { PipelineListParams } from '../../../gitlab/index.ts';

export const PIPELINE_SCOPES = [
  { id: 'all', label: 'All' },
  { id: 'running', label: 'Running' },
  { id: 'finished', label: 'Finished' },
  { id: 'branches', label: 'Branches' },
  { id: 'tags', label: 'Tags' },
] as const;
export type PipelineScope = (typeof PIPELINE_SCOPES)[number]['id'];

/** The statuses the status filter offers (GitLab's pipeline statuses). */
export const PIPELINE_STATUSES = ['created', 'waiting_for_resource', 'preparing', 'pending', 'running', 'success', 'failed', 'canceling', 'canceled', 'skipped', 'manual', 'scheduled'] as const;
/** The sources a person filters by most; GitLab accepts more, and any it sends is shown. */
export const PIPELINE_SOURCES = ['push', 'web', 'trigger', 'schedule', 'api', 'pipeline', 'parent_pipeline', 'merge_request_event', 'external', 'chat', 'webide'] as const;

export interface PipelineListFilters {
  scope: PipelineScope;
  ref: string;
  status: string;
  source: string;
  username: string;
  sha: string;
  page: number;
}

export const NO_PIPELINE_FILTERS: PipelineListFilters = { scope: 'all', ref: '', status: '', source: '', username: '', sha: '', page: 1 };

const SCOPE_IDS = new Set<string>(PIPELINE_SCOPES.map((s) => s.id));
const TEXT_KEYS = ['ref', 'status', 'source', 'username', 'sha'] as const;

export function readPipelineListFilters(search: URLSearchParams): PipelineListFilters {
  const scope = search.get('scope') ?? 'all';
  const page = Number(search.get('page') ?? '1');
  const out: PipelineListFilters = { ...NO_PIPELINE_FILTERS, scope: SCOPE_IDS.has(scope) ? (scope as PipelineScope) : 'all', page: Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1 };
  for (const key of TEXT_KEYS) out[key] = (search.get(key) ?? '').trim();
  return out;
}

/** Writes the filters into the URL's query, keeping unrelated parameters; a new filter starts at page 1. */
export function writePipelineListFilters(search: URLSearchParams, filters: PipelineListFilters): URLSearchParams {
  const out = new URLSearchParams(search);
  for (const key of ['scope', 'page', ...TEXT_KEYS]) out.delete(key);
  if (filters.scope !== 'all') out.set('scope', filters.scope);
  for (const key of TEXT_KEYS) if (filters[key].trim()) out.set(key, filters[key].trim());
  if (filters.page > 1) out.set('page', String(filters.page));
  return out;
}

/** The API's parameters for these filters (`GET /projects/:id/pipelines`). */
export function pipelineListParams(filters: PipelineListFilters): PipelineListParams {
  const params: PipelineListParams = { perPage: 20 };
  if (filters.scope !== 'all') params.scope = filters.scope;
  if (filters.ref) params.ref = filters.ref;
  if (filters.status) params.status = filters.status;
  if (filters.source) params.source = filters.source;
  if (filters.username) params.username = filters.username;
  if (filters.sha) params.sha = filters.sha;
  return params;
}

export function hasFilters(filters: PipelineListFilters): boolean {
  return TEXT_KEYS.some((k) => filters[k] !== '');
}

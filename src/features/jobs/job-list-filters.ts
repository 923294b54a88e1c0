import { KNOWN_JOB_STATUSES, type Job } from '../../gitlab/index.ts';

/**
 * Every status GitLab's `scope[]` accepts on the jobs list: `CommitStatus::AVAILABLE_STATUSES`
 * in lib/api/ci/jobs.rb, i.e. every status of FACTS.md (the api-docs list only nine of them;
 * see docs/decisions/0013-job-list-live-refresh.md).
 */
export const SCOPE_STATUSES: readonly string[] = KNOWN_JOB_STATUSES;

export interface QuickTab {
  id: 'all' | 'running' | 'failed' | 'finished';
  label: string;
  scope: readonly string[];
}

/** The quick tabs over the status scope; "Finished" is GitLab's finished set. */
export const QUICK_TABS: readonly QuickTab[] = [
  { id: 'all', label: 'All', scope: [] },
  { id: 'running', label: 'Running', scope: ['running'] },
  { id: 'failed', label: 'Failed', scope: ['failed'] },
  { id: 'finished', label: 'Finished', scope: ['success', 'failed', 'canceled'] },
];

/** What the list shows; all of it lives in the URL. */
export interface JobListFilters {
  /** Sent to GitLab as `scope[]` (sorted, known statuses only). */
  scope: string[];
  /** Matched over the loaded pages only (GitLab's jobs API cannot filter by these). */
  name: string;
  stage: string;
  ref: string;
}

export const NO_FILTERS: JobListFilters = { scope: [], name: '', stage: '', ref: '' };

const ORDER = new Map(SCOPE_STATUSES.map((s, i) => [s, i]));

/** Known statuses, once each, in GitLab's order: equal filters give equal URLs and query keys. */
export function normalizeScope(scope: Iterable<string>): string[] {
  return [...new Set(scope)].filter((s) => ORDER.has(s)).sort((a, b) => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0));
}

/** Reads `?scope=failed&scope=canceled&name=rspec&stage=test&ref=main`. */
export function readJobListFilters(search: URLSearchParams): JobListFilters {
  // `scope[]` too, so a GitLab API query string pasted by hand works.
  const scope = normalizeScope([...search.getAll('scope'), ...search.getAll('scope[]')]);
  return {
    scope,
    name: (search.get('name') ?? '').trim(),
    stage: (search.get('stage') ?? '').trim(),
    ref: (search.get('ref') ?? '').trim(),
  };
}

/** Writes the filters into a copy of `base`, leaving other parameters as they were. */
export function writeJobListFilters(filters: JobListFilters, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams(base);
  for (const key of ['scope', 'scope[]', 'name', 'stage', 'ref']) out.delete(key);
  for (const s of normalizeScope(filters.scope)) out.append('scope', s);
  if (filters.name.trim()) out.set('name', filters.name.trim());
  if (filters.stage.trim()) out.set('stage', filters.stage.trim());
  if (filters.ref.trim()) out.set('ref', filters.ref.trim());
  return out;
}

/** The quick tab whose scope is exactly `scope`, if any. */
export function tabOfScope(scope: readonly string[]): QuickTab | undefined {
  const key = normalizeScope(scope).join(',');
  return QUICK_TABS.find((t) => normalizeScope(t.scope).join(',') === key);
}

export function hasLocalFilters(filters: JobListFilters): boolean {
  return filters.name !== '' || filters.stage !== '' || filters.ref !== '';
}

const contains = (value: string | null | undefined, needle: string) => needle === '' || (value ?? '').toLowerCase().includes(needle.toLowerCase());

/** Name, stage and ref filters over the jobs already loaded (case-insensitive substrings). */
export function filterLoadedJobs(jobs: readonly Job[], filters: Pick<JobListFilters, 'name' | 'stage' | 'ref'>): readonly Job[] {
  if (!filters.name && !filters.stage && !filters.ref) return jobs;
  return jobs.filter((j) => contains(j.name, filters.name) && contains(j.stage, filters.stage) && contains(j.ref, filters.ref));
}

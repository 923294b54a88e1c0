// How GitLab groups parallel and matrix jobs into one node of the pipeline graph.
// Sources (gitlab-org/gitlab):
// - `lib/gitlab/utils/job.rb` (Gitlab::Utils::Job.group_name, called by CommitStatus#group_name)
//   and its table `spec/lib/gitlab/utils/job_spec.rb`;
// - `app/models/commit_status.rb` (#sortable_name) and `app/models/ci/group.rb`
//   (Ci::Group.fabricate: latest jobs, sorted by sortable_name, grouped by group_name);
// - `doc/ci/jobs/index.md` "Group jobs in a pipeline" (`build ruby 1/3` …).
// - `app/assets/javascripts/ci/pipeline_details/graph/components/stage_column_component.vue`
//   (a group is drawn as a dropdown when it is parallel or matrix).

import { compositeStatus, type CompositeStatus } from './composite-status.ts';
import type { GraphJobInput } from './types.ts';

// Ruby's `\s` is ASCII-only and `.` stops only at "\n"; JavaScript's are wider, so spell
// them out. `[\b]` is a backspace in a character class in both languages.
const S = '\\t\\n\\v\\f\\r ';
const GROUP_SUFFIX = new RegExp(`([\\b${S}:]+((\\[[^\\n]*\\])|(\\d+[${S}:\\/\\\\]+\\d+))){1,3}[${S}]*$`);
const RUBY_STRIP = new RegExp(`^[${S}\\0]+|[${S}\\0]+$`, 'g');

/**
 * The group a job belongs to: its name without up to three trailing `1/3`, `1:3`, `1 3`,
 * `1\3` or `: [matrix, values]` suffixes (GitLab's regex, applied to the end only).
 */
export function groupName(jobName: string): string {
  return jobName.replace(GROUP_SUFFIX, '').replace(RUBY_STRIP, '');
}

/** CommitStatus#sortable_name: the name split into text and numbers, numbers kept as digits. */
export function sortableName(name: string): string[] {
  const parts = name.split(/(\d+)/);
  // Ruby's String#split drops trailing empty strings; JavaScript keeps them.
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compares names as Ruby compares their sortable_name arrays: part by part, numbers by
 * value (`rspec 2/10` before `rspec 10/10`), a shorter array first when it is a prefix.
 */
export function compareSortableNames(a: string, b: string): number {
  return compareSortKeys(sortKey(a), sortKey(b));
}

/** A name's sortable_name with its numbers' leading zeros taken off, computed once per name for a sort. */
type SortKey = readonly string[];

function sortKey(name: string): SortKey {
  return sortableName(name).map((part, i) => (i % 2 === 1 ? part.replace(/^0+/, '') : part));
}

function compareSortKeys(x: SortKey, y: SortKey): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const a = x[i] ?? '';
    const b = y[i] ?? '';
    // split(/(\d+)/) alternates text (even indexes) and numbers (odd indexes); numbers by value,
    // exact for any length (Ruby's to_i is unbounded; a JS number is not).
    const c = i % 2 === 1 && a.length !== b.length ? a.length - b.length : compareText(a, b);
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

/** Order of jobs in a group and of groups in a stage: sortable name, then name (GitLab first orders by name), then id. */
export function compareJobsAsGitLab(a: GraphJobInput, b: GraphJobInput): number {
  return compareSortableNames(a.name, b.name) || compareText(a.name, b.name) || a.id - b.id;
}

/** `jobs` in compareJobsAsGitLab's order, each name's sort key computed once (a stage may hold hundreds). */
export function sortJobsAsGitLab<J extends GraphJobInput>(jobs: readonly J[]): J[] {
  return jobs
    .map((job) => ({ job, key: sortKey(job.name) }))
    .sort((a, b) => compareSortKeys(a.key, b.key) || compareText(a.job.name, b.job.name) || a.job.id - b.job.id)
    .map(({ job }) => job);
}

/** Marks a job carries in the graph. */
export interface JobFlags {
  allowFailure: boolean;
  /** Failed or canceled but allowed to: a warning, not a failure. */
  failedButAllowed: boolean;
  manual: boolean;
  scheduled: boolean;
}

/** The marks of one job (allow_failure, manual, scheduled). */
export function jobFlags(job: Pick<GraphJobInput, 'status' | 'allow_failure'>): JobFlags {
  const allowFailure = job.allow_failure === true;
  return {
    allowFailure,
    failedButAllowed: allowFailure && (job.status === 'failed' || job.status === 'canceled'),
    manual: job.status === 'manual',
    scheduled: job.status === 'scheduled',
  };
}

/** single: one job named as its group; parallel: `name i/n` jobs; matrix: `name: [values]` jobs. */
export type GroupKind = 'single' | 'parallel' | 'matrix';

export interface JobGroup<J extends GraphJobInput = GraphJobInput> {
  name: string;
  /** Number of current (not retried) jobs. */
  size: number;
  /** Current jobs in GitLab's order. */
  jobs: J[];
  /** Older attempts of these jobs (only when retried jobs were asked for), newest first. */
  retried: J[];
  kind: GroupKind;
  /** Composite of the current jobs, as GitLab computes a group's status. */
  status: CompositeStatus | null;
  /** A job failed but was allowed to. */
  warnings: boolean;
  /** Every current job may fail. */
  allowFailure: boolean;
  /** Some current job waits for someone to play it. */
  manual: boolean;
  /** Some current job waits for its delay. */
  scheduled: boolean;
}

export interface GroupJobsOptions {
  /** Ids of jobs that are older attempts (see detectRetried); they join `retried`, not `jobs`. */
  retriedIds?: ReadonlySet<number>;
}

function kindOf(name: string, jobs: readonly GraphJobInput[]): GroupKind {
  const first = jobs[0];
  if (jobs.length === 1 && first !== undefined && first.name === name) return 'single';
  // The part GitLab stripped tells matrix (`: [..]`) from parallel (`i/n`).
  return jobs.some((j) => j.name.slice(name.length).includes('[')) ? 'matrix' : 'parallel';
}

/** Groups a stage's jobs as Ci::Group.fabricate does: sorted by sortable name, grouped by groupName, in first-seen order. */
export function groupJobs<J extends GraphJobInput>(jobs: readonly J[], options: GroupJobsOptions = {}): JobGroup<J>[] {
  const retriedIds = options.retriedIds ?? new Set<number>();
  const sorted = sortJobsAsGitLab(jobs);
  const byName = new Map<string, { current: J[]; retried: J[] }>();
  for (const job of sorted) {
    const key = groupName(job.name);
    let entry = byName.get(key);
    if (entry === undefined) {
      entry = { current: [], retried: [] };
      byName.set(key, entry);
    }
    (retriedIds.has(job.id) ? entry.retried : entry.current).push(job);
  }
  const groups: JobGroup<J>[] = [];
  for (const [name, { current, retried }] of byName) {
    // A group made only of older attempts (its job was renamed or removed) still shows
    // them, so the toggle never hides data; its status is then that of the attempts.
    const basis = current.length > 0 ? current : retried;
    const composite = compositeStatus(basis);
    const flags = basis.map(jobFlags);
    groups.push({
      name,
      size: current.length,
      jobs: current,
      retried: [...retried].sort((a, b) => b.id - a.id),
      kind: kindOf(name, basis),
      status: composite.status,
      warnings: composite.warnings,
      allowFailure: flags.length > 0 && flags.every((f) => f.allowFailure),
      manual: flags.some((f) => f.manual),
      scheduled: flags.some((f) => f.scheduled),
    });
  }
  return groups;
}

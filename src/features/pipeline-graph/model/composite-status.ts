// The status of a set of jobs (a group, a stage, a pipeline) as GitLab computes it.
// Follows gitlab-org/gitlab `lib/gitlab/ci/status/composite.rb` (Gitlab::Ci::Status::Composite,
// the version that knows `waiting_for_callback` and `canceling`) and the status sets of
// `app/models/concerns/ci/has_status.rb` (Ci::HasStatus). Ci::Group#status calls it with
// `with_allow_failure: true`, which is what this module does.

import { isIgnoredStatus, isKnownStatus, isPassedWithWarningsStatus, type KnownJobStatus as KnownStatus } from '../../../gitlab/index.ts';

/** What Composite#status can return. */
export type CompositeStatus =
  | 'skipped'
  | 'success'
  | 'created'
  | 'preparing'
  | 'canceled'
  | 'pending'
  | 'running'
  | 'waiting_for_resource'
  | 'waiting_for_callback'
  | 'manual'
  | 'scheduled'
  | 'canceling'
  | 'failed';

/**
 * Ci::HasStatus::ORDERED_STATUSES: GitLab's "worst first" order, used by the pipeline mini
 * graph to sort jobs by status (doc/ci/jobs/index.md "The order of jobs in a pipeline").
 */
export const ORDERED_STATUSES: readonly KnownStatus[] = [
  'failed',
  'preparing',
  'pending',
  'running',
  'waiting_for_callback',
  'waiting_for_resource',
  'manual',
  'scheduled',
  'canceling',
  'canceled',
  'success',
  'skipped',
  'created',
];

export interface StatusInput {
  status: string;
  allow_failure?: boolean | null;
}

export interface CompositeResult {
  /** null for an empty set, as GitLab returns nil. */
  status: CompositeStatus | null;
  /** A failed or canceled job was allowed to fail ("passed with warnings"). */
  warnings: boolean;
  /** Statuses this model does not know, in first-seen order (each counted as in progress). */
  unknownStatuses: string[];
}

/** Composite status of jobs as GitLab computes it (allow_failure failures count as success with warnings). */
export function compositeStatus(jobs: readonly StatusInput[]): CompositeResult {
  const set = new Set<string>();
  const unknownStatuses: string[] = [];
  for (const job of jobs) {
    const allowed = job.allow_failure === true;
    if (allowed && isPassedWithWarningsStatus(job.status)) {
      set.add('success_with_warnings');
    } else if (allowed && isIgnoredStatus(job.status)) {
      set.add('ignored');
    } else if (isKnownStatus(job.status)) {
      set.add(job.status);
    } else {
      // GitLab validates statuses, so it never meets one it does not know; a dashboard
      // talking to a newer GitLab does. Every status added so far was an in-progress one
      // (preparing, waiting_for_resource, waiting_for_callback, canceling), so count it as
      // running rather than letting it fall through to "failed" as Composite would.
      if (!unknownStatuses.includes(job.status)) unknownStatuses.push(job.status);
      set.add('running');
    }
  }
  return { status: decide(set), warnings: set.has('success_with_warnings'), unknownStatuses };
}

function decide(set: ReadonlySet<string>): CompositeStatus | null {
  if (set.size === 0) return null;
  const onlyOf = (...names: string[]): boolean => {
    const matching = names.filter((n) => set.has(n)).length;
    return matching > 0 && matching === set.size;
  };
  const anyOf = (...names: string[]): boolean => names.some((n) => set.has(n));

  // The order matters: the first rules recognise exact sets, the later ones what is left.
  if (onlyOf('skipped', 'ignored')) return 'skipped';
  if (onlyOf('success', 'skipped', 'success_with_warnings', 'ignored')) return 'success';
  if (onlyOf('created', 'success_with_warnings', 'ignored')) return 'created';
  if (onlyOf('preparing', 'success_with_warnings', 'ignored')) return 'preparing';
  if (onlyOf('canceled', 'success', 'skipped', 'success_with_warnings', 'ignored')) return 'canceled';
  if (onlyOf('pending', 'created', 'skipped', 'success_with_warnings', 'ignored')) return 'pending';
  if (anyOf('running', 'pending')) return 'running';
  if (anyOf('waiting_for_resource')) return 'waiting_for_resource';
  if (anyOf('waiting_for_callback')) return 'waiting_for_callback';
  if (anyOf('manual')) return 'manual';
  if (anyOf('scheduled')) return 'scheduled';
  if (anyOf('preparing')) return 'preparing';
  if (anyOf('created')) return 'running';
  if (anyOf('canceling')) return 'canceling';
  return 'failed';
}

/** Rank of a status in ORDERED_STATUSES (unknown statuses after the known ones). */
export function statusRank(status: string): number {
  const i = (ORDERED_STATUSES as readonly string[]).indexOf(status);
  return i === -1 ? ORDERED_STATUSES.length : i;
}

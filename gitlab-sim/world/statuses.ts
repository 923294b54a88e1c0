import type { Job, JobStatus } from './model.ts';

type Consumed = JobStatus | 'success_with_warnings' | 'ignored';

/**
 * A pipeline's status from its jobs, following GitLab's Gitlab::Ci::Status::Composite:
 * failed jobs that may fail count as success with warnings, canceled or manual ones are ignored.
 */
export function compositeStatus(jobs: readonly Job[]): { status: JobStatus; warnings: boolean } {
  const seen = new Set<Consumed>();
  for (const job of jobs) {
    if (job.retried) continue;
    if (job.allowFailure && job.status === 'failed') seen.add('success_with_warnings');
    else if (job.allowFailure && (job.status === 'canceled' || job.status === 'manual')) seen.add('ignored');
    else seen.add(job.status);
  }
  const warnings = seen.has('success_with_warnings');
  const onlyOf = (...allowed: Consumed[]): boolean => [...seen].every((s) => allowed.includes(s));
  const anyOf = (...wanted: Consumed[]): boolean => wanted.some((s) => seen.has(s));
  const ok: Consumed[] = ['success', 'skipped', 'success_with_warnings', 'ignored'];
  let status: JobStatus;
  if (seen.size === 0) status = 'created';
  else if (onlyOf('skipped', 'ignored')) status = 'skipped';
  else if (onlyOf(...ok)) status = 'success';
  else if (onlyOf('created', ...ok)) status = 'created';
  else if (onlyOf('preparing', ...ok)) status = 'preparing';
  else if (onlyOf('canceled', ...ok)) status = 'canceled';
  else if (onlyOf('pending', 'created', ...ok)) status = 'pending';
  else if (anyOf('running', 'pending')) status = 'running';
  else if (anyOf('waiting_for_resource')) status = 'waiting_for_resource';
  else if (anyOf('waiting_for_callback')) status = 'waiting_for_callback';
  else if (anyOf('manual')) status = 'manual';
  else if (anyOf('scheduled')) status = 'scheduled';
  else if (anyOf('preparing')) status = 'preparing';
  else if (anyOf('created')) status = 'running';
  else if (anyOf('canceling')) status = 'canceling';
  else status = 'failed';
  return { status, warnings: status === 'success' && warnings };
}

export function isTerminal(status: JobStatus): boolean {
  return status === 'success' || status === 'failed' || status === 'canceled' || status === 'skipped';
}

interface DetailedStatusText {
  icon: string;
  text: string;
  label: string;
  group: string;
}

const DETAILED: Record<JobStatus, DetailedStatusText> = {
  created: { icon: 'status_created', text: 'Created', label: 'created', group: 'created' },
  waiting_for_resource: { icon: 'status_pending', text: 'Waiting', label: 'waiting for resource', group: 'waiting-for-resource' },
  preparing: { icon: 'status_preparing', text: 'Preparing', label: 'preparing', group: 'preparing' },
  waiting_for_callback: { icon: 'status_pending', text: 'Waiting', label: 'waiting for callback', group: 'waiting-for-callback' },
  pending: { icon: 'status_pending', text: 'Pending', label: 'pending', group: 'pending' },
  running: { icon: 'status_running', text: 'Running', label: 'running', group: 'running' },
  success: { icon: 'status_success', text: 'Passed', label: 'passed', group: 'success' },
  failed: { icon: 'status_failed', text: 'Failed', label: 'failed', group: 'failed' },
  canceling: { icon: 'status_canceled', text: 'Canceling', label: 'canceling', group: 'canceling' },
  canceled: { icon: 'status_canceled', text: 'Canceled', label: 'canceled', group: 'canceled' },
  skipped: { icon: 'status_skipped', text: 'Skipped', label: 'skipped', group: 'skipped' },
  manual: { icon: 'status_manual', text: 'Blocked', label: 'waiting for manual action', group: 'manual' },
  scheduled: { icon: 'status_scheduled', text: 'Scheduled', label: 'waiting for delayed job', group: 'scheduled' },
};

/** A pipeline's `detailed_status` (schemas/status/ci_detailed_status.json). */
export function detailedStatus(status: JobStatus, warnings: boolean, detailsPath: string): Record<string, unknown> {
  const d = warnings
    ? { icon: 'status_warning', text: 'Warning', label: 'passed with warnings', group: 'success-with-warnings' }
    : DETAILED[status];
  return {
    icon: d.icon,
    text: d.text,
    label: d.label,
    group: d.group,
    tooltip: d.label,
    has_details: true,
    details_path: detailsPath,
    illustration: null,
    favicon: `/assets/ci_favicons/favicon_${d.icon}.png`,
  };
}

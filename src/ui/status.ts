// How GitLab shows a job or pipeline status: the word, the icon and the colour family.
// Mirrors GitLab's Ci::Status classes (lib/gitlab/ci/status/*): an unknown status keeps
// its raw word and gets a neutral icon, so a newer GitLab never breaks the page.

export type StatusTone = 'success' | 'danger' | 'info' | 'warning' | 'neutral';

export type StatusIconName =
  | 'status_success'
  | 'status_failed'
  | 'status_running'
  | 'status_pending'
  | 'status_canceled'
  | 'status_skipped'
  | 'status_manual'
  | 'status_scheduled'
  | 'status_created'
  | 'status_warning'
  | 'status_preparing'
  | 'status_notfound';

export interface StatusLook {
  /** The word GitLab shows, e.g. "passed" for `success`. */
  label: string;
  icon: StatusIconName;
  tone: StatusTone;
}

const LOOKS: Record<string, StatusLook> = {
  success: { label: 'passed', icon: 'status_success', tone: 'success' },
  failed: { label: 'failed', icon: 'status_failed', tone: 'danger' },
  running: { label: 'running', icon: 'status_running', tone: 'info' },
  pending: { label: 'pending', icon: 'status_pending', tone: 'warning' },
  canceled: { label: 'canceled', icon: 'status_canceled', tone: 'neutral' },
  canceling: { label: 'canceling', icon: 'status_canceled', tone: 'neutral' },
  skipped: { label: 'skipped', icon: 'status_skipped', tone: 'neutral' },
  manual: { label: 'manual', icon: 'status_manual', tone: 'neutral' },
  scheduled: { label: 'scheduled', icon: 'status_scheduled', tone: 'neutral' },
  created: { label: 'created', icon: 'status_created', tone: 'neutral' },
  waiting_for_resource: { label: 'waiting for resource', icon: 'status_pending', tone: 'warning' },
  preparing: { label: 'preparing', icon: 'status_preparing', tone: 'neutral' },
  waiting_for_callback: { label: 'waiting for callback', icon: 'status_pending', tone: 'warning' },
};

const ALLOWED_FAILURE: StatusLook = { label: 'failed (allowed to fail)', icon: 'status_warning', tone: 'warning' };

/** The look of a status; `allowFailure` turns `failed` into GitLab's warning. */
export function statusLook(status: string | null | undefined, allowFailure = false): StatusLook {
  const raw = status ?? '';
  if (raw === 'failed' && allowFailure) return ALLOWED_FAILURE;
  const known = Object.hasOwn(LOOKS, raw) ? LOOKS[raw] : undefined;
  if (known) return known;
  return { label: raw === '' ? 'unknown' : raw, icon: 'status_notfound', tone: 'neutral' };
}

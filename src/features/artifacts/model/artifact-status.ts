/**
 * What a job's artifacts are, in words: browsable (kept or expiring), expired, erased, none,
 * only reports, or not yet there. From the Job fields alone; older GitLab omits `artifacts[]`
 * and `artifacts_expire_at`, and then only `artifacts_file` tells.
 */
import { isUnfinishedStatus, type Job } from '../../../gitlab/index.ts';

export type ArtifactStateKind = 'kept' | 'expiring' | 'expired' | 'erased' | 'none' | 'report-only' | 'not-yet';

export interface ArtifactState {
  kind: ArtifactStateKind;
  /** Whether there is an archive to list and browse. */
  browsable: boolean;
  title: string;
  detail: string;
  /** ISO time of expiry (past for `expired`, future for `expiring`). */
  expiresAt?: string;
  /** Report types uploaded beside (or instead of) the archive: junit, codequality, … */
  reports: string[];
}

type JobArtifactFields = Pick<Job, 'status' | 'erased_at' | 'artifacts_file' | 'artifacts' | 'artifacts_expire_at'>;

/** File types that are not reports a person would look for. */
const NOT_REPORTS = new Set(['archive', 'metadata', 'trace']);

function dateText(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').replace(/:\d\d\.\d{3}Z$/, ' UTC');
}

/** A coarse "in 3 days" / "2 hours ago" for expiry lines. */
export function relativeTime(iso: string, now: number): string {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return '';
  const diff = t - now;
  const abs = Math.abs(diff);
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  for (const [ms, name] of units) {
    if (abs >= ms) {
      const n = Math.floor(abs / ms);
      const word = `${n} ${name}${n === 1 ? '' : 's'}`;
      return diff >= 0 ? `in ${word}` : `${word} ago`;
    }
  }
  return diff >= 0 ? 'in less than a minute' : 'just now';
}

/** Describes a job's artifacts at `now` (ms). */
export function artifactState(job: JobArtifactFields, now: number = Date.now()): ArtifactState {
  const reports = [...new Set((job.artifacts ?? []).map((a) => a.file_type ?? '').filter((t) => t !== '' && !NOT_REPORTS.has(t)))];
  const hasArchive = !!job.artifacts_file || (job.artifacts ?? []).some((a) => a.file_type === 'archive');
  const expireAt = job.artifacts_expire_at ?? null;
  const expireMs = expireAt ? new Date(expireAt).getTime() : Number.NaN;

  if (job.erased_at) {
    return {
      kind: 'erased',
      browsable: false,
      title: 'Erased',
      detail: `This job was erased on ${dateText(job.erased_at)}: its log and artifacts were deleted.`,
      reports: [],
    };
  }
  if (expireAt && !Number.isNaN(expireMs) && expireMs <= now) {
    return {
      kind: 'expired',
      browsable: false,
      title: 'Expired',
      detail: `These artifacts expired ${relativeTime(expireAt, now)} (${dateText(expireAt)}) and were removed. Keep artifacts with "expire_in: never" or the Keep button to stop this.`,
      expiresAt: expireAt,
      reports,
    };
  }
  if (hasArchive) {
    if (expireAt && !Number.isNaN(expireMs)) {
      return {
        kind: 'expiring',
        browsable: true,
        title: `Expire ${relativeTime(expireAt, now)}`,
        detail: `These artifacts will be removed on ${dateText(expireAt)} unless they are kept.`,
        expiresAt: expireAt,
        reports,
      };
    }
    return { kind: 'kept', browsable: true, title: 'Kept', detail: 'These artifacts do not expire: they stay until the job is erased or they are deleted.', reports };
  }
  if (reports.length > 0) {
    return {
      kind: 'report-only',
      browsable: false,
      title: 'Reports only',
      detail: `This job uploaded only reports (${reports.join(', ')}), no archive of files to browse. GitLab shows them in the pipeline's Tests and merge request widgets.`,
      reports,
    };
  }
  if (isUnfinishedStatus(job.status)) {
    return { kind: 'not-yet', browsable: false, title: 'Not yet', detail: 'Artifacts are uploaded when the job finishes.', reports: [] };
  }
  return { kind: 'none', browsable: false, title: 'No artifacts', detail: 'This job did not upload any artifacts.', reports: [] };
}

import type { Job } from '../../gitlab/index.ts';

export interface ArtifactsSummary {
  /**
   * none: no artifacts; expired: the archive is gone because its expiry passed; kept: never
   * expire (kept by someone or no expiry set); expiring: has an expiry.
   */
  kind: 'none' | 'expired' | 'kept' | 'expiring';
  /** Size of the archive, when GitLab said it. */
  archiveBytes: number | null;
  /** The artifact files GitLab lists for the job (archive, metadata, reports). */
  files: { type: string; name: string; size: number | null }[];
  expireAt: string | null;
  expired: boolean;
}

/** What a job's artifacts are, from the job entity alone (`artifacts[]`, `artifacts_file`, `artifacts_expire_at`). */
export function artifactsSummary(job: Job, now: number): ArtifactsSummary {
  const files = (job.artifacts ?? []).map((a) => ({ type: a.file_type ?? 'file', name: a.filename ?? '', size: a.size ?? null }));
  const archive = files.find((f) => f.type === 'archive');
  const archiveBytes = job.artifacts_file?.size ?? archive?.size ?? null;
  const has = job.artifacts_file != null || archive !== undefined;
  const expireAt = job.artifacts_expire_at ?? null;
  const at = expireAt ? Date.parse(expireAt) : NaN;
  // An erased job has nothing left to open, whatever fields remain.
  if (job.erased_at) return { kind: 'none', archiveBytes: null, files, expireAt: null, expired: false };
  // GitLab keeps artifacts_expire_at after the archive expired, and may list the archive a while
  // longer: either way it is gone, and never offered for browsing.
  if (!Number.isNaN(at) && at <= now) return { kind: 'expired', archiveBytes: null, files, expireAt, expired: true };
  if (!has) return { kind: 'none', archiveBytes: null, files, expireAt: null, expired: false };
  return { kind: expireAt ? 'expiring' : 'kept', archiveBytes, files, expireAt, expired: !Number.isNaN(at) && at <= now };
}

/** `532 B`, `1.4 KiB`, `12.0 MiB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

// Lazily built, cached job content: logs (content/log.ts) and artifact archives.
import { canceledTail, logPrefixAt, renderLog } from '../content/log.ts';
import { buildArchive, type Archive } from './archive-standin.ts';
import { hasArchive, hasLog, getProject } from './engine.ts';
import type { Job, World } from './model.ts';

class Lru<V> {
  private readonly map = new Map<number, V>();
  constructor(private readonly capacity: number) {}
  get(key: number): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: number, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value;
      if (oldest === undefined) break;
      this.map.delete(oldest);
    }
  }
  clear(): void {
    this.map.clear();
  }
}

export class ContentStore {
  private readonly logs = new Lru<string>(48);
  private huge: { jobId: number; text: string; bytes?: Uint8Array<ArrayBuffer> } | null = null;
  private readonly archives = new Lru<Archive>(64);
  private readonly archiveSizes = new Map<number, number>();

  constructor(private readonly hugeLogBytes: number) {}

  clear(): void {
    this.logs.clear();
    this.archives.clear();
    this.archiveSizes.clear();
    this.huge = null;
  }

  /** The log as the job would write it in full (its planned outcome). */
  fullLog(world: World, job: Job): string {
    if (job.hugeLog && this.huge?.jobId === job.id) return this.huge.text;
    const cached = this.logs.get(job.id);
    if (cached !== undefined) return cached;
    const pipeline = world.pipelines.get(job.pipelineId);
    const project = getProject(world, job.projectId);
    const text = renderLog({
      seed: job.logSeed,
      jobName: job.name,
      stage: job.stage,
      ref: pipeline?.ref ?? 'main',
      sha: pipeline?.commit.sha ?? '0'.repeat(40),
      projectPath: project ? `${project.namespace.fullPath}/${project.path}` : 'unknown',
      outcome: job.plan.outcome,
      startedAt: job.startedAt ?? job.createdAt,
      durationSec: job.plan.runSec,
      timestamps: job.logTimestamps,
      ...(job.hugeLog ? { targetBytes: this.hugeLogBytes } : {}),
      ...(job.variables.length ? { variables: job.variables } : {}),
    });
    if (job.hugeLog) this.huge = { jobId: job.id, text };
    else this.logs.set(job.id, text);
    return text;
  }

  /** What `GET …/trace` answers at `now`: the part written so far; '' when there is no log. */
  trace(world: World, job: Job, now: number): string {
    if (!hasLog(job)) return '';
    const full = this.fullLog(world, job);
    const started = job.startedAt ?? now;
    const run = Math.max(1, job.plan.runSec * 1000);
    if (job.status === 'running') return logPrefixAt(full, (now - started) / run);
    if (job.cancelFraction !== null) {
      const part = logPrefixAt(full, job.cancelFraction);
      if (job.status === 'canceling') return part;
      return part + canceledTail({ at: job.finishedAt ?? now, timestamps: job.logTimestamps });
    }
    if (job.status === 'canceled') return logPrefixAt(full, 0.02) + canceledTail({ at: job.finishedAt ?? now, timestamps: job.logTimestamps });
    return full;
  }

  /** The trace as a response body; the huge log's bytes are encoded once and reused. */
  traceBody(world: World, job: Job, now: number): string | Uint8Array<ArrayBuffer> {
    const text = this.trace(world, job, now);
    const huge = this.huge;
    if (huge && huge.jobId === job.id && text === huge.text) {
      huge.bytes ??= new TextEncoder().encode(text);
      return huge.bytes;
    }
    return text;
  }

  archive(job: Job, now: number): Archive | null {
    if (!hasArchive(job, now) || !job.artifacts) return null;
    const cached = this.archives.get(job.id);
    if (cached) return cached;
    const archive = buildArchive({
      seed: job.logSeed,
      jobName: job.name,
      fileCount: job.artifacts.fileCount,
      totalBytes: job.artifacts.totalBytes,
    });
    this.archives.set(job.id, archive);
    this.archiveSizes.set(job.id, archive.zip.length);
    return archive;
  }

  /** The archive's byte size, building it once if need be. */
  archiveSize(job: Job, now: number): number | null {
    if (!hasArchive(job, now)) return null;
    const known = this.archiveSizes.get(job.id);
    if (known !== undefined) return known;
    return this.archive(job, now)?.zip.length ?? null;
  }
}

// Lazily built, cached job content: logs (content/log.ts) and artifact archives.
import { canceledTail, logPrefixAt, renderLog, type LogSpec } from '../content/log.ts';
import { buildArchive, jobArtifactsField, type Archive } from '../content/artifacts.ts';
import { hasArchive, hasLog } from './job-actions.ts';
import { getProject } from './lookup.ts';
import { isTerminal } from './statuses.ts';
import type { Job, World } from './model.ts';

export interface ArtifactField {
  file_type: string;
  size: number;
  filename: string;
  file_format: string;
}

class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly capacity: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: K, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value;
      if (oldest === undefined) break;
      this.map.delete(oldest);
    }
  }
}

// Content depends only on its spec, so the caches are shared by every simulator in the
// process (tests create many): keys are the specs, never job ids.
const logCache = new Lru<string, string>(48);
let hugeCache: { key: string; text: string; bytes?: Uint8Array<ArrayBuffer> } | null = null;
const archiveCache = new Lru<string, Archive>(64);
const archiveSizes = new Map<string, number>();
const artifactFields = new Map<string, ArtifactField[]>();
// Finished logs' byte sizes (a few bytes each; tests walk thousands of jobs in many simulators).
const traceSizes = new Map<string, number>();

function archiveKey(job: Job): string {
  const a = job.artifacts;
  return `${job.logSeed}\0${job.name}\0${a?.fileCount ?? 0}\0${a?.totalBytes ?? 0}`;
}

export class ContentStore {
  constructor(private readonly hugeLogBytes: number) {}

  /** The log as the job would write it in full (its planned outcome). */
  fullLog(world: World, job: Job): string {
    const key = this.logKey(world, job);
    if (job.hugeLog && hugeCache?.key === key) return hugeCache.text;
    const cached = logCache.get(key);
    if (cached !== undefined) return cached;
    const text = renderLog(JSON.parse(key) as LogSpec);
    if (job.hugeLog) hugeCache = { key, text };
    else logCache.set(key, text);
    return text;
  }

  /** The log's spec as a string: logs depend on nothing else, so it keys every content cache. */
  private logKey(world: World, job: Job): string {
    const pipeline = world.pipelines.get(job.pipelineId);
    const project = getProject(world, job.projectId);
    const spec: LogSpec = {
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
      ...(job.plan.cause && job.plan.outcome === 'failed' ? { cause: job.plan.cause, failureReason: job.plan.failureReason } : {}),
    };
    return JSON.stringify(spec);
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
    const huge = hugeCache;
    if (job.hugeLog && huge && text === huge.text) {
      huge.bytes ??= new TextEncoder().encode(text);
      return huge.bytes;
    }
    return text;
  }

  archive(job: Job, now: number): Archive | null {
    if (!hasArchive(job, now) || !job.artifacts) return null;
    const key = archiveKey(job);
    const cached = archiveCache.get(key);
    if (cached) return cached;
    const archive = buildArchive({
      seed: job.logSeed,
      jobName: job.name,
      fileCount: job.artifacts.fileCount,
      totalBytes: job.artifacts.totalBytes,
    });
    archiveCache.set(key, archive);
    archiveSizes.set(key, archive.zip.length);
    return archive;
  }

  /**
   * A job's `artifacts[]` as GitLab lists it: archive, metadata.gz, the log (`trace`, once the
   * job has finished and while it has a log: GitLab archives the live log into a trace artifact
   * when the job ends) and junit.xml.gz. The trace size is the real log's, so the first listing
   * of a page renders its jobs' logs once (about 2 ms each); sizes are cached by log spec.
   */
  artifactsField(world: World, job: Job, now: number): ArtifactField[] {
    const traceSize = isTerminal(job.status) && hasLog(job) ? this.traceSize(world, job, now) : 0;
    if (!hasArchive(job, now)) return traceSize > 0 ? jobArtifactsField(null, traceSize) : [];
    const key = `${archiveKey(job)}\0${traceSize}`;
    const known = artifactFields.get(key);
    if (known) return known;
    const field = jobArtifactsField(this.archive(job, now), traceSize);
    artifactFields.set(key, field);
    return field;
  }

  /** The byte size of a finished job's log. */
  traceSize(world: World, job: Job, now: number): number {
    const key = `${this.logKey(world, job)}\0${job.status}\0${job.finishedAt ?? ''}\0${job.cancelFraction ?? ''}`;
    const known = traceSizes.get(key);
    if (known !== undefined) return known;
    const size = utf8Length(this.trace(world, job, now));
    traceSizes.set(key, size);
    return size;
  }

  /** The archive's byte size, building it once if need be. */
  archiveSize(job: Job, now: number): number | null {
    if (!hasArchive(job, now)) return null;
    const known = archiveSizes.get(archiveKey(job));
    if (known !== undefined) return known;
    return this.archive(job, now)?.zip.length ?? null;
  }
}

/** UTF-8 byte length without encoding a copy (the huge log is 50 MB). */
function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

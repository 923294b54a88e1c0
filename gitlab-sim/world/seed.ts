// The seeded world: deterministic for a seed, with its times placed relative to `startAt`
// so that a fresh simulator always looks current. History is played by the same engine
// that moves the live world, so every seeded job went through real transitions.
import { cancelJob, eraseJob, keepArtifacts, retryJob } from './job-actions.ts';
import { pipelineJobs } from './lookup.ts';
import { createPipeline, type NewPipeline } from './pipelines.ts';
import { advancePipeline } from './progress.ts';
import type { Job, JobStatus, Pipeline, Project, World } from './model.ts';
import { seedFleet } from './fleet.ts';
import { createRandom } from './random.ts';
import { TEMPLATES, type PipelineTemplate } from './templates.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const SEED_USERS = {
  admin: { id: 1, username: 'root', name: 'Sim Admin', email: 'admin@example.com' },
  reader: { id: 2, username: 'reader', name: 'Sim Reader', email: 'reader@example.com' },
  alice: { id: 3, username: 'alice', name: 'Alice Developer', email: 'alice@example.com' },
} as const;

/** Period of the pipelines that keep arriving on project 1. */
export const PERIODIC_EVERY_MS = 5 * MIN;

function project(
  id: number,
  path: string,
  name: string,
  ns: Project['namespace'],
  extra: Partial<Project> = {},
): Project {
  return {
    id,
    name,
    path,
    description: `${name}: seeded by the simulated GitLab.`,
    namespace: ns,
    defaultBranch: 'main',
    createdAt: 0,
    protectedRefs: [],
    memberIds: [1, 2, 3],
    visibility: 'private',
    archiveAfterMs: null,
    ...extra,
  };
}

export interface SeedOptions {
  /** About how many jobs acme/tools/big-history holds (8 per pipeline); default 5,280. */
  bigProjectJobs?: number;
  /** Projects of the fleet (`--projects N`, see fleet.ts); default 0. */
  projects?: number;
}

/** Jobs per pipeline of the big project's template. */
const BIG_JOBS_PER_PIPELINE = 8;

export function seedWorld(seed: number, startAt: number, options: SeedOptions = {}): World {
  const acme = { id: 10, name: 'acme', path: 'acme', fullPath: 'acme', parentId: null };
  const platform = { id: 11, name: 'platform', path: 'platform', fullPath: 'acme/platform', parentId: 10 };
  const tools = { id: 12, name: 'tools', path: 'tools', fullPath: 'acme/tools', parentId: 10 };
  const secret = { id: 13, name: 'secret', path: 'secret', fullPath: 'acme/secret', parentId: 10 };
  const world: World = {
    seed,
    startAt,
    users: Object.values(SEED_USERS).map((u) => ({ ...u, createdAt: startAt - 400 * DAY })),
    projects: [
      project(1, 'backend', 'Backend', platform, { protectedRefs: ['production'], createdAt: startAt - 300 * DAY }),
      project(2, 'deploy', 'Deploy', platform, { createdAt: startAt - 250 * DAY }),
      project(3, 'big-history', 'Big History', tools, { createdAt: startAt - 200 * DAY, archiveAfterMs: 90 * DAY }),
      project(4, 'vault', 'Vault', secret, { memberIds: [1], createdAt: startAt - 100 * DAY }),
      project(5, 'storefront', 'Storefront', platform, { createdAt: startAt - 60 * DAY }),
    ],
    runners: [
      runner(1, 'shared-runner-1', '10.0.0.11', true, 's_5c1b0e2a4f6d', '17.11.1', '535ced5f'),
      runner(2, 'docker-autoscaler', '10.0.0.12', true, 's_89e5e9956577', '18.2.0', 'a1b2c3d4'),
      runner(3, 'k8s-runner', '10.0.0.13', false, 's_0d4c6a1e9b77', '18.8.0', '9f8e7d6c'),
    ],
    pipelines: new Map(),
    jobs: new Map(),
    projectJobs: new Map(),
    projectPipelines: new Map(),
    nextJobId: 10_001,
    nextPipelineId: 1_001,
    nextIid: new Map(),
    active: new Set(),
    periodicCount: 0,
    periodicEveryMs: PERIODIC_EVERY_MS,
    schedules: [],
  };
  void acme;
  const rng = createRandom(seed);

  // acme/tools/big-history: 660 finished pipelines x 8 jobs over four months, for paging.
  const bigCount = options.bigProjectJobs === undefined ? 660 : Math.max(1, Math.ceil(options.bigProjectJobs / BIG_JOBS_PER_PIPELINE));
  for (let k = 0; k < bigCount; k++) {
    const at = startAt - 120 * DAY + Math.floor((k * 119 * DAY) / bigCount) + rng.int(0, 30) * MIN;
    const p = runTo(world, { projectId: 3, ref: rng.chance(0.85) ? 'main' : 'release/2.x', source: rng.pick(['push', 'push', 'schedule', 'web']), at, userId: 3, template: 'big' }, at + 150_000);
    if (k % 37 === 5) cancelAll(world, p, at + 150_000);
    advancePipeline(world, p, startAt);
  }

  // acme/platform/deploy and acme/secret/vault: a little history of their own.
  for (let k = 0; k < 10; k++) {
    const at = startAt - 5 * DAY + k * 11 * HOUR;
    advancePipeline(world, createPipeline(world, { projectId: 2, ref: 'main', source: 'push', at, userId: 3, template: 'deploy' }), startAt);
  }
  for (let k = 0; k < 3; k++) {
    const at = startAt - 3 * DAY + k * DAY;
    advancePipeline(world, createPipeline(world, { projectId: 4, ref: 'main', source: 'push', at, userId: 1, template: 'vault' }), startAt);
  }

  seedBackend(world, startAt);
  seedStorefront(world, startAt);
  seedFleet(world, options.projects ?? 0, startAt);
  return world;
}

function runner(id: number, description: string, ip: string, shared: boolean, systemId: string, version: string, revision: string) {
  return { id, description, ipAddress: ip, name: description, isShared: shared, managerId: id, systemId, version, revision };
}

function runTo(world: World, spec: NewPipeline, until: number): Pipeline {
  const p = createPipeline(world, spec);
  advancePipeline(world, p, until);
  return p;
}

function cancelAll(world: World, p: Pipeline, at: number): void {
  for (const job of pipelineJobs(world, p)) if (!job.retried) cancelJob(world, job, at);
}

function byName(world: World, p: Pipeline, name: string): Job {
  const job = pipelineJobs(world, p).find((j) => j.name === name && !j.retried);
  if (!job) throw new Error(`seed: no job ${name} in pipeline ${p.id}`);
  return job;
}

function setPlan(overrides: Record<string, Partial<Job['plan']>>, allSucceed = false): (job: Job) => void {
  return (job) => {
    if (allSucceed && !job.allowFailure) job.plan.outcome = 'success';
    const o = overrides[job.name];
    if (o) Object.assign(job.plan, o);
  };
}

function hold(status: JobStatus, until: number): Partial<Job['plan']> {
  return { hold: { status, until } };
}

const HUGE_TEMPLATE: PipelineTemplate = (() => {
  const base = TEMPLATES['backend'];
  if (!base) throw new Error('backend template missing');
  return {
    stages: base.stages,
    jobs: [
      ...base.jobs,
      { name: 'huge-log', stage: 'test', runSec: [300, 300], hugeLog: true, tags: ['docker'] },
      { name: 'nightly-cleanup', stage: 'deploy', when: 'delayed', delaySec: 3 * 3600, runSec: [20, 30] },
    ],
  };
})();

/** acme/platform/backend: the demo project, holding every status at start. */
function seedBackend(world: World, S: number): void {
  // Two days of history on main, every two hours, plus a tag, a feature branch and production.
  for (let k = 0; k < 24; k++) {
    const at = S - 48 * HOUR + k * 2 * HOUR;
    const spec: NewPipeline = { projectId: 1, ref: 'main', source: 'push', at, userId: 3, template: 'backend' };
    if (k === 3) {
      // An erased job: log and artifacts removed an hour later.
      const p = runTo(world, spec, at + HOUR);
      eraseJob(world, byName(world, p, 'compile'), at + HOUR);
      advancePipeline(world, p, S);
    } else if (k === 10) {
      // A job that failed on a runner and was retried successfully.
      const p = runTo(world, { ...spec, adjust: setPlan({ lint: { outcome: 'failed', failureReason: 'runner_system_failure' } }, true) }, at + 30 * MIN);
      const again = retryJob(world, byName(world, p, 'lint'), at + 30 * MIN, 3);
      again.plan.outcome = 'success';
      advancePipeline(world, p, S);
    } else if (k === 14) {
      // Artifacts kept forever.
      const p = runTo(world, { ...spec, adjust: setPlan({}, true) }, at + 20 * MIN);
      keepArtifacts(byName(world, p, 'compile'));
      advancePipeline(world, p, S);
    } else if (k === 20) {
      // A failed test: the deploy stage is skipped.
      runTo(world, { ...spec, adjust: setPlan({ 'rspec 2/3': { outcome: 'failed', failureReason: 'script_failure' } }) }, S);
    } else {
      runTo(world, spec, S);
    }
    if (k === 6) runTo(world, { projectId: 1, ref: 'v1.4.0', tag: true, source: 'push', at: at + 15 * MIN, userId: 1, template: 'backend', adjust: setPlan({}, true) }, S);
    if (k === 9) runTo(world, { projectId: 1, ref: 'production', source: 'web', at: at + 20 * MIN, userId: 1, template: 'release' }, S);
  }

  // A pipeline canceled by hand on a feature branch.
  const fb = runTo(world, { projectId: 1, ref: 'feature/login-form', source: 'push', at: S - 2 * HOUR, userId: 3, template: 'backend' }, S - 2 * HOUR + 90_000);
  cancelAll(world, fb, S - 2 * HOUR + 90_000);
  advancePipeline(world, fb, S);

  // The huge log, and a delayed job that stays scheduled for hours.
  runTo(world, { projectId: 1, ref: 'main', source: 'push', at: S - 45 * MIN, userId: 3, template: HUGE_TEMPLATE, adjust: setPlan({}, true) }, S);

  // Live: running, pending and created jobs, and an allowed failure.
  runTo(
    world,
    {
      projectId: 1,
      ref: 'main',
      source: 'push',
      at: S - 100_000,
      userId: 3,
      template: 'backend',
      adjust: setPlan(
        {
          compile: { runSec: 30, queueSec: 2 },
          lint: { runSec: 20, queueSec: 2 },
          'rspec 1/3': { runSec: 1800, queueSec: 2 },
          'rspec 2/3': { runSec: 30, queueSec: 2 },
          'rspec 3/3': { queueSec: 1500 },
          'test: [ruby, 3.2]': { runSec: 40, queueSec: 2 },
          'test: [ruby, 3.3]': { runSec: 45, queueSec: 2 },
          'flaky-integration': { runSec: 35, queueSec: 2, outcome: 'failed', failureReason: 'script_failure' },
        },
        true,
      ),
    },
    S,
  );

  // Live: preparing, waiting for a callback, waiting for a resource (on main, so they can be acted on).
  runTo(world, { projectId: 1, ref: 'main', source: 'web', at: S - 3 * MIN, userId: 1, template: 'release', adjust: setPlan({ migrate: hold('preparing', S + 2 * HOUR), 'approve-change': hold('waiting_for_callback', S + 2 * HOUR) }, true) }, S);
  runTo(world, { projectId: 1, ref: 'main', source: 'web', at: S - 2 * MIN, userId: 1, template: 'release', adjust: setPlan({ migrate: hold('waiting_for_resource', S + 2 * HOUR + 5 * MIN) }, true) }, S);

  // Live on the protected production branch: the api token's actions answer 403 there.
  runTo(world, { projectId: 1, ref: 'production', source: 'web', at: S - 90_000, userId: 1, template: 'release', adjust: setPlan({ migrate: { runSec: 2 * 3600, queueSec: 2 }, 'approve-change': { queueSec: 2 * 3600 } }, true) }, S);

  // Live: a job that is being canceled and takes its time about it.
  const slow = runTo(world, { projectId: 1, ref: 'main', source: 'push', at: S - 10 * MIN, userId: 3, template: 'backend', adjust: setPlan({ 'rspec 1/3': { runSec: 3000 } }, true) }, S - 20_000);
  const e2e = byName(world, slow, 'rspec 1/3');
  cancelJob(world, e2e, S - 20_000);
  e2e.cancelingUntil = S + 2 * HOUR;
  advancePipeline(world, slow, S);
}

// ---- acme/platform/storefront: why did it fail ----------------------------------------------

/** Pipelines on storefront's main; the newest (k = 7) is the one the failure stories start from. */
export const STOREFRONT_PIPELINES = 8;

const PG_DOWN = (k: number, i: number) => [
  `PG::ConnectionBad: connection to server at "postgres" (172.17.0.${3 + ((i + k) % 5)}), port 5432 failed: Connection refused`,
  `\tIs the server running on that host and accepting TCP/IP connections?`,
];
const CART_BUG = (i: number) => [`TypeError: Cannot read properties of undefined (reading 'price') at src/cart/line-item.ts:${40 + i}:${7 + i}`];
const EMULATOR = (i: number) => [`Error: Timed out after ${600_000 - i * 1_000}ms waiting for emulator-${5554 + 2 * i} to boot`];
const SIMULATOR = (k: number, i: number) => [
  `error: xcodebuild: Testing failed: Unable to boot simulator iPhone 15 (${(0x6f3a0000 + k * 97 + i).toString(16).toUpperCase()}-41C2-9D1E-0A7B3C5E${(1000 + i).toString(16).toUpperCase()})`,
];

/**
 * Which storefront jobs fail in the k-th pipeline, and what they print. Eight services jobs lose
 * their database three pipelines ago (k = 5), api-pricing is flaky, the web unit tests break in
 * the newest pipeline, web-a11y has never passed since it was added (k = 3), the mobile
 * emulators time out since k = 6. The newest pipeline has 30 failed jobs over its three children.
 */
export function storefrontFailure(k: number, name: string): { cause: string[]; reason: string } | null {
  const api = ['orders', 'payments', 'catalog', 'search', 'users', 'carts', 'invoices', 'shipping'].indexOf(name.replace(/^api-/, ''));
  if (name.startsWith('api-') && api >= 0) return k >= 5 ? { cause: PG_DOWN(k, api), reason: 'script_failure' } : null;
  if (name === 'api-reviews') return k === 7 ? { cause: ['Failure/Error: expect(review.stars).to eq(5)', '  expected: 5', '       got: 4'], reason: 'script_failure' } : null;
  if (name === 'api-pricing') return k % 2 === 1 ? { cause: ['Failure/Error: expect(price).to eq(Money.new(1999))', '  expected: 19.99 EUR', '       got: 20.00 EUR'], reason: 'script_failure' } : null;
  const unit = /^web-unit (\d)\/8$/.exec(name);
  if (unit) return k === 7 ? { cause: CART_BUG(Number(unit[1])), reason: 'script_failure' } : null;
  if (name === 'web-a11y') return k >= 3 ? { cause: ['Error: axe found 3 accessibility violations on /checkout (color-contrast, label, region)'], reason: 'script_failure' } : null;
  if (name === 'web-lint') return k >= 6 ? { cause: [`error  'discount' is assigned a value but never used  no-unused-vars (src/cart/totals.ts:${12 + k})`], reason: 'script_failure' } : null;
  const android = /^(android-unit|detox) (\d)\/4$/.exec(name);
  if (android) {
    const i = Number(android[2]) + (android[1] === 'detox' ? 4 : 0);
    return k >= 6 ? { cause: EMULATOR(i), reason: android[1] === 'detox' ? 'job_execution_timeout' : 'script_failure' } : null;
  }
  if (name === 'ios-unit' || name === 'ios-ui') return k >= 6 ? { cause: SIMULATOR(k, name === 'ios-ui' ? 1 : 0), reason: 'script_failure' } : null;
  return null;
}

function seedStorefront(world: World, S: number): void {
  for (let k = 0; k < STOREFRONT_PIPELINES; k++) {
    const at = S - (STOREFRONT_PIPELINES - k) * 90 * MIN;
    const parent = createPipeline(world, { projectId: 5, ref: 'main', source: 'push', at, userId: k % 3 === 1 ? 1 : 3, template: 'storefront', adjust: setPlan({}, true) });
    // web-a11y arrived in k = 3: older web pipelines do not have it.
    const adjust = (job: Job): void => {
      const failure = storefrontFailure(k, job.name);
      job.plan.outcome = failure ? 'failed' : 'success';
      if (failure) {
        job.plan.cause = failure.cause;
        job.plan.failureReason = failure.reason;
      }
    };
    // The children are made when their trigger jobs start: step until all three exist, then plan them.
    const seen = new Set<number>();
    for (let t = at; t < at + 30 * MIN && seen.size < 3; t += 5_000) {
      advancePipeline(world, parent, t);
      for (const bridge of pipelineJobs(world, parent)) {
        const childId = bridge.downstreamPipelineId;
        if (childId === null || seen.has(childId)) continue;
        seen.add(childId);
        const child = world.pipelines.get(childId);
        if (!child) continue;
        for (const job of pipelineJobs(world, child)) adjust(job);
        if (k < 3) {
          const a11y = pipelineJobs(world, child).find((j) => j.name === 'web-a11y');
          if (a11y) removeJob(world, child, a11y);
        }
      }
    }
    advancePipeline(world, parent, S);
  }
}

/** Drops a job that a pipeline's configuration did not have yet. */
function removeJob(world: World, pipeline: Pipeline, job: Job): void {
  world.jobs.delete(job.id);
  pipeline.jobIds = pipeline.jobIds.filter((id) => id !== job.id);
  const list = world.projectJobs.get(pipeline.projectId);
  if (list) world.projectJobs.set(pipeline.projectId, list.filter((id) => id !== job.id));
}

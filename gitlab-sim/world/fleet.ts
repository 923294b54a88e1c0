// The fleet (`--projects N`, `createSim({ projects: N })`): N ordinary services with pipelines
// that keep arriving on a few refs, so a wall of twenty projects can be shown and measured.
// Some are flaky, some slow, one deploys by hand (a blocking manual job), some run their
// end-to-end tests in a child pipeline. Deterministic for a seed, like the rest of the world.
import { pipelineJobs } from './lookup.ts';
import { createPipeline } from './pipelines.ts';
import { advancePipeline, advanceSchedule, authoredBy } from './progress.ts';
import type { Job, Namespace, Pipeline, Project, Schedule, World } from './model.ts';
import { createRandom } from './random.ts';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/** Ids of the fleet's projects start here (the seeded ones are 1–4). */
export const FLEET_FIRST_PROJECT_ID = 101;
export const FLEET_GROUP = 'acme/fleet';
/** Every third project sits in this subgroup (so `wall.groups: ["acme/fleet"]` must include subgroups). */
export const FLEET_SUBGROUP = 'acme/fleet/edge';
/** The most a simulator makes. */
export const FLEET_MAX_PROJECTS = 500;
/** Seeded history per schedule: this many earlier pushes, already run. */
const HISTORY = 10;

export const FLEET_USERS = [
  { id: 4, username: 'bob', name: 'Bob Builder', email: 'bob@example.com' },
  { id: 5, username: 'carol', name: 'Carol Tester', email: 'carol@example.com' },
  { id: 6, username: 'dave', name: 'Dave Deployer', email: 'dave@example.com' },
] as const;

const NAMES = [
  'api-gateway', 'billing', 'catalog', 'checkout', 'identity', 'inventory', 'notifications', 'orders', 'payments', 'search',
  'shipping', 'web-shop', 'mobile-bff', 'analytics', 'reports', 'scheduler', 'media', 'pricing', 'reviews', 'recommendations',
];

/** The name of the fleet's k-th project (0-based). */
export function fleetProjectName(k: number): string {
  const base = NAMES[k % NAMES.length] ?? 'service';
  return k < NAMES.length ? base : `${base}-${Math.floor(k / NAMES.length) + 1}`;
}

/** The template of the k-th project: the third deploys by hand; the others vary by k. */
function templateFor(k: number): string {
  if (k === 2) return 'fleet-manual';
  switch (k % 5) {
    case 1:
      return 'fleet-flaky';
    case 3:
      return 'fleet-slow';
    case 4:
      return k % 2 === 0 ? 'fleet-child' : 'fleet';
    default:
      return k % 4 === 0 ? 'fleet-child' : 'fleet';
  }
}

/** Adds `count` projects, their users, schedules and a little history, all run up to `startAt`. */
export function seedFleet(world: World, count: number, startAt: number): void {
  const n = Math.max(0, Math.min(FLEET_MAX_PROJECTS, Math.floor(count)));
  if (n === 0) return;
  const rng = createRandom(world.seed ^ 0xf1ee7);
  const fleet: Namespace = { id: 20, name: 'fleet', path: 'fleet', fullPath: FLEET_GROUP, parentId: 10 };
  const edge: Namespace = { id: 21, name: 'edge', path: 'edge', fullPath: FLEET_SUBGROUP, parentId: 20 };
  for (const u of FLEET_USERS) world.users.push({ ...u, createdAt: startAt - 200 * DAY });
  const userIds = [3, ...FLEET_USERS.map((u) => u.id)];

  for (let k = 0; k < n; k++) {
    const name = fleetProjectName(k);
    const project: Project = {
      id: FLEET_FIRST_PROJECT_ID + k,
      name: name.split('-').map((w) => w.slice(0, 1).toUpperCase() + w.slice(1)).join(' '),
      path: name,
      description: `${name}: a service of the simulated fleet.`,
      namespace: k % 3 === 2 ? edge : fleet,
      defaultBranch: 'main',
      createdAt: startAt - (150 - k) * DAY,
      protectedRefs: [],
      memberIds: [1, 2, ...userIds],
      visibility: 'private',
      archiveAfterMs: null,
    };
    world.projects.push(project);
    const template = templateFor(k);
    const refs: [string, number][] = [['main', rng.int(9, 16) * MIN]];
    if (k % 3 === 0) refs.push(['develop', rng.int(14, 22) * MIN]);
    if (k % 7 === 1) refs.push(['release/2.x', rng.int(40, 60) * MIN]);
    for (const [ref, everyMs] of refs) {
      const schedule: Schedule = { projectId: project.id, ref, everyMs, offsetMs: rng.int(0, Math.floor(everyMs / 1000)) * 1000, template, userIds, next: -HISTORY };
      world.schedules.push(schedule);
      advanceSchedule(world, schedule, startAt);
    }
  }
}

export interface PushSpec {
  projectId: number;
  ref: string;
  /** `failed`: the first test job fails (script_failure); `success`: every job passes. Default: as the template's dice say. */
  outcome?: 'success' | 'failed';
  userId: number;
  title?: string;
  at: number;
}

/** A push that arrives now (the admin API's `/-/sim/push`): a pipeline from the project's template. */
export function pushPipeline(world: World, spec: PushSpec): Pipeline {
  const schedule = world.schedules.find((s) => s.projectId === spec.projectId);
  const template = schedule?.template ?? (spec.projectId === 1 ? 'backend' : spec.projectId === 2 ? 'deploy' : 'fleet');
  let failedOne = false;
  const adjust =
    spec.outcome === undefined
      ? undefined
      : (job: Job): void => {
          if (job.allowFailure || job.kind === 'bridge') return;
          if (spec.outcome === 'failed' && !failedOne && job.stage === 'test') {
            failedOne = true;
            job.plan.outcome = 'failed';
            job.plan.failureReason = 'script_failure';
          } else {
            job.plan.outcome = 'success';
          }
        };
  const p = createPipeline(world, { projectId: spec.projectId, ref: spec.ref, source: 'push', at: spec.at, userId: spec.userId, template, ...(adjust ? { adjust } : {}) });
  authoredBy(world, p, spec.userId);
  if (spec.title) {
    p.commit.title = spec.title;
    p.commit.message = `${spec.title}\n`;
  }
  if (spec.outcome === 'success') {
    // Child pipelines roll their own dice when they start; a "success" push must not fail there.
    for (const j of pipelineJobs(world, p)) if (j.downstream) j.downstream = { ...j.downstream, template: 'fleet-e2e-pass' };
  }
  advancePipeline(world, p, spec.at);
  return p;
}

// The CI configurations of the seeded projects, as job templates.

export interface JobTemplate {
  name: string;
  stage: string;
  kind?: 'build' | 'bridge';
  when?: 'on_success' | 'manual' | 'delayed' | 'always';
  allowFailure?: boolean;
  runSec?: [number, number];
  queueSec?: [number, number];
  failChance?: number;
  failureReasons?: string[];
  artifacts?: { fileCount: number; totalBytes: number; expireInMs: number | null };
  coverage?: boolean;
  tags?: string[];
  timestamps?: boolean;
  delaySec?: number;
  downstream?: { project: 'self' | number; kind: 'child' | 'multi'; template: string; ref?: string };
  hugeLog?: boolean;
}

export interface PipelineTemplate {
  stages: string[];
  jobs: JobTemplate[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const TEMPLATES: Record<string, PipelineTemplate> = {
  backend: {
    stages: ['build', 'test', 'deploy'],
    jobs: [
      {
        name: 'compile',
        stage: 'build',
        runSec: [40, 70],
        tags: ['docker', 'linux'],
        artifacts: { fileCount: 14, totalBytes: 90_000, expireInMs: 7 * DAY },
      },
      { name: 'lint', stage: 'build', runSec: [20, 40], failChance: 0.08, tags: ['docker'] },
      ...[1, 2, 3].map(
        (i): JobTemplate => ({
          name: `rspec ${i}/3`,
          stage: 'test',
          runSec: [60, 110],
          failChance: 0.07,
          coverage: true,
          timestamps: true,
          tags: ['docker', 'linux', 'ruby'],
          artifacts: { fileCount: 4, totalBytes: 30_000, expireInMs: DAY },
        }),
      ),
      ...['3.2', '3.3'].map(
        (v): JobTemplate => ({ name: `test: [ruby, ${v}]`, stage: 'test', runSec: [50, 80], failChance: 0.04, tags: ['docker'] }),
      ),
      {
        name: 'flaky-integration',
        stage: 'test',
        allowFailure: true,
        runSec: [30, 60],
        failChance: 0.5,
        failureReasons: ['script_failure', 'stuck_or_timeout_failure'],
      },
      { name: 'trigger-docs', stage: 'deploy', kind: 'bridge', downstream: { project: 'self', kind: 'child', template: 'docs' } },
      { name: 'deploy-downstream', stage: 'deploy', kind: 'bridge', downstream: { project: 2, kind: 'multi', template: 'deploy', ref: 'main' } },
      { name: 'deploy-production', stage: 'deploy', when: 'manual', allowFailure: true, runSec: [30, 50] },
    ],
  },
  docs: {
    stages: ['build', 'publish'],
    jobs: [
      { name: 'docs-build', stage: 'build', runSec: [20, 40], artifacts: { fileCount: 25, totalBytes: 120_000, expireInMs: 3 * HOUR } },
      { name: 'docs-publish', stage: 'publish', runSec: [10, 20] },
    ],
  },
  deploy: {
    stages: ['deploy', 'verify'],
    jobs: [
      { name: 'deploy-staging', stage: 'deploy', runSec: [30, 60], tags: ['k8s'] },
      { name: 'smoke-test', stage: 'verify', runSec: [15, 30], failChance: 0.05 },
    ],
  },
  release: {
    stages: ['prepare', 'deploy', 'announce'],
    jobs: [
      { name: 'migrate', stage: 'prepare', runSec: [30, 60] },
      { name: 'approve-change', stage: 'prepare', runSec: [10, 20] },
      { name: 'deploy-production', stage: 'deploy', runSec: [40, 80], tags: ['k8s', 'production'] },
      { name: 'announce', stage: 'announce', runSec: [5, 10] },
    ],
  },
  big: {
    stages: ['build', 'test', 'release'],
    jobs: [
      { name: 'build', stage: 'build', runSec: [60, 180], artifacts: { fileCount: 6, totalBytes: 40_000, expireInMs: 14 * DAY } },
      { name: 'unit', stage: 'test', runSec: [60, 240], failChance: 0.06, coverage: true },
      { name: 'integration', stage: 'test', runSec: [120, 400], failChance: 0.08 },
      { name: 'e2e 1/2', stage: 'test', runSec: [200, 500], failChance: 0.05 },
      { name: 'e2e 2/2', stage: 'test', runSec: [200, 500], failChance: 0.05 },
      { name: 'lint', stage: 'test', runSec: [20, 60], allowFailure: true, failChance: 0.2 },
      { name: 'package', stage: 'release', runSec: [30, 90] },
      { name: 'publish', stage: 'release', when: 'manual', allowFailure: true, runSec: [20, 40] },
    ],
  },
  // acme/platform/storefront: a parent that triggers three child pipelines of twelve jobs each.
  storefront: {
    stages: ['build', 'test', 'downstream'],
    jobs: [
      { name: 'build', stage: 'build', runSec: [30, 60] },
      { name: 'lint', stage: 'test', runSec: [20, 40] },
      ...['services', 'web', 'mobile'].map(
        (name): JobTemplate => ({ name, stage: 'downstream', kind: 'bridge', downstream: { project: 'self', kind: 'child', template: `sf-${name}` } }),
      ),
    ],
  },
  'sf-services': {
    stages: ['test'],
    jobs: ['orders', 'payments', 'catalog', 'search', 'users', 'carts', 'invoices', 'shipping', 'reviews', 'pricing', 'stock', 'health'].map(
      (n): JobTemplate => ({ name: `api-${n}`, stage: 'test', runSec: [40, 90] }),
    ),
  },
  'sf-web': {
    stages: ['test'],
    jobs: [
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((i): JobTemplate => ({ name: `web-unit ${i}/8`, stage: 'test', runSec: [30, 70] })),
      ...['web-lint', 'web-a11y', 'web-build', 'web-e2e'].map((name): JobTemplate => ({ name, stage: 'test', runSec: [30, 70] })),
    ],
  },
  'sf-mobile': {
    stages: ['test'],
    jobs: [
      ...['ios-unit', 'ios-ui'].map((name): JobTemplate => ({ name, stage: 'test', runSec: [60, 120] })),
      ...[1, 2, 3, 4].map((i): JobTemplate => ({ name: `android-unit ${i}/4`, stage: 'test', runSec: [60, 120] })),
      ...[1, 2, 3, 4].map((i): JobTemplate => ({ name: `detox ${i}/4`, stage: 'test', runSec: [60, 120] })),
      ...['android-lint', 'mobile-build'].map((name): JobTemplate => ({ name, stage: 'test', runSec: [30, 60] })),
    ],
  },
  vault: {
    stages: ['test'],
    jobs: [
      { name: 'secrets-scan', stage: 'test', runSec: [20, 40] },
      { name: 'rotate-keys', stage: 'test', when: 'manual', allowFailure: true, runSec: [10, 20] },
    ],
  },
  // The fleet (`--projects N`): ordinary services for the wall display.
  fleet: fleetTemplate({}),
  'fleet-flaky': fleetTemplate({ flaky: true }),
  'fleet-slow': fleetTemplate({ slow: true }),
  'fleet-manual': fleetTemplate({ manualDeploy: true }),
  'fleet-child': fleetTemplate({ child: true }),
  'fleet-e2e': {
    stages: ['e2e'],
    jobs: [
      { name: 'browser-tests', stage: 'e2e', runSec: [60, 120], failChance: 0.25, failureReasons: ['script_failure', 'job_execution_timeout'] },
      { name: 'api-tests', stage: 'e2e', runSec: [40, 80], failChance: 0.1 },
    ],
  },
  'fleet-e2e-pass': {
    stages: ['e2e'],
    jobs: [
      { name: 'browser-tests', stage: 'e2e', runSec: [60, 120] },
      { name: 'api-tests', stage: 'e2e', runSec: [40, 80] },
    ],
  },
};

interface FleetShape {
  /** An integration suite that fails one time in three. */
  flaky?: boolean;
  /** A long end-to-end stage (10-15 minutes). */
  slow?: boolean;
  /** Deploys only by hand: a manual job that is not allowed to fail blocks the pipeline (`manual`). */
  manualDeploy?: boolean;
  /** Its end-to-end tests run in a child pipeline. */
  child?: boolean;
}

function fleetTemplate(shape: FleetShape): PipelineTemplate {
  const jobs: JobTemplate[] = [
    { name: 'build', stage: 'build', runSec: shape.slow ? [120, 200] : [30, 60], artifacts: { fileCount: 3, totalBytes: 20_000, expireInMs: DAY } },
    { name: 'lint', stage: 'build', runSec: [15, 30], failChance: 0.02 },
    { name: 'unit', stage: 'test', runSec: [45, 90], failChance: shape.flaky ? 0.1 : 0.04, coverage: true },
    {
      name: 'integration',
      stage: 'test',
      runSec: [60, 120],
      failChance: shape.flaky ? 0.35 : 0.04,
      failureReasons: shape.flaky ? ['script_failure', 'stuck_or_timeout_failure', 'runner_system_failure'] : ['script_failure'],
    },
  ];
  if (shape.slow) jobs.push({ name: 'e2e', stage: 'test', runSec: [600, 900], failChance: 0.08 });
  if (shape.child) jobs.push({ name: 'trigger-e2e', stage: 'test', kind: 'bridge', downstream: { project: 'self', kind: 'child', template: 'fleet-e2e' } });
  jobs.push(
    shape.manualDeploy
      ? { name: 'deploy-production', stage: 'deploy', when: 'manual', runSec: [30, 60] }
      : { name: 'deploy-staging', stage: 'deploy', runSec: [20, 40], failChance: 0.02 },
  );
  return { stages: ['build', 'test', 'deploy'], jobs };
}

// npm run sim -- [--port 4010] [--host 127.0.0.1] [--seed 1] [--speed 1] [--paused]
//                [--huge-log-bytes 50000000] [--api-version 18.8.2-ee] [--big-project-jobs 12000]
//                [--projects 20] [--oauth-redirect-uri http://127.0.0.1:5173/oauth/callback]…
import { parseArgs } from 'node:util';
import { createSim, serveSim, SIM_OAUTH_CLIENT_ID, SIM_TOKENS } from './index.ts';
import { DEFAULT_REDIRECT_URIS } from './oauth/store.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: '1' },
    speed: { type: 'string', default: '1' },
    paused: { type: 'boolean', default: false },
    'huge-log-bytes': { type: 'string', default: '50000000' },
    'api-version': { type: 'string' },
    'jobs-rate-limit': { type: 'string', default: '600' },
    'big-project-jobs': { type: 'string' },
    'oauth-redirect-uri': { type: 'string', multiple: true },
    projects: { type: 'string', default: '0' },
  },
});

function number(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isFinite(n)) {
    console.error(`--${name} must be a number`);
    process.exit(2);
  }
  return n;
}

const sim = createSim({
  seed: number('seed', values.seed),
  clockSpeed: number('speed', values.speed),
  paused: values.paused,
  hugeLogBytes: number('huge-log-bytes', values['huge-log-bytes']),
  jobsRateLimitPerMinute: number('jobs-rate-limit', values['jobs-rate-limit']),
  ...(values['api-version'] ? { apiVersion: values['api-version'] } : {}),
  ...(values['oauth-redirect-uri'] ? { oauthRedirectUris: values['oauth-redirect-uri'] } : {}),
  ...(values['big-project-jobs'] ? { bigProjectJobs: number('big-project-jobs', values['big-project-jobs']) } : {}),
  projects: number('projects', values.projects),
});
const server = await serveSim(sim, { port: number('port', values.port), host: values.host });
console.log(`gitlab-sim: simulated GitLab at ${server.url}`);
console.log(`  API:    ${server.url}/api/v4`);
console.log(`  tokens: ${SIM_TOKENS.api} (api)  ${SIM_TOKENS.read} (read_api)  ${SIM_TOKENS.expired} (expired)`);
console.log(`  OAuth:  demo application (public, scopes api read_api), client id ${SIM_OAUTH_CLIENT_ID}`);
console.log(`          redirect URIs ${(values['oauth-redirect-uri'] ?? DEFAULT_REDIRECT_URIS).join('  ')}`);
console.log(`          consent page ${server.url}/oauth/authorize (signed in as user 1)`);
console.log(`  knobs:  ${server.url}/-/sim/state  (POST /-/sim/reset, /-/sim/clock, /-/sim/faults, /-/sim/push)`);
if (Number(values.projects) > 0) console.log(`  fleet:  ${values.projects} projects in acme/fleet (and acme/fleet/edge), ids from 101`);

const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

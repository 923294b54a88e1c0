/**
 * `npm start`: the simulated GitLab and the dashboard's dev server, already connected.
 * The dev server answers `config.json` with the project's own file plus the simulator's
 * address and its public demo token (the only place a token is preconfigured).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createServer, type Plugin } from 'vite';
import { createSim, serveSim, SIM_OAUTH_CLIENT_ID } from '../gitlab-sim/index.ts';

const SIM_PORT = Number(process.env.SIM_PORT ?? 4010);
const APP_PORT = Number(process.env.PORT ?? 5173);
const DEMO_TOKEN = 'glpat-sim-api';
/** Projects of the simulator's fleet, for the wall (`WALL_PROJECTS=0` for none). */
const WALL_PROJECTS = Number(process.env.WALL_PROJECTS ?? 20);
const root = fileURLToPath(new URL('..', import.meta.url));

/** Where "Sign in with GitLab" comes back to on the dev server. */
const REDIRECT_URIS = [`http://127.0.0.1:${APP_PORT}/oauth/callback`, `http://localhost:${APP_PORT}/oauth/callback`];

async function startSim() {
  const sim = createSim({ seed: 1, projects: WALL_PROJECTS, oauthRedirectUris: REDIRECT_URIS });
  // The next free port when 4010 is taken (another checkout, a previous run).
  for (let port = SIM_PORT; port < SIM_PORT + 20; port++) {
    try {
      return await serveSim(sim, { port, host: '127.0.0.1' });
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'EADDRINUSE') throw e;
    }
  }
  throw new Error(`no free port for the simulator in ${SIM_PORT}–${SIM_PORT + 19}`);
}

async function readPublicConfig(): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(new URL('../public/config.json', import.meta.url), 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Serves config.json with the simulator's address and demo token merged in. */
function simConfig(simUrl: string): Plugin {
  return {
    name: 'dashboard-sim-config',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        if (!path.endsWith('/config.json')) {
          next();
          return;
        }
        void readPublicConfig().then((config) => {
          const gitlab = typeof config.gitlab === 'object' && config.gitlab !== null ? config.gitlab : {};
          const body = JSON.stringify({ ...config, gitlab: { ...gitlab, url: simUrl, token: DEMO_TOKEN, oauth: { clientId: SIM_OAUTH_CLIENT_ID, scopes: ['api'] } } }, null, 2);
          res.setHeader('content-type', 'application/json');
          res.setHeader('cache-control', 'no-store');
          res.end(body);
        });
      });
    },
  };
}

const simServer = await startSim();
const simUrl = simServer.url.replace(/\/+$/, '');
const vite = await createServer({
  root,
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  plugins: [simConfig(simUrl)],
  server: { host: '127.0.0.1', port: APP_PORT },
});
await vite.listen();
const appUrl = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${APP_PORT}/`;
const wallUrl = `${appUrl}wall?project=acme/platform/backend${WALL_PROJECTS > 0 ? '&group=acme/fleet' : ''}&title=Demo%20wall`;

console.log(`
  CI Jobs dashboard   ${appUrl}
  simulated GitLab    ${simUrl}   (admin: ${simUrl}/-/sim/state)
  team wall           ${wallUrl}

  The dashboard is connected with the simulator's demo token ${DEMO_TOKEN} (scope api).
  Other tokens to try in Settings: glpat-sim-read (read only), glpat-sim-expired (expired).
  Sign in with GitLab: the simulator's demo OAuth application (public client, no secret)
    client id      ${SIM_OAUTH_CLIENT_ID}
    redirect URIs  ${REDIRECT_URIS.join('  ')}
  Ctrl-C stops both.
`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([vite.close(), simServer.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

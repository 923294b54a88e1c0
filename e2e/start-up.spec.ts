/**
 * A first load's start-up (issue 18): config.json is asked for once, by the page's inline loader
 * beside the app's script, and never from the browser's cache (a changed file applies at the next
 * load); a pipeline named by its project's path asks for its data by that path beside the
 * project's lookup instead of after it, and only once.
 */
import { readFile } from 'node:fs/promises';
import { serveBuildUnder } from './sub-path-server.ts';
import { expect, test, TOKENS, type SimHandle } from './fixtures.ts';

const publicConfig = JSON.parse(await readFile(new URL('../public/config.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const firstLoad = expect.configure({ timeout: 20_000 });

async function newestPipelineId(sim: SimHandle): Promise<number> {
  const res = await fetch(`${sim.url}/api/v4/projects/1/pipelines?per_page=1`, { headers: { 'PRIVATE-TOKEN': TOKENS.read } });
  const [pipeline] = (await res.json()) as { id: number }[];
  if (!pipeline) throw new Error('the simulator has no pipeline');
  return pipeline.id;
}

test('config.json is asked for once per load, and a changed one applies at the next load', async ({ page, sim }) => {
  let config = JSON.stringify(publicConfig);
  const site = await serveBuildUnder('/ci/', { config: () => config });
  try {
    const id = await newestPipelineId(sim);
    const asked: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/config.json')) asked.push(request.url());
    });
    // No GitLab in config.json: the deep link goes to Settings first.
    await page.goto(`${site.url}acme/platform/backend/-/pipelines/${id}`);
    await firstLoad(page.getByLabel('GitLab address')).toBeVisible();
    expect(asked).toEqual([`${site.url}config.json`]);

    // Redeployed with a kiosk's GitLab and token (served cacheable for an hour): the next load has it.
    config = JSON.stringify({ ...publicConfig, gitlab: { url: sim.url, token: TOKENS.read } });
    await page.goto(`${site.url}acme/platform/backend/-/pipelines/${id}`);
    await firstLoad(page.getByRole('list', { name: `Stages of pipeline #${id}` })).toBeVisible();
    expect(asked).toEqual([`${site.url}config.json`, `${site.url}config.json`]);
  } finally {
    await site.close();
  }
});

test('a pipeline named by its project’s path is asked for by that path while the project is looked up', async ({ page, sim }) => {
  const site = await serveBuildUnder('/', { config: () => JSON.stringify({ ...publicConfig, gitlab: { url: sim.url, token: TOKENS.read } }) });
  try {
    const id = await newestPipelineId(sim);
    const project = 'acme%2Fplatform%2Fbackend';
    const api: string[] = [];
    let jobsAsked!: () => void;
    const jobsAskedEarly = new Promise<void>((resolve) => (jobsAsked = resolve));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!url.pathname.startsWith('/api/v4/')) return;
      api.push(url.pathname.slice('/api/v4'.length) + url.search);
      if (url.pathname.endsWith(`/projects/${project}/pipelines/${id}/jobs`)) jobsAsked();
    });
    // GitLab answers the project's lookup only once the pipeline's jobs have been asked for:
    // an app that waited for the lookup would never draw the graph.
    await page.route(
      (url) => url.pathname.endsWith(`/api/v4/projects/${project}`),
      async (route) => {
        await jobsAskedEarly;
        await route.continue();
      },
    );
    await page.goto(`${site.url}acme/platform/backend/-/pipelines/${id}`);
    await firstLoad(page.getByRole('list', { name: `Stages of pipeline #${id}` })).toBeVisible();

    // Each first request once, by the path; none asked again by the id.
    for (const path of [`/projects/${project}/pipelines/${id}`, `/projects/${project}/pipelines/${id}/jobs?page=1&per_page=100`, `/projects/${project}/pipelines/${id}/bridges?page=1&per_page=100`]) {
      expect(api.filter((p) => p === path)).toHaveLength(1);
    }
    expect(api.filter((p) => p.startsWith(`/projects/1/pipelines/${id}`))).toEqual([]);
  } finally {
    await site.close();
  }
});

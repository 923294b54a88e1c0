/**
 * Issue 12 item 2: GitLab answers an archive download with a 302 to object storage on another
 * origin. That storage here allows every header by CORS (the worst case) and records whether a
 * credential arrived: none may. The dashboard asks with `Authorization: Bearer` and lets the
 * browser follow, and browsers drop `Authorization` on a cross-origin redirect (a `PRIVATE-TOKEN`
 * header would have been forwarded).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { expect, test, TOKENS } from './fixtures.ts';

interface Arrival {
  method: string;
  path: string;
  credential: string | null;
}

const CREDENTIAL_HEADERS = ['private-token', 'authorization', 'job-token'];

function credentialOf(headers: IncomingHttpHeaders): string | null {
  for (const name of CREDENTIAL_HEADERS) {
    const value = headers[name];
    if (value) return `${name}: ${String(value)}`;
  }
  return null;
}

/** Object storage that allows any origin and any header, serves the simulator's archive, and writes down what arrived. */
async function permissiveStorage(simUrl: string): Promise<{ origin: string; arrivals: Arrival[]; server: Server }> {
  const arrivals: Arrival[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    arrivals.push({ method: req.method ?? 'GET', path, credential: credentialOf(req.headers) || (path.includes(TOKENS.api) ? 'in the URL' : null) });
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
      'Access-Control-Expose-Headers': 'Content-Range, Content-Length, Accept-Ranges, Content-Type',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    const range = req.headers.range;
    fetch(`${simUrl}${path}`, { method: req.method, headers: range ? { Range: range } : {} })
      .then(async (answer) => {
        const headers: Record<string, string> = { ...cors };
        for (const name of ['content-type', 'content-length', 'content-range', 'accept-ranges']) {
          const value = answer.headers.get(name);
          if (value) headers[name] = value;
        }
        res.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch(() => res.writeHead(502, cors).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { origin: `http://127.0.0.1:${port}`, arrivals, server };
}

async function knobs(simUrl: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${simUrl}/-/sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.ok).toBe(true);
}

test('an archive redirected to another origin that allows every header receives no token', async ({ page, connect, sim }) => {
  const storage = await permissiveStorage(sim.url);
  try {
    const res = await fetch(`${sim.url}/api/v4/projects/1/jobs?scope[]=success&per_page=100`, { headers: { 'PRIVATE-TOKEN': TOKENS.api } });
    const job = ((await res.json()) as { id: number; name: string; artifacts_file?: unknown; erased_at?: string | null }[]).find((j) => j.name === 'compile' && j.artifacts_file && !j.erased_at);
    if (!job) throw new Error('no compile job with artifacts');
    // Version 17 has no artifact tree: the browser reads the archive itself, through the redirect.
    await knobs(sim.url, { api_version: '17', artifacts_redirect: true, artifacts_redirect_to: storage.origin });
    await connect(page);
    await page.goto(`/acme/platform/backend/-/jobs/${job.id}/artifacts/browse`);
    await expect(page.getByRole('heading', { name: 'Artifacts', level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Folder reports' })).toBeVisible({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Download archive' }).click();
    await expect.poll(() => storage.arrivals.filter((a) => a.method === 'GET').length).toBeGreaterThan(1);
    // The storage was really used, and no request to it carried a credential.
    expect(storage.arrivals.filter((a) => a.credential !== null)).toEqual([]);
  } finally {
    await knobs(sim.url, { api_version: '18.8.2-ee', artifacts_redirect: false, artifacts_redirect_to: null });
    await new Promise((resolve) => storage.server.close(resolve));
  }
});

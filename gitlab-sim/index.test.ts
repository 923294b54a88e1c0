import { describe, expect, it } from 'vitest';
import { createSim, serveSim } from './index.ts';

describe('serveSim', () => {
  it('serves the same handler over real HTTP', async () => {
    const server = await serveSim(createSim({ paused: true, hugeLogBytes: 100_000 }), { port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/api/v4/projects/1/jobs?per_page=1`, { headers: { 'PRIVATE-TOKEN': 'glpat-sim-api' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('X-Next-Page')).toBe('2');
      const job = ((await res.json()) as { web_url: string }[])[0];
      expect(job?.web_url.startsWith(`${server.url}/acme/platform/backend/-/jobs/`)).toBe(true);
      const head = await fetch(`${server.url}/api/v4/projects/1`, { method: 'HEAD', headers: { 'PRIVATE-TOKEN': 'glpat-sim-api' } });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
    } finally {
      await server.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { createSim } from '../index.ts';
import { call, READ_TOKEN } from '../testing/client.ts';

type ProjectJson = { id: number; path_with_namespace: string; namespace: { full_path: string } };

describe('projects', () => {
  const sim = createSim({ paused: true, hugeLogBytes: 100_000 });

  it('lists the projects the token can see, with totals', async () => {
    const r = await call(sim, '/api/v4/projects?membership=true');
    expect(r.status).toBe(200);
    const paths = (r.body as ProjectJson[]).map((p) => p.path_with_namespace).sort();
    expect(paths).toEqual(['acme/platform/backend', 'acme/platform/deploy', 'acme/platform/storefront', 'acme/secret/vault', 'acme/tools/big-history']);
    expect(r.headers.get('X-Total')).toBe('5');
    const read = (await call(sim, '/api/v4/projects', { token: READ_TOKEN })).body as ProjectJson[];
    expect(read.map((p) => p.id).sort()).toEqual([1, 2, 3, 5]);
  });

  it('searches and pages', async () => {
    const found = (await call(sim, '/api/v4/projects?search=big')).body as ProjectJson[];
    expect(found.map((p) => p.id)).toEqual([3]);
    const page = await call(sim, '/api/v4/projects?per_page=2&page=2&order_by=id&sort=asc');
    expect((page.body as ProjectJson[]).map((p) => p.id)).toEqual([3, 4]);
    expect(page.headers.get('X-Prev-Page')).toBe('1');
    expect(page.headers.get('X-Next-Page')).toBe('3');
    expect(page.headers.get('X-Total-Pages')).toBe('3');
  });

  it('finds one project by id or URL-encoded path in nested groups', async () => {
    const byPath = await call(sim, '/api/v4/projects/acme%2Fplatform%2Fbackend');
    expect(byPath.status).toBe(200);
    const p = byPath.body as ProjectJson;
    expect(p.id).toBe(1);
    expect(p.namespace.full_path).toBe('acme/platform');
    expect(((await call(sim, '/api/v4/projects/3')).body as ProjectJson).path_with_namespace).toBe('acme/tools/big-history');
  });

  it('hides acme/secret/vault from the read token with 404 Project Not Found', async () => {
    expect((await call(sim, '/api/v4/projects/4')).status).toBe(200);
    const r = await call(sim, '/api/v4/projects/4', { token: READ_TOKEN });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ message: '404 Project Not Found' });
    expect((await call(sim, '/api/v4/projects/acme%2Fsecret%2Fvault/jobs', { token: READ_TOKEN })).status).toBe(404);
  });
});

// The wall's own entry (decision 0031): config.json, the session and the wall, without the router.
import { act, screen } from '@testing-library/react';
import type { Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bootWall } from './wall-boot.tsx';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const project = { id: 1, name: 'backend', path_with_namespace: 'acme/platform/backend', name_with_namespace: 'Acme / Platform / Backend', default_branch: 'main' };

let root: Root | null = null;
let container: HTMLElement | null = null;

afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
  root = null;
  window.history.replaceState(null, '', '/');
  document.documentElement.removeAttribute('data-theme');
  vi.unstubAllGlobals();
});

/** config.json as `config` (a string: sent as it is), a GitLab with one project and no pipelines. */
function stubSite(config: unknown) {
  const fetch = vi.fn(async (input: string | URL | Request) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (url.pathname === '/config.json') return typeof config === 'string' ? new Response(config, { headers: { 'content-type': 'application/json' } }) : json(config);
    const path = url.pathname.replace(/^\/api\/v4/, '');
    if (path === '/projects/acme%2Fplatform%2Fbackend' || path === '/projects/1') return json(project);
    if (path === '/projects/1/pipelines') return json([]);
    return json({ message: '404 Not Found' }, 404);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

async function openWall(address: string) {
  window.history.replaceState(null, '', address);
  container = document.createElement('div');
  document.body.append(container);
  root = await act(() => bootWall(container as HTMLElement));
}

describe('the wall’s own entry', () => {
  it('shows the wall of the address’s projects, in the wall theme, without the app’s header', async () => {
    stubSite({ gitlab: { url: 'https://gitlab.example.com', token: 'glpat-kiosk' } });
    await openWall('/wall?project=acme/platform/backend&title=Team');
    expect(await screen.findByRole('heading', { name: 'Team', level: 1 })).toBeTruthy();
    expect(await screen.findByRole('article', { name: /^acme\/platform\/backend main/ })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    expect(document.documentElement.getAttribute('data-theme')).toBe('wall');
  });

  it('says the wall is not connected when config.json names no GitLab', async () => {
    stubSite({});
    await openWall('/wall');
    expect(await screen.findByText('This wall is not connected to GitLab.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'CI wall', level: 1 })).toBeTruthy();
  });

  it('says what is wrong with config.json instead of a blank screen', async () => {
    stubSite('{ "gitlab": ');
    await openWall('/wall');
    expect(await screen.findByRole('heading', { name: 'The dashboard’s config.json is not usable', level: 1 })).toBeTruthy();
  });

  it('takes a token out of the address and says it was ignored', async () => {
    stubSite({ gitlab: { url: 'https://gitlab.example.com', token: 'glpat-kiosk' } });
    await openWall('/wall?project=acme/platform/backend&private_token=glpat-leak');
    expect(window.location.search).toBe('?project=acme%2Fplatform%2Fbackend');
    expect(await screen.findByText(/private_token/)).toBeTruthy();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { appUrl, wallContractRouter, wallLocation } from './wall-location.ts';

describe('appUrl', () => {
  it('puts an app path under the build’s folder', () => {
    expect(appUrl('/', 'https://tv.example/ci/', false)).toBe('https://tv.example/ci/');
    expect(appUrl('/settings?next=%2Fwall', 'https://tv.example/ci/', false)).toBe('https://tv.example/ci/settings?next=%2Fwall');
    expect(appUrl('acme/app/-/jobs', 'https://tv.example/', false)).toBe('https://tv.example/acme/app/-/jobs');
  });

  it('keeps embed mode when embedded, once', () => {
    expect(appUrl('/acme/app/-/jobs?scope=failed', 'https://portal.example/tools/ci/', true)).toBe('https://portal.example/tools/ci/acme/app/-/jobs?scope=failed&embed=1');
    expect(appUrl('/?embed=1', 'https://portal.example/', true)).toBe('https://portal.example/?embed=1');
  });
});

describe('wallLocation', () => {
  it('is the path under the basename, as the app’s router gives it', () => {
    expect(wallLocation('https://tv.example/ci/wall?project=a%2Fb#x', 'https://tv.example/ci/')).toEqual({ pathname: '/wall', search: '?project=a%2Fb', hash: '#x' });
    expect(wallLocation('https://tv.example/wall', 'https://tv.example/')).toEqual({ pathname: '/wall', search: '', hash: '' });
  });
});

describe('wallContractRouter', () => {
  it('leaves the wall for the page a portal names, keeping embed mode', async () => {
    const assign = vi.fn();
    const win = { location: { href: 'https://portal.example/ci/wall?embed=1', assign } } as unknown as Window;
    const router = wallContractRouter(win, 'https://portal.example/ci/', true);
    expect(router.state.location.pathname).toBe('/wall');
    expect(router.state.navigation.state).toBe('idle');
    await router.navigate('/acme/app/-/pipelines/5');
    expect(assign).toHaveBeenCalledWith('https://portal.example/ci/acme/app/-/pipelines/5?embed=1');
  });
});

import { describe, expect, it } from 'vitest';
import { keepEmbedInNavigations, withEmbedParam } from './keep-embed.ts';

describe('withEmbedParam', () => {
  it('adds embed=1 to any target, keeping its query and hash', () => {
    expect(withEmbedParam('/a/b/-/jobs?scope=failed#top')).toEqual({ pathname: '/a/b/-/jobs', search: '?scope=failed&embed=1', hash: '#top' });
    expect(withEmbedParam({ search: '?page=2' })).toEqual({ search: '?page=2&embed=1' });
    expect(withEmbedParam('#L12')).toEqual({ hash: '#L12', search: '?embed=1' });
    expect(withEmbedParam('/x?embed=1')).toBe('/x?embed=1');
  });
  it('wraps a router’s navigate, leaving history steps alone', async () => {
    const calls: unknown[] = [];
    const router = { navigate: (to: unknown) => (calls.push(to), Promise.resolve()) };
    keepEmbedInNavigations(router);
    await router.navigate('/settings');
    await router.navigate(-1);
    expect(calls).toEqual([{ pathname: '/settings', search: '?embed=1' }, -1]);
  });
});

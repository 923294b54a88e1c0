import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig } from './schema.ts';

describe('config.json schema', () => {
  it('fills every default from an empty object', () => {
    expect(DEFAULT_CONFIG).toEqual({
      gitlab: { url: '' },
      defaultProjects: [],
      refresh: { activeMs: 5000, idleMs: 30000, wallMs: 15000 },
      readOnly: false,
      theme: 'system',
      wall: { maxJobs: 60, showSuccessful: true },
      embed: { linkTarget: '_blank', hideNavigation: true, allowedOrigins: [] },
    });
  });

  it('accepts the shipped public/config.json, which carries no token', () => {
    const json: unknown = JSON.parse(readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8'));
    const result = parseConfig(json);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.config.gitlab.token).toBeUndefined();
  });

  it('accepts absolute and same-origin-proxy addresses, ids and paths', () => {
    const result = parseConfig({ gitlab: { url: '/gitlab' }, defaultProjects: ['acme/platform/backend', '3'], refresh: { activeMs: 2000 } });
    expect(result).toMatchObject({ ok: true, config: { gitlab: { url: '/gitlab' }, refresh: { activeMs: 2000, idleMs: 30000 } } });
  });

  it('lists every problem as a readable sentence', () => {
    const result = parseConfig({
      readonly: true,
      theme: 'blue',
      refresh: { activeMs: 10, idleMs: 'fast' },
      gitlab: { url: 'ftp://x', token: 42 },
      defaultProjects: ['not a path'],
      wall: { maxJobs: 0, colour: 'red' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        'Unknown setting “readonly”: did you mean “readOnly”?',
        'theme: must be "system", "light" or "dark" (got "blue")',
        'refresh.activeMs: must be at least 1000 ms (got 10)',
        'refresh.idleMs: must be a number of milliseconds (got "fast")',
        'defaultProjects[0]: must be a project path such as "group/project" or a numeric id (got "not a path")',
        'wall.maxJobs: must be at least 1 (got 0)',
      ]),
    );
    expect(result.problems.some((p) => p.startsWith('gitlab.url: must be an http(s) address'))).toBe(true);
    expect(result.problems.some((p) => p.startsWith('Unknown setting “colour” in wall; known:'))).toBe(true);
    // A token's value is never echoed back.
    const tokenProblem = result.problems.find((p) => p.startsWith('gitlab.token'));
    expect(tokenProblem).toBeDefined();
    expect(tokenProblem).toBe('gitlab.token: must be a text (and should be absent on a real deployment)');
  });

  it('takes the wall: projects as paths, ids or { project, refs }, groups, title, statuses', () => {
    const result = parseConfig({
      wall: {
        title: 'Platform',
        projects: ['acme/platform/backend', 7, { project: 'acme/platform/deploy', refs: ['main', 'release/2.x'] }].map((p) => (typeof p === 'number' ? String(p) : p)),
        groups: ['acme/fleet', '12'],
        statuses: ['failed', 'running'],
        showSuccessful: false,
      },
      refresh: { wallMs: 20_000 },
    });
    expect(result).toMatchObject({
      ok: true,
      config: {
        refresh: { wallMs: 20_000 },
        wall: { title: 'Platform', groups: ['acme/fleet', '12'], showSuccessful: false, projects: ['acme/platform/backend', '7', { project: 'acme/platform/deploy', refs: ['main', 'release/2.x'] }] },
      },
    });
    const bad = parseConfig({ wall: { projects: [{ project: 'acme/x', refs: [] }, { project: 'acme/y', branch: 'main' }, 'nope'], groups: ['a b'] } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.some((p) => p.startsWith('wall.projects[0]'))).toBe(true);
    expect(bad.problems).toContain('Unknown setting “branch” in wall.projects[1]; known: project, refs');
    expect(bad.problems.some((p) => p.startsWith('wall.projects[2]'))).toBe(true);
    expect(bad.problems.some((p) => p.startsWith('wall.groups[0]: must be a group path'))).toBe(true);
  });

  it('refuses what is not an object', () => {
    expect(parseConfig([1])).toEqual({ ok: false, problems: ['config.json must hold one JSON object ({ … }).'] });
  });
});

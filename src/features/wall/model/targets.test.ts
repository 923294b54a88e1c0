import { describe, expect, it } from 'vitest';
import { tileKey, wallSource } from './targets.ts';

describe('wallSource', () => {
  const config = { projects: ['acme/platform/backend', { project: 'acme/platform/deploy', refs: ['main', 'production'] }], groups: ['acme/fleet'], title: 'Platform' };

  it('takes config.json’s projects (with refs) and groups', () => {
    expect(wallSource(new URLSearchParams(''), config)).toEqual({
      source: { projects: [{ project: 'acme/platform/backend' }, { project: 'acme/platform/deploy', refs: ['main', 'production'] }], groups: ['acme/fleet'], title: 'Platform', from: 'config' },
      warnings: [],
    });
  });

  it('a one-off wall from the address replaces them: projects × refs, groups, title', () => {
    const { source, warnings } = wallSource(new URLSearchParams('project=acme/platform/backend&project=acme/platform/deploy&ref=main&ref=develop&group=acme/tools&title=Night'), config);
    expect(source).toEqual({
      projects: [
        { project: 'acme/platform/backend', refs: ['main', 'develop'] },
        { project: 'acme/platform/deploy', refs: ['main', 'develop'] },
      ],
      groups: ['acme/tools'],
      title: 'Night',
      from: 'url',
    });
    expect(warnings).toEqual([]);
  });

  it('says what it ignored', () => {
    expect(wallSource(new URLSearchParams('project=not%20a%20path&project=42'), {}).warnings).toEqual(['project=not a path was ignored: use a project path such as group/project, or a numeric id.']);
    expect(wallSource(new URLSearchParams('ref=main'), config).warnings[0]).toMatch(/^ref= was ignored/);
  });

  it('keys tiles by project and ref, case-insensitively for paths', () => {
    expect(tileKey('Acme/Web', 'main')).toBe('acme/web@main');
    expect(tileKey(7, 'v1.0')).toBe('7@v1.0');
  });
});

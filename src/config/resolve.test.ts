import { describe, expect, it } from 'vitest';
import { resolveConfig, resolveConnection } from './resolve.ts';
import { DEFAULT_CONFIG, parseConfig } from './schema.ts';
import type { RuntimeConfig } from './schema.ts';
import { parseUrlSettings, urlWithoutSecrets } from './url-params.ts';

function config(input: unknown): RuntimeConfig {
  const r = parseConfig(input);
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.config;
}

describe('parseUrlSettings', () => {
  it('reads embed, host, projects, theme and readonly', () => {
    const { overrides, warnings } = parseUrlSettings('?embed=1&host=https://g.example&project=a/b&project=c/d,e/f&theme=dark&readonly=1');
    expect(overrides).toEqual({ embed: true, host: 'https://g.example', projects: ['a/b', 'c/d', 'e/f'], theme: 'dark', readOnly: true });
    expect(warnings).toEqual([]);
  });

  it('ignores a token in the URL and says so', () => {
    const parsed = parseUrlSettings('?private_token=glpat-x&token=y&project=a/b');
    expect(parsed.secretParams).toEqual(['private_token', 'token']);
    expect(parsed.warnings[0]).toMatch(/token in the address .* was ignored/);
    expect(JSON.stringify(parsed.overrides)).not.toContain('glpat-x');
    expect(urlWithoutSecrets('https://d.example/ci/?private_token=glpat-x&project=a%2Fb#L1')).toBe('https://d.example/ci/?project=a%2Fb#L1');
    expect(urlWithoutSecrets('https://d.example/ci/?project=a')).toBeNull();
  });

  it('refuses to lift read-only and warns on bad values', () => {
    const { overrides, warnings } = parseUrlSettings('readonly=0&theme=neon&embed=maybe');
    expect(overrides).toEqual({});
    expect(warnings).toHaveLength(3);
  });
});

describe('resolveConfig: config.json ← browser ← URL', () => {
  const base = config({ gitlab: { url: 'https://gitlab.example.com' }, defaultProjects: ['acme/a'], refresh: { activeMs: 4000 }, theme: 'light' });

  it('uses config.json alone', () => {
    const e = resolveConfig({ config: base });
    expect(e).toMatchObject({ gitlabUrl: 'https://gitlab.example.com', gitlabUrlSource: 'config', projects: ['acme/a'], theme: 'light', readOnly: false, embed: false });
    expect(e.refresh).toEqual({ activeMs: 4000, idleMs: 30000, wallMs: 15000 });
    expect(e.wall.projects).toEqual(['acme/a']);
  });

  it('browser settings override config.json, URL parameters override both', () => {
    const saved = { host: 'https://other.example', remember: false };
    const browser = resolveConfig({ config: base, settings: { theme: 'dark', projects: ['acme/b'], refresh: { idleMs: 60000 } }, saved });
    expect(browser).toMatchObject({ gitlabUrl: 'https://other.example', gitlabUrlSource: 'browser', theme: 'dark', projects: ['acme/b'] });
    expect(browser.refresh).toEqual({ activeMs: 4000, idleMs: 60000, wallMs: 15000 });
    const url = resolveConfig({ config: base, settings: { theme: 'dark' }, saved, url: parseUrlSettings('?host=g3.example/api/v4&theme=system&embed=1&project=x/y') });
    expect(url).toMatchObject({ gitlabUrl: 'https://g3.example', gitlabUrlSource: 'url', theme: 'system', embed: true, projects: ['x/y'] });
  });

  it('read-only: config.json locks it; a person or a URL may only add it', () => {
    expect(resolveConfig({ config: config({ readOnly: true }), settings: { readOnly: false } })).toMatchObject({ readOnly: true, readOnlyLocked: true });
    expect(resolveConfig({ config: DEFAULT_CONFIG, settings: { readOnly: true } }).readOnly).toBe(true);
    expect(resolveConfig({ config: DEFAULT_CONFIG, url: parseUrlSettings('readonly=1') }).readOnly).toBe(true);
  });

  it('an empty url means "ask in Settings"; a relative one resolves against the document', () => {
    expect(resolveConfig({ config: DEFAULT_CONFIG }).gitlabUrl).toBeNull();
    expect(resolveConfig({ config: config({ gitlab: { url: '/gitlab/' } }), baseUrl: 'https://tools.example/ci/' }).gitlabUrl).toBe('https://tools.example/gitlab');
  });
});

describe('resolveConnection: a token only goes to its own host', () => {
  const base = config({ gitlab: { url: 'https://gitlab.example.com', token: 'glpat-kiosk' } });

  it('uses the saved token for the saved host, else config.json’s kiosk token for its url', () => {
    const saved = { host: 'https://gitlab.example.com', token: 'glpat-mine', remember: true };
    expect(resolveConnection({ gitlabUrl: 'https://gitlab.example.com' }, base, saved)).toEqual({ host: 'https://gitlab.example.com', token: 'glpat-mine', tokenSource: 'browser' });
    expect(resolveConnection({ gitlabUrl: 'https://gitlab.example.com' }, base, null)).toEqual({ host: 'https://gitlab.example.com', token: 'glpat-kiosk', tokenSource: 'config' });
  });

  it('a host from ?host= gets no token saved for another host', () => {
    const saved = { host: 'https://gitlab.example.com', token: 'glpat-mine', remember: true };
    const effective = resolveConfig({ config: base, saved, url: parseUrlSettings('?host=https://evil.example') });
    expect(resolveConnection(effective, base, saved)).toEqual({ host: 'https://evil.example', tokenSource: null });
  });

  it('no address, no connection', () => {
    expect(resolveConnection({ gitlabUrl: null }, DEFAULT_CONFIG, null)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeOrigin, parseInboundMessage, portalPath } from './embed-messages.ts';

const PORTAL = 'https://portal.example.com';

describe('parseInboundMessage', () => {
  it('takes the three messages of the contract from an allowed origin', () => {
    expect(parseInboundMessage(PORTAL, { type: 'ci-dashboard:token', token: 't', gitlabUrl: 'https://g.example' }, [PORTAL])).toEqual({
      type: 'ci-dashboard:token',
      token: 't',
      gitlabUrl: 'https://g.example',
    });
    expect(parseInboundMessage(PORTAL, { type: 'ci-dashboard:theme', theme: 'dark' }, [PORTAL])).toEqual({ type: 'ci-dashboard:theme', theme: 'dark' });
    expect(parseInboundMessage(PORTAL, { type: 'ci-dashboard:navigate', path: '/a/b/-/jobs' }, [PORTAL])).toEqual({ type: 'ci-dashboard:navigate', path: '/a/b/-/jobs' });
  });

  it('ignores other origins, other shapes and paths that leave the dashboard', () => {
    const token = { type: 'ci-dashboard:token', token: 't', gitlabUrl: 'https://g.example' };
    expect(parseInboundMessage('https://evil.example', token, [PORTAL])).toBeNull();
    expect(parseInboundMessage(PORTAL, token, [])).toBeNull();
    for (const data of [
      null,
      'ci-dashboard:token',
      42,
      { type: 'ci-dashboard:token', token: '' , gitlabUrl: 'x'},
      { type: 'ci-dashboard:theme', theme: 'neon' },
      { type: 'ci-dashboard:navigate', path: '//evil.example/x' },
      { type: 'ci-dashboard:navigate', path: 'https://evil.example/' },
      { type: 'ci-dashboard:navigate', path: '/a\nb' },
      { type: 'ci-dashboard:ready' },
      Object.create(null) as object,
    ]) {
      expect(parseInboundMessage(PORTAL, data, [PORTAL])).toBeNull();
    }
  });
});

describe('portalPath and normalizeOrigin', () => {
  it('keeps the route without embed=1', () => {
    expect(portalPath({ pathname: '/a/b/-/jobs', search: '?embed=1&scope=failed', hash: '#x' })).toBe('/a/b/-/jobs?scope=failed#x');
    expect(portalPath({ pathname: '/', search: '?embed=1', hash: '' })).toBe('/');
  });
  it('normalises origins', () => {
    expect(normalizeOrigin('https://portal.example.com/')).toBe(PORTAL);
    expect(normalizeOrigin('javascript:alert(1)')).toBeNull();
  });
});

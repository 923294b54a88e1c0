import { describe, expect, it } from 'vitest';
import { routerBasename } from './basename.ts';

describe('routerBasename', () => {
  it.each([
    ['http://example.com/', '/'],
    ['http://example.com/ci/', '/ci'],
    ['http://example.com/tools/ci/', '/tools/ci'],
    ['http://example.com/ci/index.html', '/ci'],
    ['http://example.com/index.html', '/'],
    ['not a url', '/'],
  ])('%s -> %s', (base, expected) => {
    expect(routerBasename(base)).toBe(expected);
  });
});

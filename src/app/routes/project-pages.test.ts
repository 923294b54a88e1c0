import { describe, expect, it } from 'vitest';
import { parseProjectLocation } from '../gitlab-paths.ts';
import { matchSegments, parseId } from './project-page.ts';
import { matchProjectPage } from './project-pages.ts';

const title = (splat: string) => {
  const location = parseProjectLocation(splat);
  return location ? (matchProjectPage(location.rest)?.title('acme/backend') ?? null) : null;
};

describe('project pages', () => {
  it.each([
    ['acme/backend/-/jobs', 'Jobs · acme/backend'],
    ['acme/backend/-/jobs/', 'Jobs · acme/backend'],
    ['acme/backend/-/jobs/42', 'Job #42 · acme/backend'],
    ['acme/backend/-/pipelines/7', 'Pipeline #7 · acme/backend'],
    ['acme/backend/-/pipelines/7/failures', 'Failures · Pipeline #7 · acme/backend'],
    ['acme/backend/-/jobs/42/artifacts', 'Artifacts of job #42 · acme/backend'],
    ['acme/backend/-/jobs/42/artifacts/browse', 'Artifacts of job #42 · acme/backend'],
    ['acme/backend/-/jobs/42/artifacts/browse/build/out', 'build/out · Artifacts of job #42 · acme/backend'],
    ['acme/backend/-/jobs/42/artifacts/file/report.xml', 'report.xml · Artifacts of job #42 · acme/backend'],
    ['acme/backend/-/jobs/42/artifacts/raw/a/b.txt', 'a/b.txt · Artifacts of job #42 · acme/backend'],
    ['acme/backend/-/jobs/42/artifacts/browse/data/100% done #1?.txt', 'data/100% done #1?.txt · Artifacts of job #42 · acme/backend'],
    ['acme/backend/-/jobs/42/artifacts/browse/a%2Fb', 'a%2Fb · Artifacts of job #42 · acme/backend'],
  ])('%s is "%s"', (splat, expected) => {
    expect(title(splat)).toBe(expected);
  });

  it.each([
    'acme/backend/-/jobs/abc',
    'acme/backend/-/jobs/0',
    'acme/backend/-/jobs/042',
    'acme/backend/-/Jobs',
    'acme/backend/-/jobs/42/log',
    'acme/backend/-/jobs/42/artifacts/file',
    'acme/backend/-/jobs/42/artifacts/raw',
    'acme/backend/-/jobs/42/artifacts/zip/x',
    'acme/backend/-/pipelines/1/2',
    'acme/backend/-/pipelines/x/failures',
    'acme/backend/-/issues',
  ])('%s is no page', (splat) => {
    expect(title(splat)).toBeNull();
  });
});

describe('matchSegments', () => {
  it('gives the params decoded, splats included', () => {
    expect(matchSegments('jobs/:jobId/artifacts/browse/*', ['jobs', '7', 'artifacts', 'browse', 'a b', 'ü%.txt'])).toEqual({ jobId: '7', '*': 'a b/ü%.txt' });
    expect(matchSegments('jobs/:jobId', ['jobs'])).toBeNull();
  });
});

describe('parseId', () => {
  it.each([
    ['1', 1],
    ['9007199254740991', 9007199254740991],
    ['9007199254740993', null],
    ['01', null],
    ['-1', null],
    ['1e3', null],
    ['', null],
    [null, null],
  ])('%s → %s', (text, id) => {
    expect(parseId(text)).toBe(id);
  });
});

import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GitLabError } from '../gitlab/index.ts';
import { WallErrorBoundary } from './wall-error-boundary.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

describe('WallErrorBoundary', () => {
  it('says what failed, offers to try again and full-page ways out under the build’s folder', async () => {
    // React reports the caught error on the console; it is the point of this test.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    window.history.replaceState(null, '', '/ci/wall?project=a%2Fb');
    let fail = true;
    function Flaky() {
      if (fail) throw new GitLabError({ kind: 'unauthorized', status: 401, url: 'https://gitlab.example.com/api/v4/projects/1' });
      return <p>the wall</p>;
    }
    render(
      <WallErrorBoundary baseUrl="http://localhost:3000/ci/" embedded>
        <Flaky />
      </WallErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open Settings' }).getAttribute('href')).toBe('http://localhost:3000/ci/settings?next=%2Fwall%3Fproject%3Da%252Fb&embed=1');
    expect(screen.getByRole('link', { name: 'Projects' }).getAttribute('href')).toBe('http://localhost:3000/ci/?embed=1');
    await vi.waitFor(() => expect(document.title).toBe('Error · CI Jobs'));

    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('the wall')).toBeTruthy();
  });
});

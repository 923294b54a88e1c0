import { cleanup, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { tokenPageUrl, Welcome } from './welcome.tsx';

afterEach(cleanup);

function renderWelcome(host: string | null, projects: string[], signIn?: ReactNode) {
  const router = createMemoryRouter([{ path: '*', element: <Welcome host={host} projects={projects} signIn={signIn} /> }]);
  render(<RouterProvider router={router} />);
}

describe('the first screen without a token', () => {
  it('offers Sign in with GitLab first where the site has an OAuth application, the token after it', () => {
    renderWelcome('https://gitlab.example.com', [], <button type="button">Sign in with GitLab</button>);
    const welcome = screen.getByRole('region', { name: 'Connect to GitLab' });
    expect(within(welcome).getByRole('button', { name: 'Sign in with GitLab' })).toBeTruthy();
    expect(welcome.textContent).toContain('Or use a personal access token instead');
  });

  it('says what to do: a token with the scopes named, and where to make one; no sign-in the site does not offer', () => {
    renderWelcome('https://gitlab.example.com', []);
    const welcome = screen.getByRole('region', { name: 'Connect to GitLab' });
    expect(welcome.textContent).not.toContain('Sign in');
    expect(welcome.textContent).toMatch(/read_api.*to look at jobs, or api to also cancel, retry and run/);
    expect(within(welcome).getByRole('link', { name: 'Open Settings' }).getAttribute('href')).toBe('/settings');
    const create = within(welcome).getByRole('link', { name: 'create one in GitLab' });
    expect(create.getAttribute('href')).toBe('https://gitlab.example.com/-/user_settings/personal_access_tokens?name=CI+Jobs+dashboard&scopes=read_api');
    expect(screen.queryByRole('button', { name: /try again/i })).toBeNull();
  });

  it('lists the site’s defaultProjects as links to their jobs', () => {
    renderWelcome(null, ['acme/platform/backend', 'acme/tools/big-history']);
    const list = screen.getByRole('list', { name: 'Projects on this dashboard' });
    const links = within(list).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/acme/platform/backend/-/jobs', '/acme/tools/big-history/-/jobs']);
    // Without a known host, the address is the first thing to enter.
    expect(screen.getByRole('region', { name: 'Connect to GitLab' }).textContent).toContain('Enter your GitLab’s address in Settings, then paste a personal access token');
  });

  it('links to a token page only on an http(s) GitLab, under its sub-path', () => {
    expect(tokenPageUrl('https://example.com/gitlab')).toBe('https://example.com/gitlab/-/user_settings/personal_access_tokens?name=CI+Jobs+dashboard&scopes=read_api');
    expect(tokenPageUrl('javascript:alert(1)')).toBeNull();
  });
});

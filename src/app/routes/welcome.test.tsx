import { cleanup, render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { tokenPageUrl, Welcome } from './welcome.tsx';

afterEach(cleanup);

function renderWelcome(host: string | null, projects: string[]) {
  const router = createMemoryRouter([{ path: '*', element: <Welcome host={host} projects={projects} /> }]);
  render(<RouterProvider router={router} />);
}

describe('the first screen without a token', () => {
  it('says what to do: sign in, or a token with the scopes named, and where to make one', () => {
    renderWelcome('https://gitlab.example.com', []);
    const welcome = screen.getByRole('region', { name: 'Connect to GitLab' });
    expect(welcome.textContent).toContain('Sign in with GitLab in Settings');
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
    expect(screen.getByRole('region', { name: 'Connect to GitLab' }).textContent).toContain('after entering your GitLab’s address');
  });

  it('links to a token page only on an http(s) GitLab, under its sub-path', () => {
    expect(tokenPageUrl('https://example.com/gitlab')).toBe('https://example.com/gitlab/-/user_settings/personal_access_tokens?name=CI+Jobs+dashboard&scopes=read_api');
    expect(tokenPageUrl('javascript:alert(1)')).toBeNull();
  });
});

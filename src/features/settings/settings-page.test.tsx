import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsPage, type SettingsPageProps } from './settings-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderPage(props: Partial<SettingsPageProps> = {}) {
  const onSave = vi.fn();
  const onDisconnect = vi.fn();
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SettingsPage initial={{ host: '', token: '', remember: false }} canDisconnect={false} onSave={onSave} onDisconnect={onDisconnect} {...props} />
    </QueryClientProvider>,
  );
  return { onSave, onDisconnect };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Renders the page, fills in an address and a token GitLab refuses (401), and tests them: the alert is on screen. */
async function failATest(user: ReturnType<typeof userEvent.setup>) {
  vi.stubGlobal('fetch', vi.fn(async () => json({ message: '401 Unauthorized' }, 401)));
  const { onSave } = renderPage();
  await user.type(screen.getByLabelText('GitLab address'), 'https://gitlab.example.com');
  await user.type(screen.getByLabelText('Personal access token'), 'nope');
  await user.click(screen.getByRole('button', { name: 'Test connection' }));
  const alert = await screen.findByRole('alert');
  return { onSave, alert };
}

/** A GitLab that answers the three calls of a connection test. */
function stubGitLab(scopes: string[] | null) {
  const fetch = vi.fn(async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith('/api/v4/user')) return json({ id: 1, name: 'Sim Admin', username: 'root' });
    if (url.endsWith('/api/v4/version')) return json({ version: '17.11.0-ee', revision: 'abc' });
    if (url.endsWith('/api/v4/personal_access_tokens/self')) {
      return scopes ? json({ id: 9, name: 't', scopes, active: true, revoked: false }) : json({ message: '404 Not Found' }, 404);
    }
    return json({ message: '404 Not Found' }, 404);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('SettingsPage', () => {
  it('asks for the token in a password field and does not remember it by default', () => {
    renderPage();
    expect(screen.getByLabelText('Personal access token').getAttribute('type')).toBe('password');
    expect((screen.getByLabelText('Remember on this device') as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByRole('button', { name: 'Disconnect' })).toBeNull();
  });

  it('saves the normalised address, the token and the remember choice', async () => {
    const user = userEvent.setup();
    const { onSave } = renderPage();
    await user.type(screen.getByLabelText('GitLab address'), 'gitlab.example.com/api/v4/');
    await user.type(screen.getByLabelText('Personal access token'), ' glpat-abc ');
    await user.click(screen.getByLabelText('Remember on this device'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith({ host: 'https://gitlab.example.com', token: 'glpat-abc', remember: true });
  });

  it('refuses an address that is not http(s), before any request', async () => {
    const user = userEvent.setup();
    const fetch = stubGitLab(['api']);
    const { onSave } = renderPage();
    await user.type(screen.getByLabelText('GitLab address'), 'ftp://gitlab.example.com');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(screen.getByText('This is not an http or https address.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    [['api'], 'can act'],
    [['read_api'], 'read only'],
    [null, 'unknown'],
  ])('a token with scopes %j is reported as "%s", with the version and the user', async (scopes, word) => {
    const user = userEvent.setup();
    const fetch = stubGitLab(scopes);
    renderPage();
    await user.type(screen.getByLabelText('GitLab address'), 'https://gitlab.example.com');
    await user.type(screen.getByLabelText('Personal access token'), 'glpat-abc');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const report = await screen.findByRole('region', { name: 'Connection test result' });
    expect(report.textContent).toContain('17.11.0-ee');
    expect(report.textContent).toContain('Sim Admin');
    expect(report.textContent).toContain(word);
    // The token went in a header, never in a URL.
    for (const [input, init] of fetch.mock.calls as unknown as Array<[string, RequestInit | undefined]>) {
      expect(String(input)).not.toContain('glpat-abc');
      expect(new Headers(init?.headers).get('PRIVATE-TOKEN')).toBe('glpat-abc');
    }
  });

  it('shows GitLab’s refusal with its words and a retry', async () => {
    const user = userEvent.setup();
    const { alert } = await failATest(user);
    expect(alert.textContent).toContain('Not signed in');
    expect(alert.textContent).toContain('401 Unauthorized');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('asks before saving a connection whose test just failed; saves only on "Save anyway"', async () => {
    const user = userEvent.setup();
    const { onSave } = await failATest(user);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const ask = await screen.findByRole('dialog', { name: 'Save a connection that failed its test?' });
    expect(ask.textContent).toContain('Not signed in');
    expect(onSave).not.toHaveBeenCalled();
    await user.click(within(ask).getByRole('button', { name: 'Go back' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onSave).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Save anyway' }));
    expect(onSave).toHaveBeenCalledWith({ host: 'https://gitlab.example.com', token: 'nope', remember: false });
  });

  it('saves without asking once the values changed after a failed test', async () => {
    const user = userEvent.setup();
    const { onSave } = await failATest(user);
    await user.type(screen.getByLabelText('Personal access token'), 'X');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onSave).toHaveBeenCalledWith({ host: 'https://gitlab.example.com', token: 'nopeX', remember: false });
  });

  it('offers Disconnect when this browser holds a connection', async () => {
    const user = userEvent.setup();
    const { onDisconnect } = renderPage({ canDisconnect: true, initial: { host: 'https://gitlab.example.com', token: 't', remember: true } });
    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    expect(onDisconnect).toHaveBeenCalled();
  });
});

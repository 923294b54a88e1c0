import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { describeError, tryNormalizeHost, type Connection } from '../../gitlab/index.ts';
import { ErrorState } from '../../ui/index.ts';
import { Dialog } from '../../ui/popups.ts';
import { ConnectionReport } from './connection-report.tsx';
import { testConnection } from './test-connection.ts';
import './settings.css';

export interface SettingsValues {
  host: string;
  token: string;
  remember: boolean;
}

export interface SettingsPageProps {
  /** What is saved now (empty strings when nothing is). */
  initial: SettingsValues;
  /** True when this browser holds a saved connection, so Disconnect has something to forget. */
  canDisconnect: boolean;
  /** Where the saved values came from when not from this browser (e.g. "config.json"). */
  source?: string;
  /** False when this browser will not keep what is saved here (embedded, or storage blocked). */
  persistent?: boolean;
  onSave: (values: SettingsValues) => void;
  onDisconnect: () => void;
}

/**
 * The connection form: GitLab address, personal access token (never shown back, never put in
 * a URL), "remember on this device" (off: the token lives for this browser session only),
 * a test that says which GitLab and which user answered and whether the token can act.
 */
export function SettingsPage({ initial, canDisconnect, source, persistent = true, onSave, onDisconnect }: SettingsPageProps) {
  const [host, setHost] = useState(initial.host);
  const [token, setToken] = useState(initial.token);
  const [remember, setRemember] = useState(initial.remember);
  const [hostError, setHostError] = useState<string | null>(null);
  // Save pressed right after a failed test of the same values: ask before saving.
  const [confirmFailed, setConfirmFailed] = useState(false);
  const ids = { host: useId(), hostHint: useId(), hostError: useId(), token: useId(), tokenHint: useId(), remember: useId() };

  const test = useMutation({
    mutationFn: (conn: Connection) => testConnection(conn),
  });

  function readConnection(): Connection | null {
    const normalized = tryNormalizeHost(host);
    if (!normalized) {
      setHostError(host.trim() === '' ? 'Enter the address you open GitLab with.' : 'This is not an http or https address.');
      return null;
    }
    setHostError(null);
    const trimmedToken = token.trim();
    return trimmedToken ? { host: normalized, token: trimmedToken } : { host: normalized };
  }

  function handleTest() {
    const conn = readConnection();
    if (conn) test.mutate(conn);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const conn = readConnection();
    if (!conn) return;
    if (test.isError) {
      setConfirmFailed(true);
      return;
    }
    onSave({ host: conn.host, token: conn.token ?? '', remember });
  }

  function saveAnyway() {
    setConfirmFailed(false);
    const conn = readConnection();
    if (conn) onSave({ host: conn.host, token: conn.token ?? '', remember });
  }

  function handleChange() {
    if (test.status !== 'idle') test.reset();
  }

  return (
    <div className="settings">
      <div className="page-header">
        <h1>Settings</h1>
      </div>
      {source ? <p className="muted">The current connection comes from {source}. Saving here replaces it in this browser.</p> : null}
      {persistent ? null : (
        <p className="banner" role="status">
          Settings won’t be remembered here: this page may not use the browser’s storage (it is embedded in another site, or storage is blocked). What you save lasts until this page is closed.
        </p>
      )}
      <form onSubmit={handleSubmit} noValidate aria-label="GitLab connection">
        <div className="field">
          <label htmlFor={ids.host}>GitLab address</label>
          <input
            id={ids.host}
            type="text"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            placeholder="https://gitlab.example.com"
            value={host}
            aria-describedby={hostError ? `${ids.hostHint} ${ids.hostError}` : ids.hostHint}
            aria-invalid={hostError ? true : undefined}
            onChange={(e) => {
              setHost(e.target.value);
              handleChange();
            }}
          />
          <span id={ids.hostHint} className="field__hint">
            The address you open GitLab with, including a path prefix such as <code>/gitlab</code> if it has one.
          </span>
          {hostError ? (
            <span id={ids.hostError} className="tone-danger">
              {hostError}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={ids.token}>Personal access token</label>
          <input
            id={ids.token}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            aria-describedby={ids.tokenHint}
            onChange={(e) => {
              setToken(e.target.value);
              handleChange();
            }}
          />
          <span id={ids.tokenHint} className="field__hint">
            Scope <code>read_api</code> to look, <code>api</code> to cancel, retry or run jobs. It is sent only to this GitLab, in a header.
          </span>
        </div>
        <div className="field">
          <div className="checkbox">
            <input id={ids.remember} type="checkbox" checked={remember && persistent} disabled={!persistent} onChange={(e) => setRemember(e.target.checked)} />
            <label htmlFor={ids.remember}>Remember on this device</label>
          </div>
          <span className="field__hint">
            Off: the token is forgotten when this browser session ends. On: it stays in this browser’s storage until you disconnect.
          </span>
        </div>
        <div className="inline-form">
          <button type="button" className="button" onClick={handleTest} disabled={test.isPending}>
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
          <button type="submit" className="button button--primary">
            Save
          </button>
          {canDisconnect ? (
            <button type="button" className="button button--danger" onClick={onDisconnect}>
              Disconnect
            </button>
          ) : null}
        </div>
      </form>
      <div className="settings__result" aria-live="polite">
        {test.isSuccess ? <ConnectionReport result={test.data} /> : null}
        {test.isError ? <ErrorState error={test.error} onRetry={handleTest} /> : null}
      </div>
      {confirmFailed && test.isError ? (
        <Dialog
          open
          title="Save a connection that failed its test?"
          onClose={() => setConfirmFailed(false)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setConfirmFailed(false)}>
                Go back
              </button>
              <button type="button" className="button button--danger" onClick={saveAnyway}>
                Save anyway
              </button>
            </>
          }
        >
          <p>
            The test just failed: <strong>{describeError(test.error).title}</strong>. Saved as it is, the dashboard will show this error on
            every page until the address or token is fixed.
          </p>
        </Dialog>
      ) : null}
    </div>
  );
}

import { useId, useState } from 'react';

export interface SignInWithGitLabProps {
  /** The GitLab this site's OAuth application belongs to. */
  host: string;
  busy: boolean;
  /** What went wrong the last time, in words. */
  error: string | null;
  /** False where nothing can be remembered (embedded, or storage blocked). */
  persistent: boolean;
  onSignIn(remember: boolean): void;
}

/** "Sign in with GitLab" instead of pasting a token (OAuth 2 + PKCE; the token is kept like a personal one). */
export function SignInWithGitLab({ host, busy, error, persistent, onSignIn }: SignInWithGitLabProps) {
  const [remember, setRemember] = useState(false);
  const id = useId();
  return (
    <section className="sign-in" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Sign in with GitLab</h2>
      <p className="muted">
        GitLab asks you to allow this dashboard, then hands it a token for <strong>{host}</strong> that it renews by itself. No token to create or paste.
      </p>
      <div className="inline-form">
        <button type="button" className="button button--primary" disabled={busy} onClick={() => onSignIn(remember && persistent)}>
          {busy ? 'Signing in…' : 'Sign in with GitLab'}
        </button>
        <span className="checkbox">
          <input id={`${id}-r`} type="checkbox" checked={remember && persistent} disabled={!persistent} onChange={(e) => setRemember(e.target.checked)} />
          <label htmlFor={`${id}-r`}>Remember on this device</label>
        </span>
      </div>
      {error ? (
        <p className="tone-danger" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
